/// An incoming attachment as a message view lists it: its name and size, and whether Rapport keeps
/// its bytes (the others are in Gmail only).
public struct AttachmentSummary: Sendable, Hashable {
    public let filename: String
    public let size: Int
    public let isKept: Bool

    public init(filename: String, size: Int, isKept: Bool) {
        self.filename = filename
        self.size = size
        self.isKept = isKept
    }
}
