/// A Rapport user, mapped one-to-one to an OS login on the machine that runs Rapport.
public struct User: Sendable, Hashable {
    public let id: Int64
    public let login: String
    public let name: String
    public let teamID: Int64
    public let isAdmin: Bool

    public init(id: Int64, login: String, name: String, teamID: Int64, isAdmin: Bool) {
        self.id = id
        self.login = login
        self.name = name
        self.teamID = teamID
        self.isAdmin = isAdmin
    }

    /// What this user may see: their own team, or every team for an administrator.
    public var scope: Scope { isAdmin ? .everyone : .team(teamID) }

    /// True when a valid login: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or `_`.
    public static func isValidLogin(_ login: String) -> Bool {
        guard let first = login.unicodeScalars.first, login.unicodeScalars.count <= 64 else { return false }
        guard first == "_" || ("a"..."z").contains(first) else { return false }
        return login.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)
        }
    }
}

/// The slice of the store a query may touch.
public enum Scope: Sendable, Hashable {
    /// One team's records only.
    case team(Int64)
    /// Every team's records: administrators only.
    case everyone

    /// The team id to bind in `(? IS NULL OR team_id = ?)` filters; nil means every team.
    public var teamID: Int64? {
        if case .team(let id) = self { return id }
        return nil
    }

    /// Whether a record of `team` is visible in this scope.
    public func contains(team: Int64) -> Bool {
        switch self {
        case .everyone: return true
        case .team(let id): return id == team
        }
    }
}
