/// A sales team: the unit of visibility. Everything a user sees belongs to their team.
public struct Team: Sendable, Hashable {
    public let id: Int64
    public let name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}
