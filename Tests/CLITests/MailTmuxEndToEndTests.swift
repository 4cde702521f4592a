import CRMCore
import Foundation
import GmailSimulator
import Testing

/// The Mail tab in a real terminal (tmux) against a Gmail simulator on loopback: the home's mailbox
/// is connected with `account add --api-base` (a flag, as DECISIONS requires of API addresses), so the
/// app's own sync and `rapport sync --once` both talk to the simulator.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable)) struct MailTmuxEndToEndTests {
    typealias SyncHome = CLISyncTests.SyncHome

    /// A connected home with `messages` synced ("Message 0" newest, unread in the Inbox), and the app
    /// running in tmux on it, on the Mail list.
    func appOnMail(messages: Int, rows: Int = 30) throws -> (SyncHome, TmuxSession) {
        let home = try SyncHome(messages: messages, latency: 0)
        let synced = try home.sync()
        guard synced.status == 0 else { throw CRMError("sync failed: \(synced)") }
        let tmux = try TmuxSession(TmuxEndToEndTests.command("", home: home.home.folder,
                                                             extra: "RAPPORT_USER=ann RAPPORT_CLIENT_SECRET=rapport-test-secret"))
        try tmux.resize(columns: 120, rows: rows)
        try tmux.wait(for: "Mailboxes")
        try tmux.keys("Tab")
        try tmux.wait(for: "Message 0")
        return (home, tmux)
    }

    private func row(_ screen: String, _ subject: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(subject + " ") || $0.hasSuffix(subject) }
    }

    private func gmailMessage(_ header: String, _ home: SyncHome) throws -> SimulatedMessage {
        let id = try #require(home.simulator.ids(withMessageIDHeader: header, in: SyncHome.account).first)
        return try #require(home.simulator.message(id: id, in: SyncHome.account))
    }

    @Test func openingAnUnreadMessageClearsItsMarkerAndGmailsUnreadAfterSync() throws {
        let (home, tmux) = try appOnMail(messages: 3)
        #expect(try gmailMessage("m0@mail.example", home).labelIds.contains("UNREAD"))
        let before = try #require(row(try tmux.text(), "Message 0"))
        #expect(before.contains("●"), "unread before: \(before)")
        try tmux.keys("Enter")
        try tmux.wait(for: "Body 0")
        try tmux.keys("q")
        // Back on the list (not the conversation's title, which also names "Message 0").
        let after = try tmux.wait(for: "the marker gone") { screen in
            self.row(screen, "Message 1") != nil && (self.row(screen, "Message 0").map { !$0.contains("●") } ?? false)
        }
        #expect(row(after, "Message 1")?.contains("●") == true, "the others stay unread: \(after)")
        try tmux.keys("q", "q")
        try tmux.wait(for: "EXIT=0")
        #expect(try home.sync().status == 0)
        #expect(try !gmailMessage("m0@mail.example", home).labelIds.contains("UNREAD"))
        #expect(try gmailMessage("m1@mail.example", home).labelIds.contains("UNREAD"))
    }

    @Test func aReplyFromMailLandsInTheSameGmailThreadWithItsHeaders() throws {
        let (home, tmux) = try appOnMail(messages: 3)
        try tmux.keys("Enter")
        try tmux.wait(for: "Body 0")
        try tmux.keys("r")
        try tmux.wait(for: "Re: Message 0")
        // A reply opens with the cursor in the body.
        try tmux.type("Thanks, noted from tmux.")
        try tmux.wait(for: "Thanks, noted from tmux.")
        try tmux.keys("C-s")
        try tmux.wait(for: "the composer closed") { !$0.contains("C-s send") && $0.contains("Body 0") }
        try tmux.keys("q", "q", "q")
        try tmux.wait(for: "EXIT=0")
        #expect(try home.sync().status == 0)
        let parent = try gmailMessage("m0@mail.example", home)
        let sent = try #require(home.simulator.messages(in: SyncHome.account).first { message in
            String(decoding: message.raw, as: UTF8.self).contains("Thanks, noted from tmux.")
        })
        let raw = String(decoding: sent.raw, as: UTF8.self)
        #expect(sent.threadId == parent.threadId, "in the parent's Gmail thread")
        #expect(raw.contains("In-Reply-To: <m0@mail.example>"), "\(raw)")
        #expect(raw.contains("References: <m0@mail.example>"), "\(raw)")
        #expect(raw.contains("Subject: Re: Message 0\r\n"))
    }

    @Test func bigGReachesTheOldestOf1500Messages() throws {
        let (_, tmux) = try appOnMail(messages: 1_500)
        #expect(try !tmux.text().contains("Message 1499"))
        try tmux.keys("G")
        let screen = try tmux.wait(for: "Message 1499", timeout: 30)
        #expect(row(screen, "Message 1499") != nil, "\(screen)")
        try tmux.keys("q", "q")
        try tmux.wait(for: "EXIT=0")
    }
}
