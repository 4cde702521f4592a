import Foundation

/// Notes of long write jobs: a bulk writer (a contact import, a mail import, a merge) commits a note
/// of who runs it before it starts and removes it when done, so a writer kept waiting past the limit
/// can say who held the database, and doctor can list jobs that run now.
extension Store {
    /// Runs `body` with a note saying `login` runs `command` in this process; the note goes when it ends.
    public func noting<T>(command: String, by login: String?, _ body: () throws -> T) throws -> T {
        let holder = LeaseHolder.make()
        try db.write {
            try db.execute("INSERT OR REPLACE INTO writer_notes (holder, user_login, command, since) VALUES (?, ?, ?, ?)",
                           holder, login, command, timestamp)
        }
        defer { try? db.write { try db.execute("DELETE FROM writer_notes WHERE holder = ?", holder) } }
        return try body()
    }

    /// The long write jobs running now, in words: "contact import by alice since 02:10:05 UTC (process
    /// 12 on host)". Notes of killed processes of this machine are left out.
    public func writerNotes() throws -> [String] {
        let format = DateFormatter()
        format.dateFormat = "HH:mm:ss 'UTC'"
        format.timeZone = TimeZone(identifier: "UTC")
        return try db.query("SELECT holder, user_login, command, since FROM writer_notes ORDER BY since").compactMap { row in
            let holder = try row.string("holder")
            guard !LeaseHolder.isDeadLocalProcess(holder) else { return nil }
            let parts = holder.split(separator: ":")
            let process = parts.count >= 2 ? " (process \(parts[1]) on \(parts[0]))" : ""
            let who = row.optionalString("user_login").map { " by \($0)" } ?? ""
            return "\(try row.string("command"))\(who) since \(format.string(from: try row.date("since")))\(process)"
        }
    }
}
