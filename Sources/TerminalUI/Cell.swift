/// One terminal cell: a grapheme (which may take two columns) and what it means.
///
/// A wide grapheme sits in its first cell; the cell to its right is a continuation (empty text)
/// that is never drawn on its own.
public struct Cell: Equatable, Hashable, Sendable {
    public var text: Character?
    public var role: Role

    public init(_ text: Character? = " ", role: Role = .normal) {
        self.text = text
        self.role = role
    }

    /// The cell covered by the wide grapheme to its left.
    public static func continuation(role: Role) -> Cell { Cell(nil, role: role) }

    public static let blank = Cell()

    public var isContinuation: Bool { text == nil }
}
