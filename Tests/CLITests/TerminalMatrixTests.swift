import Foundation
import Testing

/// The real app on the terminals people have, each under a UTF-8 and a C locale: it starts and
/// draws within its 80×24 window (or, where the terminal cannot move the cursor, says so in one
/// line and exits 2 before drawing), and under the C locale the terminal receives no byte above
/// 0x7F. `script` records every byte the app writes; tmux is the terminal it writes to.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct TerminalMatrixTests {
    static let locales = ["C.UTF-8", "C"]

    /// A home with a message whose sender, subject and body are not ASCII, so the C locale has work to do.
    static func home() throws -> CLIHome {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Zoë Müller", "--email", "zoe@client.example"], as: "ann")
        let message = [
            "From: \"Zoë Müller\" <zoe@client.example>", "To: ann@alpha.example",
            "Subject: =?UTF-8?B?" + Data("Café pilot — 日本 ✓".utf8).base64EncodedString() + "?=",
            "Date: Wed, 18 Nov 2026 10:00:00 +0000", "Message-ID: <matrix@client.example>",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
            "Grüße aus Köln… “quoted” 😀 — end of the pilot note.",
        ].joined(separator: "\r\n") + "\r\n"
        let mbox = home.folder.appendingPathComponent("matrix.mbox")
        try ("From zoe@client.example Wed Nov 18 10:00:00 2026\n" + message).write(to: mbox, atomically: true, encoding: .utf8)
        try home.ok(["import", "mbox", mbox.path], as: "ann")
        return home
    }

    /// Runs the app on `type` under `locale` in an 80×24 tmux window; returns the session and the raw output's path.
    static func start(_ home: CLIHome, type: String, locale: String) throws -> (TmuxSession, URL) {
        let raw = home.folder.appendingPathComponent("raw-\(type)-\(locale)")
        try? FileManager.default.removeItem(at: raw)
        let tmux = try TmuxSession("cd / && env -u LC_ALL -u LC_CTYPE TERM=\(type) LANG=\(locale) TZ=UTC "
                                   + "RAPPORT_HOME=\(home.folder.path) RAPPORT_USER=ann "
                                   + "script -qfec \(CLIHome.binary.path) \(raw.path); echo EXIT=$?; sleep 60",
                                   columns: 80, rows: 24)
        return (tmux, raw)
    }

    /// What the app wrote, without the lines `script` adds around it.
    static func output(_ raw: URL) throws -> Data {
        let bytes = try Data(contentsOf: raw)
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let kept = lines.filter {
            !$0.starts(with: Data("Script started".utf8)) && !$0.starts(with: Data("Script done".utf8))
        }
        return Data(kept.joined(separator: [UInt8(ascii: "\n")]))
    }

    @Test(arguments: ["xterm-256color", "screen", "linux", "vt100"])
    func theAppStartsDrawsWithinTheWindowAndKeepsToASCIIUnderTheCLocale(type: String) throws {
        let home = try Self.home()
        for locale in Self.locales {
            let (tmux, raw) = try Self.start(home, type: type, locale: locale)
            let first = try tmux.wait(for: "\(type), \(locale): the mail screen") { $0.contains("Mailboxes") }
            // Imported mail is in All Mail (v v from the Inbox).
            try tmux.keys("Tab", "v", "v")
            _ = try tmux.wait(for: "\(type), \(locale): All Mail") { $0.contains("pilot") }
            try tmux.keys("Enter")
            let message = try tmux.wait(for: "\(type), \(locale): the message") { $0.contains("end of the pilot note") }
            try tmux.keys("q", "q", "q")
            let end = try tmux.wait(for: "EXIT=")
            #expect(end.contains("EXIT=0"), "\(type), \(locale): \(end)")

            for screen in [first, message] {
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(rows.first?.hasPrefix(" Rapport ") == true, "\(type), \(locale): the tab bar is on the top row\n\(screen)")
                #expect(rows.allSatisfy { $0.count <= 80 }, "\(type), \(locale): a row is wider than the window")
                // The frames close on the last column: drawn to the width of the window, not past it.
                let corners: Set<Character> = locale == "C" ? ["+"] : ["┐", "┘"]
                #expect(rows.contains { $0.count == 80 && corners.contains($0.last ?? " ") }, "\(type), \(locale):\n\(screen)")
            }
            let bytes = try Self.output(raw)
            #expect(bytes.count > 1_000, "\(type), \(locale): script recorded the session")
            if locale == "C" {
                let above = bytes.filter { $0 > 0x7F }
                #expect(above.isEmpty, "\(type), C: \(above.count) bytes above 0x7F reached the terminal")
                #expect(message.contains("Zoe Muller") && message.contains("Gru?e aus Koln. \"quoted\" ?? - end"),
                        "\(type), C: mail text in ASCII look-alikes\n\(message)")
            } else {
                #expect(message.contains("Grüße aus Köln… “quoted” 😀 — end"), "\(type), UTF-8:\n\(message)")
                #expect(bytes.contains { $0 > 0x7F }, "\(type), UTF-8: the same session does write UTF-8 here")
            }
        }
    }

    @Test func aTerminalThatCannotMoveTheCursorOrIsUnknownGetsOneLineAndExit2BeforeAnythingIsDrawn() throws {
        let home = try Self.home()
        for locale in Self.locales {
            let (tmux, raw) = try Self.start(home, type: "dumb", locale: locale)
            let screen = try tmux.wait(for: "EXIT=")
            #expect(screen.contains("EXIT=2"), "\(locale): \(screen)")
            let bytes = try Self.output(raw)
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
            #expect(lines.count == 1 && lines.first?.contains("rapport: the terminal type TERM=dumb cannot move the cursor") == true,
                    "\(locale): \(text.debugDescription)")
            #expect(text.contains("xterm-256color"), "it says what to do")
            #expect(!bytes.contains(0x1B), "\(locale): nothing was drawn (no escape sequence)")
            #expect(bytes.allSatisfy { $0 <= 0x7F }, "\(locale): the line is ASCII")
        }
        let (tmux, raw) = try Self.start(home, type: "no-such-terminal", locale: "C")
        #expect(try tmux.wait(for: "EXIT=").contains("EXIT=2"))
        let text = String(decoding: try Self.output(raw), as: UTF8.self)
        #expect(text.contains("rapport: this system has no description of the terminal type TERM=no-such-terminal; set TERM"),
                "\(text.debugDescription)")
        #expect(!text.contains("\u{1B}"), "an unknown type: nothing drawn either")
    }
}
