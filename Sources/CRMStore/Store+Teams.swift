import CRMCore
import Foundation

extension Store {
    /// Creates a team; its name must be new (case-insensitively).
    @discardableResult
    public func addTeam(name: String) throws -> Team {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.nameMissing(.team) }
        return try db.write {
            if try team(named: name) != nil { throw Refusal.nameTaken(.team, name: name) }
            try db.execute("INSERT INTO teams (name, created_at) VALUES (?, ?)", name, timestamp)
            return Team(id: db.lastInsertRowID, name: name)
        }
    }

    public func team(named name: String) throws -> Team? {
        try db.first("SELECT id, name FROM teams WHERE name = ? COLLATE NOCASE", name).map(Self.team)
    }

    public func teams() throws -> [Team] {
        try db.query("SELECT id, name FROM teams ORDER BY name COLLATE NOCASE").map(Self.team)
    }

    /// Creates a user for an OS login in an existing team.
    @discardableResult
    public func addUser(login: String, name: String, teamName: String, isAdmin: Bool) throws -> User {
        guard User.isValidLogin(login) else {
            throw Refusal.notALogin(login)
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.nameMissing(.user) }
        return try db.write {
            guard let team = try team(named: teamName) else {
                throw Refusal.noSuchTeam(teamName)
            }
            if try user(login: login) != nil { throw Refusal.nameTaken(.user, name: login) }
            try db.execute("INSERT INTO users (login, name, team_id, is_admin, created_at) VALUES (?, ?, ?, ?, ?)",
                           login, name, team.id, isAdmin, timestamp)
            return User(id: db.lastInsertRowID, login: login, name: name, teamID: team.id, isAdmin: isAdmin)
        }
    }

    public func user(login: String) throws -> User? {
        try db.first("SELECT id, login, name, team_id, is_admin FROM users WHERE login = ?", login).map(Self.user)
    }

    public func user(id: Int64) throws -> User? {
        try db.first("SELECT id, login, name, team_id, is_admin FROM users WHERE id = ?", id).map(Self.user)
    }

    /// The users visible in `scope`.
    public func users(in scope: Scope) throws -> [User] {
        try db.query("""
            SELECT id, login, name, team_id, is_admin FROM users
            WHERE (?1 IS NULL OR team_id = ?1) ORDER BY login
            """, scope.teamID).map(Self.user)
    }

    /// Whether any user exists yet.
    public func hasUsers() throws -> Bool {
        try db.first("SELECT 1 FROM users LIMIT 1") != nil
    }

    /// Whether any user is an administrator (until then, the owner of a shared home administers it).
    public func hasAdministrator() throws -> Bool {
        try db.first("SELECT 1 FROM users WHERE is_admin LIMIT 1") != nil
    }

    static func team(_ row: Row) throws -> Team {
        try Team(id: row.int64("id"), name: row.string("name"))
    }

    static func user(_ row: Row) throws -> User {
        try User(id: row.int64("id"), login: row.string("login"), name: row.string("name"), teamID: row.int64("team_id"),
                 isAdmin: row.bool("is_admin"))
    }
}
