import CRMCore
import CRMStore
import Foundation
import Testing

/// `rapport backup` and `rapport restore`: a copy made during a sync is whole and holds what was
/// committed before it; a restore puts it back and keeps the database it replaced, and refuses a
/// bad file or a database in use.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct CLIBackupTests {
    @Test func aBackupDuringASyncIsWholeAndHoldsWhatWasCommittedBefore() throws {
        let setup = try CLISyncTests.SyncHome(messages: 400, latency: 0.01)
        let home = setup.home
        let sync = try home.start(["sync", "--once"], as: "ann", environment: setup.environment)
        defer { if sync.isRunning { kill(sync.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(60)
        while (Int(try home.sqlite("SELECT count(*) FROM incoming_emails").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) < 20 {
            guard Date() < deadline, sync.isRunning else { Issue.record("the sync stored no mail"); return }
            usleep(50_000)
        }
        try home.ok(["contact", "add", "--name", "Dora", "--email", "dora@client.example"], as: "ann")
        let before = try home.sqlite("SELECT gmail_id FROM incoming_emails ORDER BY gmail_id")
            .split(separator: "\n").map(String.init)
        let copy = home.folder.appendingPathComponent("copy.db")
        let result = try home.run(["backup", copy.path], as: "ann")
        #expect(result.status == 0, "\(result)")
        #expect(sync.isRunning, "the sync was still writing while the copy was made")
        #expect(try home.sqlite("PRAGMA integrity_check", in: copy) == "ok")
        let copied = Set(try home.sqlite("SELECT gmail_id FROM incoming_emails", in: copy).split(separator: "\n").map(String.init))
        #expect(before.allSatisfy(copied.contains), "every message stored before the backup is in it")
        #expect(try home.sqlite("SELECT count(*) FROM contact_emails WHERE address = 'dora@client.example'", in: copy) == "1")
        var info = stat()
        #expect(lstat(copy.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        sync.waitUntilExit()
    }

    @Test func aRestorePutsTheBackupBackAndKeepsTheDatabaseItReplaced() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Before", "--email", "before@client.example"], as: "ann")
        let copy = home.folder.appendingPathComponent("copy.db")
        try home.ok(["backup", copy.path], as: "ann")
        try home.ok(["contact", "add", "--name", "After", "--email", "after@client.example"], as: "ann")
        try home.run(["backup", copy.path], as: "ann").expectOneLine(["exists", "--force"])
        let restored = try home.ok(["restore", copy.path], as: "ada")
        #expect(restored.contains("before-restore-"))
        let list = try home.ok(["contact", "list"], as: "ann")
        #expect(list.contains("before@client.example") && !list.contains("after@client.example"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: home.folder.path)
            .filter { $0.hasPrefix("rapport.db.before-restore-") }
        #expect(kept.count == 1)
        let old = home.folder.appendingPathComponent(kept[0])
        #expect(try home.sqlite("SELECT count(*) FROM contact_emails WHERE address = 'after@client.example'", in: old) == "1")
        let again = try home.ok(["restore", copy.path], as: "ada")
        #expect(again.contains("before-restore-"), "a second restore in the same second keeps its own copy too")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.folder.path)
            .filter { $0.hasPrefix("rapport.db.before-restore-") }.count == 2)
    }

    @Test func aBackupIsNeverWrittenThroughALinkNorOverAFileUnlessTold() throws {
        let home = try CLIHome.withTwoTeams()
        let victim = home.folder.appendingPathComponent("victim")
        try "keep".write(to: victim, atomically: true, encoding: .utf8)
        let link = home.folder.appendingPathComponent("link.db")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        try home.run(["backup", link.path], as: "ann").expectOneLine(["exists"])
        try home.ok(["backup", "--force", link.path], as: "ann")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep", "the link was replaced, not followed")
        #expect(try home.sqlite("PRAGMA integrity_check", in: link) == "ok")
    }

    @Test func aRestoreIsRefusedWhileTheDatabaseIsInUse() throws {
        let home = try CLIHome.withTwoTeams()
        let copy = home.folder.appendingPathComponent("copy.db")
        try home.ok(["backup", copy.path], as: "ann")
        try home.ok(["contact", "add", "--name", "Kept", "--email", "kept@client.example"], as: "ann")
        // Another process with the database open (here this test's own connection).
        var other: Store? = try Store(path: home.database.path, create: false)
        _ = try other?.hasAdministrator()
        try home.run(["restore", copy.path], as: "ada").expectOneLine(["in use", "nothing was changed"])
        other = nil
        // A live sync lease (held in this test process's name), even with no connection open.
        _ = try home.sqlite("INSERT INTO sync_leases VALUES (1, '\(LeaseHolder.make())', \(Int(Date().timeIntervalSince1970) + 600))")
        try home.run(["restore", copy.path], as: "ada").expectOneLine(["sync", "running", "nothing was changed"])
        #expect(try home.ok(["contact", "list"], as: "ann").contains("kept@client.example"))
        let files = try FileManager.default.contentsOfDirectory(atPath: home.folder.path)
        #expect(!files.contains { $0.contains("before-restore") || $0.contains("partial") })
    }

    @Test func aFileThatIsNotAWholeRapportDatabaseIsRefused() throws {
        let home = try CLIHome.withTwoTeams()
        let junk = home.folder.appendingPathComponent("junk.db")
        try "not a database at all".write(to: junk, atomically: true, encoding: .utf8)
        try home.run(["restore", junk.path], as: "ada").expectOneLine(["cannot be restored", "nothing was changed"])
        let other = home.folder.appendingPathComponent("other.db")
        _ = try home.sqlite("CREATE TABLE t (x); INSERT INTO t VALUES (1);", in: other)
        try home.run(["restore", other.path], as: "ada").expectOneLine(["not Rapport's"])
        let newer = home.folder.appendingPathComponent("newer.db")
        try home.ok(["backup", newer.path], as: "ann")
        _ = try home.sqlite("INSERT INTO schema_migrations (name, applied_at) VALUES ('999_future', 0)", in: newer)
        try home.run(["restore", newer.path], as: "ada").expectOneLine(["newer Rapport"])
        try home.run(["restore", home.folder.appendingPathComponent("missing.db").path], as: "ada")
            .expectOneLine(["cannot read"])
    }
}
