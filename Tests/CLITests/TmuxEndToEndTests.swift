import Foundation
import Testing

/// The real binary in a real terminal (tmux), as a salesperson uses it: the demo end to end, a
/// process killed mid-sentence, and hostile mail that must not reach the terminal.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable)) struct TmuxEndToEndTests {
    /// The shell command that runs `rapport ARGS` in the test environment and stays to show how it ended:
    /// the exit status on a cleared screen, whole on its own line however the program left the terminal
    /// (a killed one leaves its screen and cursor where they were, and the status could wrap).
    static func command(_ arguments: String, home: URL, extra: String = "") -> String {
        "cd / && env TERM=xterm-256color TZ=UTC LANG=C.UTF-8 RAPPORT_HOME=\(home.path) "
            + "RAPPORT_CREDENTIALS_DIR=\(home.path)/credentials \(extra) "
            + "\(CLIHome.binary.path) \(arguments); status=$?; printf '\\033[H\\033[2JEXIT=%s\\n' $status; sleep 120"
    }

    @Test func theDemoFromComposeToReplySearchResizeAndQuit() throws {
        let home = try CLIHome()
        let tmux = try TmuxSession(Self.command("demo --home \(home.folder.path)", home: home.folder))
        try tmux.wait(for: "synced", timeout: 90)
        // Ann Lee's timeline, through the contacts filter.
        try tmux.keys("3", "f")
        try tmux.type("Ann Lee")
        try tmux.keys("Enter", "Enter")
        try tmux.wait(for: "ann.lee@acme-logistics.example")
        // Compose to her and send.
        try tmux.keys("c")
        try tmux.wait(for: "New email")
        try tmux.type("E2E check 42")
        try tmux.keys("Tab")
        try tmux.type("Hi Ann, is Thursday still good?")
        try tmux.keys("C-s")
        try tmux.wait(for: "Sending “E2E check 42”")
        // The outbox: queued, then sent, with every move in its history.
        try tmux.keys("2", "l")
        try tmux.wait(for: "E2E check 42")
        try tmux.keys("l", "l")
        try tmux.wait(for: "its history", timeout: 40) { $0.contains("E2E check 42") && $0.contains("sending → sent") }
        let history = try tmux.text()
        #expect(history.contains("draft → queued") && history.contains("queued → sending"))
        // On her timeline, and her answer arrives without a key press.
        try tmux.keys("3", "Enter")
        try tmux.wait(for: "→ email")
        try tmux.wait(for: "Re: E2E check 42", timeout: 60)
        // Search finds it.
        try tmux.keys("/")
        try tmux.type("E2E check")
        try tmux.wait(for: "the sent email among the results") { $0.contains("Results (") && $0.contains("E2E check 42") }
        // 60 columns and back.
        try tmux.resize(columns: 60, rows: 30)
        let narrow = try tmux.wait(for: "a 60-column screen") { screen in
            screen.contains("E2E check 42") && screen.split(separator: "\n").allSatisfy { $0.count <= 60 }
        }
        #expect(narrow.contains("Search"))
        try tmux.resize(columns: 100, rows: 30)
        try tmux.wait(for: "a 100-column screen") { $0.split(separator: "\n").contains { $0.count > 80 } }
        // Esc goes back to Mail, q leaves cleanly.
        try tmux.keys("Escape")
        try tmux.wait(for: "Mailboxes")
        try tmux.keys("q")
        try tmux.wait(for: "EXIT=0")
    }

    @Test func killedWhileComposingTheDraftIsThereOnRestart() throws {
        let home = try CLIHome()
        let arguments = "demo --home \(home.folder.path)"
        let first = try TmuxSession(Self.command(arguments, home: home.folder))
        try first.wait(for: "synced", timeout: 90)
        try first.keys("c")
        try first.wait(for: "New email")
        try first.type("prospect@example.com")
        try first.keys("Tab", "Tab", "Tab")
        try first.type("Unsent work")
        try first.keys("Tab")
        try first.type("Half a sentence about the pil")
        try first.wait(for: "Half a sentence about the pil")
        try first.killProgram()
        try first.wait(for: "EXIT=137")

        let second = try TmuxSession(Self.command(arguments, home: home.folder))
        let screen = try second.wait(for: "Your unsent email is back")
        #expect(screen.contains("prospect@example.com"))
        #expect(screen.contains("Unsent work"))
        #expect(screen.contains("Half a sentence about the pil"))
        try second.type("ot.")
        try second.wait(for: "Half a sentence about the pilot.")
    }

    @Test func aConversationOpensWithAllItsMessagesInOrder() throws {
        let home = try CLIHome.withTwoTeams()
        var mbox = ""
        for (index, body) in ["First, the dates.", "Second, the budget.", "Third, the sign-off."].enumerated() {
            let references = (0..<index).map { "<pilot\($0)@client.example>" }.joined(separator: " ")
            mbox += "From carol@client.example Wed Nov 18 1\(index):00:00 2026\n" + [
                "From: Carol Client <carol@client.example>", "To: ann@alpha.example",
                "Subject: \(index == 0 ? "" : "Re: ")Pilot plan", "Date: Wed, 18 Nov 2026 1\(index):00:00 +0000",
                "Message-ID: <pilot\(index)@client.example>",
            ].joined(separator: "\n") + (references.isEmpty ? "" : "\nReferences: \(references)")
                + "\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n\n"
        }
        let file = home.folder.appendingPathComponent("pilot.mbox")
        try mbox.write(to: file, atomically: true, encoding: .utf8)
        try home.ok(["import", "mbox", file.path], as: "ann")
        let tmux = try TmuxSession(Self.command("", home: home.folder, extra: "RAPPORT_USER=ann"))
        try tmux.wait(for: "Mailboxes")
        // Imported mail is in All Mail (v v from the Inbox), one row for the thread.
        try tmux.keys("Tab", "v", "v")
        let list = try tmux.wait(for: "Pilot plan")
        #expect(list.components(separatedBy: "Pilot plan").count == 2, "one row for the conversation: \(list)")
        try tmux.keys("Enter")
        let screen = try tmux.wait(for: "the three messages") { $0.contains("3 messages") && $0.contains("Third, the sign-off.") }
        let bodies = ["First, the dates.", "Second, the budget.", "Third, the sign-off."].map { screen.range(of: $0)?.lowerBound }
        #expect(bodies.allSatisfy { $0 != nil }, "\(screen)")
        #expect(bodies.compactMap { $0 } == bodies.compactMap { $0 }.sorted(), "oldest first")
        try tmux.keys("q", "q", "q")
    }

    @Test func anUnansweredEmailWaitsInFollowupsWithItsCountUntilDone() throws {
        let (home, _, _) = try CLIFollowupTests.homeWithSentMail()
        let tmux = try TmuxSession(Self.command("", home: home.folder, extra: "RAPPORT_USER=ann"))
        try tmux.wait(for: "the count in the tab bar") { $0.contains("6 Follow-ups 1") }
        try tmux.keys("6")
        let row = try tmux.wait(for: "the email in Follow-ups") { $0.contains("Proposal") && $0.contains("Carol Client") }
        #expect(row.contains("5d"), "five days waiting")
        try tmux.keys("d")
        let after = try tmux.wait(for: "done") { $0.contains("no longer waiting for a reply") }
        #expect(!after.contains("Proposal") && !after.contains("Follow-ups 1"), "gone from the list and the count")
        #expect(after.contains("Nothing to follow up"))
        try tmux.keys("q", "q")
        try tmux.wait(for: "EXIT=0")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func escapeSequencesAndInvisibleCharactersInMailNeverReachTheTerminal() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Mallory", "--email", "mallory@evil.example"], as: "ann")
        let hostile = [
            "From: \"Mal\u{1B}[5mBLINKY\u{202E}lory\" <mallory@evil.example>",
            "To: ann@alpha.example",
            "Subject: Invoice \u{1B}]0;PWNED\u{07}due \u{9B}31mnow in\u{200B}visible \u{202E}gpj.exe",
            "Date: Wed, 18 Nov 2026 10:00:00 +0000",
            "Message-ID: <hostile@evil.example>",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Pay \u{1B}[2J\u{1B}[Hnow\u{1B}P+qdcs\u{1B}\\ or else \u{1B}[?1049l.",
        ].joined(separator: "\r\n") + "\r\n"
        let mbox = home.folder.appendingPathComponent("hostile.mbox")
        try ("From mallory@evil.example Wed Nov 18 10:00:00 2026\n" + hostile).write(to: mbox, atomically: true, encoding: .utf8)
        try home.ok(["import", "mbox", mbox.path], as: "ann")
        let raw = home.folder.appendingPathComponent("raw-output")
        // `script` keeps every byte the app writes to its terminal.
        let tmux = try TmuxSession("cd / && env TERM=xterm-256color LANG=C.UTF-8 RAPPORT_HOME=\(home.folder.path) "
                                   + "RAPPORT_USER=ann script -qfc \(CLIHome.binary.path) \(raw.path); echo EXIT=$?; sleep 60")
        try tmux.wait(for: "Mailboxes")
        // Imported mail carries its folder's name, not INBOX: it is in All Mail (v v from the Inbox).
        try tmux.keys("Tab", "v", "v")
        try tmux.wait(for: "All Mail ·")
        try tmux.keys("Enter")
        let screen = try tmux.wait(for: "or else")
        // q leaves the message, climbs from the list to the mailboxes, and quits from there.
        try tmux.keys("q", "q", "q")
        try tmux.wait(for: "EXIT=")
        #expect(screen.contains("Invoice due now invisible"), "the subject shows, cleaned")
        #expect(!screen.contains("PWNED"), "an OSC title sequence goes with its payload")
        for scalar in screen.unicodeScalars {
            #expect(!(scalar.value < 0x20 && scalar != "\n") && !(0x7F...0x9F).contains(scalar.value)
                    && ![0x202E, 0x200B].contains(scalar.value), "U+\(String(scalar.value, radix: 16)) reached the screen")
        }
        let bytes = try Data(contentsOf: raw)
        #expect(bytes.count > 1_000, "script recorded the session")
        for payload in ["\u{1B}]0;PWNED", "\u{1B}[5mBLINKY", "\u{9B}31m", "\u{202E}", "\u{200B}", "\u{1B}[2J\u{1B}[Hnow",
                        "\u{1B}P+q", "\u{1B}[?1049l."] {
            #expect(bytes.range(of: Data(payload.utf8)) == nil, "the raw output carries \(payload.debugDescription)")
        }
    }

    @Test func aContactIsAddedACallLoggedAndADealMovedInTheApp() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Zed Existing", "--email", "zed@client.example"], as: "ann")
        try home.ok(["deal", "add", "--name", "Pilot", "--contact", "1", "--value", "5000"], as: "ann")
        let tmux = try TmuxSession(Self.command("", home: home.folder, extra: "RAPPORT_USER=ann"))
        try tmux.wait(for: "Mailboxes")
        // A contact through the form, one field at a time; Aaron sorts first, so he is selected.
        try tmux.keys("3", "a")
        try tmux.wait(for: "New contact 1/5 · Name:")
        try tmux.type("Aaron Buyer")
        try tmux.keys("Enter")
        try tmux.type("aaron@buyer.example")
        try tmux.keys("Enter", "Enter", "Enter", "Enter")
        try tmux.wait(for: "Added “Aaron Buyer”.")
        try tmux.wait(for: "the new row with its columns") { $0.contains("Aaron Buyer") && $0.contains("Last out") }
        // A call on his timeline, with when, how long and how it ended.
        try tmux.keys("Enter")
        try tmux.wait(for: "aaron@buyer.example")
        try tmux.keys("L")
        try tmux.type("Intro call")
        try tmux.keys("Enter", "Enter")
        try tmux.type("30m")
        try tmux.keys("Enter")
        try tmux.type("voicemail")
        try tmux.keys("Enter")
        try tmux.wait(for: "Intro call (30m, voicemail)")
        // The deal moves a stage from the Deals tab, and says so on Zed's timeline.
        try tmux.keys("5")
        try tmux.wait(for: "Pipeline")
        try tmux.type(">")
        try tmux.wait(for: "Moved “Pilot” to qualified")
        try tmux.keys("Enter")
        try tmux.wait(for: "Deal stage — Pilot: lead → qualified")
        try tmux.keys("q", "q", "q")
        try tmux.wait(for: "EXIT=0")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--json"], as: "ann").utf8))
            as? [[String: Any]])
        #expect(entries.first?["summary"] as? String == "Pilot: lead → qualified" && entries.first?["user"] as? String == "ann")
    }

    @Test func twoContactsAreMergedAndAnotherDeletedInTheApp() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol Client", "--email", "carol@client.example"], as: "ann")
        try home.ok(["contact", "add", "--name", "Carol Home", "--email", "carol@home.example"], as: "ann")
        try home.ok(["contact", "add", "--name", "Zed Existing", "--email", "zed@client.example"], as: "ann")
        try home.ok(["activity", "add", "--contact", "2", "--type", "note", "--summary", "Met at the fair"], as: "ann")
        let tmux = try TmuxSession(Self.command("", home: home.folder, extra: "RAPPORT_USER=ann"))
        try tmux.wait(for: "Mailboxes")
        // Merge: mark Carol Home (m), then m on Carol Client, who is kept, and y.
        try tmux.keys("3", "f")
        try tmux.type("carol")
        try tmux.keys("Enter")
        try tmux.wait(for: "Contacts (2)")
        try tmux.keys("j", "m", "k", "m")
        try tmux.wait(for: "the question") { $0.contains("(y/n)") }
        try tmux.keys("y")
        try tmux.wait(for: "Merged “Carol Home” into “Carol Client”")
        // Delete asks first: n keeps Zed, then d y deletes him.
        try tmux.keys("f", "C-u")
        try tmux.type("zed")
        try tmux.keys("Enter", "d")
        try tmux.wait(for: "Delete “Zed Existing”")
        try tmux.keys("n", "d")
        try tmux.wait(for: "Delete “Zed Existing”")
        try tmux.keys("y")
        try tmux.wait(for: "Deleted “Zed Existing”")
        try tmux.keys("q", "q", "q")
        try tmux.wait(for: "EXIT=0")
        let list = try home.ok(["contact", "list"], as: "ann")
        #expect(list.contains("Carol Client") && !list.contains("Carol Home") && !list.contains("Zed Existing"), "\(list)")
        let timeline = try home.ok(["timeline", "1"], as: "ann")
        #expect(timeline.contains("Met at the fair"), "Carol Home's note is on the kept timeline: \(timeline)")
    }

    @Test func aFollowupIsSnoozedAndAnsweredFromATemplateAndAnEmailExplained() throws {
        let (home, _, _) = try CLIFollowupTests.homeWithSentMail()
        let templates = home.folder.appendingPathComponent("config/rapport/templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for (name, text) in [("intro", "Subject: Next steps\n\nHi {{first_name}}, thanks for your time."),
                             ("pitch", "Hello from {{company}}.")] {
            let file = templates.appendingPathComponent("\(name).md")
            try text.write(to: file, atomically: false, encoding: .utf8)
            chmod(file.path, 0o600)
        }
        let mbox = "From carol@client.example Wed Nov 18 10:00:00 2026\nFrom: Carol Client <carol@client.example>\n"
            + "To: ann@alpha.example\nSubject: Question\nDate: Wed, 18 Nov 2026 10:00:00 +0000\n"
            + "Message-ID: <question@client.example>\n\nOne question about the pilot.\n"
        let file = home.folder.appendingPathComponent("question.mbox")
        try mbox.write(to: file, atomically: true, encoding: .utf8)
        try home.ok(["import", "mbox", file.path], as: "ann")
        let tmux = try TmuxSession(Self.command("", home: home.folder,
                                                extra: "RAPPORT_USER=ann XDG_CONFIG_HOME=\(home.folder.path)/config"))
        try tmux.wait(for: "Mailboxes")
        // Snooze: a time it cannot read is said so; a good one moves the email to later.
        try tmux.keys("6")
        try tmux.wait(for: "Proposal")
        try tmux.keys("s")
        try tmux.type("someday")
        try tmux.keys("Enter")
        try tmux.wait(for: "Could not read “someday” as a time")
        try tmux.keys("s")
        try tmux.type("3d")
        try tmux.keys("Enter")
        try tmux.wait(for: "Snoozed until")
        // Reply from the follow-up, filled from a template: a missing field is named, a good one fills.
        try tmux.keys("r")
        try tmux.wait(for: "Re: Proposal")
        try tmux.keys("C-g")
        try tmux.type("pitch")
        try tmux.keys("Enter")
        try tmux.wait(for: "the missing field named") { $0.contains("company") }
        try tmux.keys("C-g")
        try tmux.type("intro")
        try tmux.keys("Enter")
        try tmux.wait(for: "Filled in from template intro.")
        try tmux.wait(for: "Hi Carol, thanks for your time.")
        try tmux.keys("C-d")
        try tmux.wait(for: "the discard question") { $0.contains("(y/n)") }
        try tmux.keys("y")
        // Why an email is on a timeline, from the conversation (imported mail is in All Mail).
        try tmux.keys("1", "Tab", "v", "v")
        try tmux.wait(for: "Question")
        try tmux.keys("Enter")
        try tmux.wait(for: "One question about the pilot.")
        try tmux.keys("w")
        try tmux.wait(for: "the explanation") { $0.contains("On a timeline?") && $0.contains("Carol Client") }
        try tmux.keys("x", "q", "q", "q")
        try tmux.wait(for: "EXIT=0")
    }

    @Test func aContactIsEditedRemindedAndACallEditedThenDeletedInTheApp() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol Client", "--email", "carol@client.example"], as: "ann")
        try home.ok(["activity", "add", "--contact", "1", "--type", "call", "--summary", "Intro", "--duration", "30m"], as: "ann")
        let tmux = try TmuxSession(Self.command("", home: home.folder, extra: "RAPPORT_USER=ann"))
        try tmux.wait(for: "Mailboxes")
        try tmux.keys("3", "e")
        try tmux.wait(for: "Edit contact 1/5 · Name:")
        try tmux.keys("C-u")
        try tmux.type("Carol Customer")
        try tmux.keys("Enter", "Enter", "Enter", "Enter", "Enter")
        try tmux.wait(for: "Saved “Carol Customer”.")
        try tmux.keys("R")
        try tmux.type("3d")
        try tmux.keys("Enter")
        try tmux.type("call back")
        try tmux.keys("Enter")
        try tmux.wait(for: "You will be reminded")
        // The call on her timeline: edited (what, when, how long, how it ended), then deleted (y only).
        try tmux.keys("Enter")
        try tmux.wait(for: "Intro (30m)")
        try tmux.keys("G", "e", "C-u")
        try tmux.type("Intro, again")
        try tmux.keys("Enter", "Enter", "C-u")
        try tmux.type("1h")
        try tmux.keys("Enter", "Enter")
        try tmux.wait(for: "Intro, again (1h)")
        try tmux.keys("d")
        try tmux.wait(for: "the question") { $0.contains("(y/n)") }
        try tmux.keys("y")
        try tmux.wait(for: "Deleted the call.")
        try tmux.keys("q", "q", "q")
        try tmux.wait(for: "EXIT=0")
        #expect(try home.ok(["contact", "list"], as: "ann").contains("Carol Customer"))
        #expect(try home.ok(["followups"], as: "ann").contains("call back"))
        #expect(!(try home.ok(["timeline", "1"], as: "ann").contains("Intro")))
    }
}
