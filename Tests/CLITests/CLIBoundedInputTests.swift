import Foundation
import Testing

/// What a command reads from a file or standard input is a regular file, a pipe or a terminal, and at
/// most a limit: anything else is one line and exit 1, never a crash, a hang or gigabytes of memory.
@Suite(.timeLimit(.minutes(2))) struct CLIBoundedInputTests {
    /// Runs the binary with standard input redirected by the shell (`< /tmp`, `<&-`), and a timeout
    /// so that a command that would wait forever fails the test instead.
    private static func redirected(_ redirection: String) -> [String] {
        ["/usr/bin/timeout", "30", "/bin/bash", "-c", "exec \"$0\" \"$@\" \(redirection)"]
    }

    private static let timeout = ["/usr/bin/timeout", "30"]

    private static let compose = ["compose", "--to", "carol@client.example", "--subject", "Hi"]

    private func expectOneLine(_ result: CLIResult, _ words: [String], status: Int32 = 1,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        result.expectOneLine(words, status: status, sourceLocation: sourceLocation)
    }

    @Test func standardInputThatIsAFolderIsRefused() throws {
        let home = try CLIHome.withTwoTeams()
        expectOneLine(try home.run(["parse", "-"], prefix: Self.redirected("< /tmp")),
                      ["cannot read standard input: it is a folder, not a file", "< FILE"])
        expectOneLine(try home.run(Self.compose + ["--body-file", "-"], as: "ann", prefix: Self.redirected("< /tmp")),
                      ["cannot read the body from standard input: it is a folder"])
    }

    @Test func closedStandardInputIsRefused() throws {
        let home = try CLIHome.withTwoTeams()
        expectOneLine(try home.run(["parse", "-"], prefix: Self.redirected("<&-")),
                      ["cannot read standard input: it is closed", "name a file instead of -"])
        let compose = try home.run(Self.compose + ["--body-file", "-"], as: "ann", prefix: Self.redirected("<&-"))
        expectOneLine(compose, ["cannot read the body from standard input: it is closed"])
        // Open only for writing counts as closed: nothing can be read from it.
        let writeOnly = home.folder.appendingPathComponent("write-only").path
        expectOneLine(try home.run(["parse", "-"], prefix: Self.redirected("0>\(writeOnly)")),
                      ["standard input: it is closed"])
        #expect(try home.ok(["outbox", "--json"], as: "ann") == "[]\n", "no draft was made")
    }

    /// Closed standard output and error are not a crash either: there is just nowhere to write.
    @Test func closedStandardOutputAndErrorAreNotACrash() throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann",
                                  prefix: Self.redirected(">&- 2>&-"))
        #expect(result.status == 0, "\(result)")
        #expect(try home.ok(["contact", "list"], as: "ann").contains("Carol"))
    }

    @Test func aPipeOnStandardInputStillWorks() throws {
        let home = try CLIHome()
        let result = try home.run(["parse", "--json", "-"], stdin: "Subject: piped\r\n\r\nhello\r\n")
        #expect(result.status == 0, "\(result)")
        #expect((try result.json() as? [String: Any])?["subject"] as? String == "piped")
        let shell = try home.run(["parse", "--json", "-"],
                                 prefix: ["/bin/bash", "-c", "printf 'Subject: shell\\r\\n\\r\\nx' | \"$0\" \"$@\""])
        #expect((try shell.json() as? [String: Any])?["subject"] as? String == "shell", "\(shell)")
    }

    @Test func aDeviceIsNotAMessage() throws {
        let home = try CLIHome()
        expectOneLine(try home.run(["parse", "/dev/zero"], prefix: Self.timeout),
                      ["cannot read /dev/zero: it is a device, not a file"])
        // Through standard input a device is read like any stream, and stopped at the limit.
        expectOneLine(try home.run(["parse", "--max-size", "1", "-"], prefix: Self.redirected("< /dev/zero")),
                      ["cannot read standard input: it is larger than 1 MB", "--max-size"])
    }

    /// A FIFO named on the command line is refused at once by every command that reads a file.
    @Test func aNamedPipeIsRefusedNotWaitedOn() throws {
        let home = try CLIHome.withTwoTeams()
        let pipe = home.folder.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let fifo = "it is a named pipe (FIFO), not a file"
        expectOneLine(try home.run(["parse", pipe], prefix: Self.timeout), ["cannot read \(pipe): \(fifo)", "give -"])
        expectOneLine(try home.run(Self.compose + ["--body-file", pipe], as: "ann", prefix: Self.timeout),
                      ["cannot read the body from \(pipe): \(fifo)"])
        expectOneLine(try home.run(Self.compose + ["--body", "b", "--attach", pipe], as: "ann", prefix: Self.timeout),
                      ["cannot attach \(pipe): \(fifo); name a regular file"])
        expectOneLine(try home.run(["contact", "import", pipe], as: "ann", prefix: Self.timeout),
                      ["cannot read \(pipe): \(fifo)"])
        expectOneLine(try home.run(["import", "mbox", pipe], as: "ann", prefix: Self.timeout),
                      ["cannot read \(pipe): \(fifo)"])
        // (Only the last line: how the client secret is given may earn a warning of its own.)
        let account = try home.run(["account", "add", "ann@alpha.example", "--client-id", "c", "--client-secret", "s",
                                    "--refresh-token-file", pipe], as: "ann", prefix: Self.timeout)
        #expect(account.status == 1, "\(account)")
        #expect(account.errorLines.last?.contains("cannot read the refresh token file \(pipe): \(fifo); name a regular file")
                == true, "\(account.stderr)")
        #expect(try home.ok(["outbox", "--json"], as: "ann") == "[]\n")
    }

    @Test func aFolderNamedAsAFileIsRefused() throws {
        let home = try CLIHome.withTwoTeams()
        expectOneLine(try home.run(["parse", home.folder.path]), ["it is a folder, not a file; name a file in it"])
        expectOneLine(try home.run(Self.compose + ["--body", "b", "--attach", home.folder.path], as: "ann"),
                      ["cannot attach \(home.folder.path): it is a folder"])
    }

    @Test func aMessageOverTheLimitIsRefusedNamingIt() throws {
        let home = try CLIHome()
        let file = home.folder.appendingPathComponent("big.eml")
        try Data(("Subject: big\r\n\r\n" + String(repeating: "x", count: (1 << 20) + 10)).utf8).write(to: file)
        expectOneLine(try home.run(["parse", "--max-size", "1", file.path]),
                      ["cannot read \(file.path): it is larger than 1 MB", "raise the limit with --max-size MB"])
        #expect(try home.run(["parse", "--max-size", "2", file.path]).status == 0)
        // 100 MB by default: a sparse file of 101 MB is refused without being read.
        let sparse = home.folder.appendingPathComponent("sparse.eml")
        #expect(FileManager.default.createFile(atPath: sparse.path, contents: nil))
        #expect(truncate(sparse.path, 101 << 20) == 0)
        expectOneLine(try home.run(["parse", sparse.path]), ["it is larger than 100 MB"])
        expectOneLine(try home.run(["parse", "--max-size", "0", file.path]),
                      ["--max-size 0 is out of range; use a whole number from 1 to 4096 (MB)"], status: 2)
    }

    @Test func anAttachmentOrBodyOverGmailsLimitIsRefused() throws {
        let home = try CLIHome.withTwoTeams()
        let sparse = home.folder.appendingPathComponent("huge.pdf")
        #expect(FileManager.default.createFile(atPath: sparse.path, contents: nil))
        #expect(truncate(sparse.path, 26 << 20) == 0)
        expectOneLine(try home.run(Self.compose + ["--body", "b", "--attach", sparse.path], as: "ann"),
                      ["cannot attach \(sparse.path): it is larger than 25 MB", "share it by link"])
        expectOneLine(try home.run(Self.compose + ["--body-file", sparse.path], as: "ann"),
                      ["cannot read the body from \(sparse.path): it is larger than 25 MB"])
    }

    /// A link named on the command line is followed when it is the caller's; one planted by another
    /// user (in a shared folder, say) is not, so it cannot steer Rapport into reading the caller's files.
    @Test func linksAreFollowedOnlyWhenTheCallersOwn() throws {
        let home = try CLIHome()
        let message = home.folder.appendingPathComponent("m.eml")
        try Data("Subject: linked\r\n\r\nx".utf8).write(to: message)
        let link = home.folder.appendingPathComponent("link.eml").path
        #expect(symlink(message.path, link) == 0)
        let followed = try home.run(["parse", "--json", link])
        #expect((try followed.json() as? [String: Any])?["subject"] as? String == "linked", "\(followed)")
        guard getuid() == 0 else { return }
        #expect(lchown(link, 65534, 65534) == 0)
        expectOneLine(try home.run(["parse", link]), ["symbolic link that belongs to another user"])
    }

    /// A FIFO among a Maildir's messages is skipped with a line naming it; the messages import.
    @Test func aFifoInAMaildirIsSkippedAndTheRestImported() throws {
        let home = try CLIHome.withTwoTeams()
        let maildir = home.folder.appendingPathComponent("Mail")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
        for index in 1...2 {
            try Data("Subject: message \(index)\r\nMessage-ID: <m\(index)@client.example>\r\n\r\nbody\r\n".utf8)
                .write(to: maildir.appendingPathComponent("cur/\(index).host:2,S"))
        }
        let pipe = maildir.appendingPathComponent("cur/3.host:2,S").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let result = try home.run(["import", "maildir", maildir.path, "--json"], as: "ann", prefix: Self.timeout)
        #expect(result.status == 0, "\(result)")
        #expect(result.errorLines == ["rapport: skipped \(pipe): it is a named pipe (FIFO), not a file"])
        let summary = try #require(try result.json() as? [String: Any])
        #expect(summary["imported"] as? Int == 2 && summary["skipped"] as? Int == 1 && summary["unreadable"] as? Int == 0)
        #expect(try home.ok(["search", "message"], as: "ann").contains("message 2"))
        let text = try home.run(["import", "maildir", maildir.path], as: "ann", prefix: Self.timeout)
        #expect(text.stdout.contains("skipped 1 that is not a message file"), "\(text)")
    }
}
