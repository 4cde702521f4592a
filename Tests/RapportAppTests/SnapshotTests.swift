import Foundation
import TerminalUI
import Testing

/// Every pane at 80×24 and 120×40 (and the narrow and tiny cases), as golden screens.
@MainActor @Suite struct SnapshotTests {
    nonisolated static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)]

    /// Starts the app at `size` (after `setup` adds to its data), types `script`, and checks the screen
    /// against `name`-COLSxROWS.
    func check(_ name: String, _ script: String, size: TerminalSize, setup: (AppFixture) throws -> Void = { _ in },
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let app = try AppFixture(size: size)
        try setup(app)
        app.start()
        if !script.isEmpty { app.type(script) }
        Snapshot.check(app.terminal.screen, "\(name)-\(size.columns)x\(size.rows)", sourceLocation: sourceLocation)
    }

    @Test(arguments: sizes) func contactsGoingCold(size: TerminalSize) throws {
        try check("contacts-cold", "3 C", size: size) { app in
            try app.dormantContact("Dan Dormant", "dan@dormant.example", days: 60)
            try app.dormantContact("Ümit Uzun", "umit@dormant.example", days: 45)
        }
    }

    @Test(arguments: sizes) func mailboxesAndMail(size: TerminalSize) throws {
        try check("mail", "", size: size)
    }

    @Test(arguments: sizes) func mailWithTheMessagesFocused(size: TerminalSize) throws {
        try check("mail-messages", "Tab j", size: size)
    }

    @Test(arguments: sizes) func aConversationWhole(size: TerminalSize) throws {
        try check("conversation", "Tab Enter", size: size, setup: Self.pilotThread)
    }

    /// A thread of three with Carol, newest in the inbox, each with a quote and a signature.
    static func pilotThread(_ app: AppFixture) throws {
        for index in 0..<3 {
            try app.mail(gmailID: "c\(index)", from: index == 1 ? "ann@northwind.example" : "carol@acme.example",
                         fromName: index == 1 ? "Ann Lee" : "Carol Client",
                         to: index == 1 ? "carol@acme.example" : "ann@northwind.example",
                         subject: "Pilot dates", body: "Message \(index) about the pilot.\n\n> the one before\n\n-- \nSigned",
                         at: AppFixture.now.addingTimeInterval(Double(index - 3) * 60),
                         labels: index == 1 ? ["SENT"] : ["INBOX"], thread: "t-pilot")
        }
    }

    @Test(arguments: sizes) func failedOutboxItems(size: TerminalSize) throws {
        try check("outbox-failed", "2 h", size: size)
    }

    @Test(arguments: sizes) func scheduledMailWithItsCountdown(size: TerminalSize) throws {
        try check("outbox-queued", "2 l", size: size)
    }

    @Test(arguments: sizes) func contacts(size: TerminalSize) throws {
        try check("contacts", "3", size: size)
    }

    @Test(arguments: sizes) func aLongTimeline(size: TerminalSize) throws {
        try check("timeline", "3 Enter", size: size)
    }

    @Test(arguments: sizes) func oneEmailWhole(size: TerminalSize) throws {
        try check("message", "3 Enter j j Enter", size: size)
    }

    @Test(arguments: sizes) func composerWithWideCharacters(size: TerminalSize) throws {
        try check("composer", #"3 j j Enter c "見積もりの件" Tab "山田様、ご連絡ありがとうございます。" Enter "Ann""#, size: size)
    }

    @Test(arguments: sizes) func searchResultsAsYouType(size: TerminalSize) throws {
        try check("search", #"/ "renewal""#, size: size)
    }

    @Test(arguments: sizes) func thePipelineAndItsDeals(size: TerminalSize) throws {
        try check("deals", "5", size: size) { app in
            try app.store.addDeal(name: "Fjord pilot", companyID: nil, contactID: app.zoe.id, stage: "won",
                                  valueCents: 4_200_00, by: app.ann)
        }
    }

    @Test(arguments: sizes) func aDealsPage(size: TerminalSize) throws {
        try check("deal", "5 Enter", size: size)
    }

    @Test func aContactFormAsksOneFieldAtATime() throws {
        try check("contact-form", #"3 j e Enter"#, size: TerminalSize(columns: 80, rows: 24))
    }

    /// Two emails to Zoë waiting for a reply and a reminder set ahead.
    private static func followups(_ app: AppFixture) throws {
        try app.sentEmail(to: app.zoe, subject: "Pricing for 2027", daysAgo: 6)
        try app.sentEmail(to: app.zoe, subject: "Fjord pilot: next steps", daysAgo: 4)
        try app.store.addReminder(contact: app.yamada.id, at: AppFixture.now.addingTimeInterval(2 * 86_400),
                                  note: "見積もりを確認", by: app.ann)
    }

    @Test(arguments: sizes) func followupsDueFirst(size: TerminalSize) throws {
        try check("followups", "6", size: size, setup: Self.followups)
    }

    @Test func followupsWhenNarrow() throws {
        try check("narrow-followups", "6", size: TerminalSize(columns: 40, rows: 12), setup: Self.followups)
    }

    @Test func explainOverTheEmail() throws {
        try check("explain", "Tab j Enter w", size: TerminalSize(columns: 80, rows: 24))
        try check("narrow-explain", "Tab j Enter w", size: TerminalSize(columns: 40, rows: 12))
    }

    @Test func helpOverlay() throws {
        try check("help", "?", size: TerminalSize(columns: 80, rows: 24))
    }

    @Test func aNarrowTerminal() throws {
        try check("narrow", "Tab", size: TerminalSize(columns: 40, rows: 12))
        try check("narrow-conversation", "Tab Enter", size: TerminalSize(columns: 40, rows: 12), setup: Self.pilotThread)
        try check("narrow-outbox", "2 h", size: TerminalSize(columns: 40, rows: 12))
        try check("narrow-contacts", "3", size: TerminalSize(columns: 40, rows: 12))
        try check("narrow-deals", "5", size: TerminalSize(columns: 40, rows: 12))
        try check("narrow-timeline", "3 Enter", size: TerminalSize(columns: 40, rows: 12))
    }

    @Test func aTerminalTooSmallSaysSo() throws {
        let app = try AppFixture(size: TerminalSize(columns: 16, rows: 4))
        app.start()
        #expect(app.screen[0].hasPrefix("Rapport needs"))
    }
}
