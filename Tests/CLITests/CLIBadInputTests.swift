import Foundation
import Testing

/// Bad input gets one clear line on standard error, the right exit code, and loses nothing.
@Suite struct CLIBadInputTests {
    @Test(arguments: [
        (["frobnicate"], "unknown command “frobnicate”"),
        (["contat", "list"], "did you mean rapport contact"),
        (["contact", "remove"], "rapport contact has no command “remove”"),
        (["mail"], "rapport mail needs a command: list, show"),
        (["import", "--json"], "rapport import needs a command: maildir, mbox"),
        (["contact", "add", "--name", "X", "--emial", "x@y.example"], "unknown option --emial"),
        (["contact", "add", "--name", "X"], "needs --email"),
        (["contact", "add", "--name", "X", "--email", "not-an-address"], "“not-an-address” is not an email address"),
        (["contact", "add", "--name"], "--name needs a value"),
        (["outbox", "show"], "needs ID"),
        (["outbox", "show", "seven"], "“seven” is not an outgoing email id"),
        (["outbox", "--status", "lost"], "--status is one of draft, queued, sending, sent, failed"),
        (["compose", "--to", "a@b.example", "--subject", "s", "--body", "b", "--send-at", "next tuesday"],
         "--send-at wants a date and time like 2026-12-01T09:00"),
        (["compose", "--to", "a@b.example", "--subject", "s", "--body", "b", "--send-at", "2026-13-01T09:00"],
         "--send-at wants a date"),
        (["compose", "--to", "a@@b", "--subject", "s", "--body", "b"], "--to: “a@@b” is not an email address"),
        (["compose", "--to", "a@b.example", "--subject", "s"], "needs a body"),
        (["compose", "--to", "a@b.example", "--subject", "s", "--body", "b", "--link", "person:3"], "--link wants"),
        (["activity", "add", "--contact", "1", "--type", "email", "--summary", "x"], "--type is one of note, call, meeting"),
        (["timeline", "1", "--limit", "0"], "--limit 0 is out of range; use a whole number from 1 to 100000 (entries)"),
        (["deal", "add", "--name", "D", "--value", "lots"], "--value wants an amount"),
    ] as [([String], String)])
    func usageErrorsExitTwoWithOneLine(arguments: [String], message: String) throws {
        let home = try CLIHome.withTwoTeams()
        let before = try Data(contentsOf: home.database)
        let result = try home.run(arguments, as: "ann")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.errorLines.count == 1)
        #expect(result.stderr.hasPrefix("rapport: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrac"))
        #expect(try Data(contentsOf: home.database) == before)
    }

    @Test func aFileThatIsNotADatabaseIsLeftUntouched() throws {
        let home = try CLIHome()
        let garbage = Data("This is a shopping list, not a database.\n".utf8) + Data(repeating: 0x20, count: 2000)
        try garbage.write(to: home.database)
        for arguments in [["init"], ["contact", "list"]] {
            let result = try home.run(arguments, as: "ann")
            #expect(result.status == 1)
            #expect(result.errorLines.count == 1)
            #expect(result.stderr.contains("is not a Rapport database (it is not an SQLite file); it was left untouched"))
        }
        #expect(try Data(contentsOf: home.database) == garbage)
    }

    @Test(.enabled(if: CLIHome.canDropPrivileges))
    func aReadOnlyHomeRefusesWritesAndKeepsWhatItHas() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["user", "add", "nobody", "--name", "No Body", "--team", "Alpha"])
        try home.ok(["contact", "add", "--name", "Kept", "--email", "kept@example.com"], as: "ann")
        let before = try Data(contentsOf: home.database)
        // The folder and file belong to root and are read-only for nobody.
        chmod(home.folder.path, 0o755)
        chmod(home.database.path, 0o644)
        let write = try home.run(["contact", "add", "--name", "New", "--email", "new@example.com"],
                                 prefix: CLIHome.asNobody)
        #expect(write.status == 1, "\(write)")
        #expect(write.errorLines.count == 1)
        #expect(write.stderr.hasPrefix("rapport: "))
        #expect(write.stderr.contains("read-only") || write.stderr.contains("cannot open"))
        #expect(try Data(contentsOf: home.database) == before)
        #expect(try home.ok(["contact", "list"], as: "ann").contains("Kept"))
    }

    /// The disk refuses to grow the database in the middle of an import (a file-size limit stands in
    /// for a full disk: the write fails part-way, as it would with no space left).
    @Test func anImportTheDiskCannotHoldSavesNothingAndSaysWhatToDo() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Kept", "--email", "kept@example.com"], as: "ann")
        var csv = "Name,E-mail 1 - Value,Organization 1 - Name\r\n"
        for index in 0..<20_000 {
            csv += "Person \(index) \(String(repeating: "x", count: 300)),p\(index)@import.example,Company \(index % 50)\r\n"
        }
        let file = home.folder.appendingPathComponent("big.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        // 2 MB at most for any file this process writes; SIGXFSZ ignored, so the write fails instead.
        let limited = ["/bin/bash", "-c", #"trap '' XFSZ; ulimit -f 2048; exec "$0" "$@""#]
        let result = try home.run(["contact", "import", file.path], as: "ann", prefix: limited)
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rapport: "))
        #expect(result.stderr.contains("nothing was saved"), "\(result.stderr)")
        #expect(result.stderr.contains("free space") || result.stderr.contains("disk is full"), "\(result.stderr)")
        #expect(!result.stderr.contains("INSERT"), "no SQL for people: \(result.stderr)")
        let list = try home.ok(["contact", "list"], as: "ann")
        #expect(list.contains("Kept") && !list.contains("Person 0"))
        // With room again, the same file imports whole.
        let again = try home.run(["contact", "import", file.path], as: "ann")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("20,000 new contacts") || again.stdout.contains("20000 new contacts"), "\(again.stdout)")
    }

    @Test func unknownIdsAreWorkFailuresNotUsageErrors() throws {
        let home = try CLIHome.withTwoTeams()
        for arguments in [["outbox", "show", "999"], ["timeline", "999"], ["activity", "delete", "999"],
                          ["outbox", "queue", "999"], ["insights", "999"]] {
            let result = try home.run(arguments, as: "ann")
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.errorLines.count == 1)
        }
    }
}
