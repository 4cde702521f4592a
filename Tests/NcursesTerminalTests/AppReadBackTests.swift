import CRMCore
import CRMStore
import Foundation
import RapportApp
import RapportTestSupport
import TerminalUI
import Testing
@testable import NcursesTerminal

extension NcursesTerminalTests {
    /// The real app drawing into headless ncurses: what ncurses holds, read back cell by cell, is the
    /// frame the app meant (the same app on a VirtualTerminal), wide and combining characters included.
    @Test(arguments: [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)])
    func theAppsScreensReadBackFromNcursesAsRendered(size: TerminalSize) throws {
        let database = try TestDatabase("rapport-readback")
        let store = database.store
        try store.addTeam(name: "Sales")
        let ann = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Sales", isAdmin: false)
        try store.addMailbox(email: EmailAddress("ann@northwind.example")!, for: ann)
        let yamada = try store.addContact(name: "山田太郎", emails: [EmailAddress("yamada@sakura.example")!],
                                          companyName: "さくら商事", by: ann)
        try store.addContact(name: "Zoë Ångström", emails: [EmailAddress("zoe@nordic.example")!], by: ann)
        try store.addActivity(contact: yamada.id, type: .note, summary: "Cafe\u{301} meeting: 見積もり agreed 👍",
                              at: Date(timeIntervalSince1970: 1_795_000_000), by: ann)

        let curses = try NcursesTerminal(headless: size)
        defer { curses.stop() }
        let virtual = VirtualTerminal(size: size)
        let apps = [curses as any Terminal, virtual].map { terminal in
            let app = AppController(store: store, user: ann, terminal: terminal, sync: nil,
                                    environment: AppController.Environment(now: { Date(timeIntervalSince1970: 1_795_000_000) }))
            app.setTimeZone(TimeZone(identifier: "UTC")!)
            app.start()
            return app
        }
        var screens: [String: [String]] = [:]
        for keys in ["", "3", "j Enter", "?"] {
            for app in apps { app.send(Key.script(keys).map(Action.key)) }
            let meant = (0..<size.rows).map { virtual.screen.text(row: $0) }
            #expect(curses.readBack() == meant, "after “\(keys)”")
            #expect(curses.readBack(physical: true) == meant, "after “\(keys)”, on the terminal")
            screens[keys] = curses.readBack()
        }
        let timeline = try #require(screens["j Enter"])
        #expect(timeline.contains { $0.contains("山田太郎") }, "the contact's card")
        #expect(timeline.contains { $0.contains("Café meeting: 見積もり agreed 👍") }, "the note, composed and wide")
        #expect(screens["?"]?.contains { $0.contains("Keys") } == true, "the help overlay")
    }
}
