import RapportApp
import TerminalUI
import Testing

/// Search through the real app: results as you type, after two letters and a pause, and opened.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct SearchKeyScriptTests {
    @Test func searchShowsResultsAsYouTypeAndOpensThem() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"/ "見積""#)
        #expect(app.text.contains("見積もりについて"))
        app.type("Enter")
        #expect(app.text.contains("お世話になっております"))
        app.type("q")
        #expect(app.controller.state.currentScreen == .search, "q goes back to where you were")
    }

    @Test func searchWaitsForTwoLettersAndForTypingToPause() throws {
        let app = try AppFixture()
        app.start()
        app.type("/ 見")
        #expect(app.text.contains("Keep typing: search starts at two letters."))
        #expect(app.timers.isEmpty, "one letter does not search")
        // Typed fast: no pause between the keys, so no search yet.
        app.terminal.type(Key.script(#""積もり""#))
        app.controller.handleInput()
        #expect(app.text.contains("Searching…") && !app.text.contains("見積もりについて"))
        #expect(app.timers.count == 3, "each keystroke asks for a search after a pause")
        app.pause()
        #expect(app.text.contains("見積もりについて"))
        #expect(app.text.contains("Results (1)") && !app.text.contains("searching…"))
    }
}
