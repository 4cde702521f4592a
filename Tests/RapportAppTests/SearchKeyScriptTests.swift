import RapportApp
import TerminalUI
import Testing

/// Search through the real app: results as you type, from one letter after a pause, and opened.
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

    @Test func searchStartsAtOneLetterAndWaitsForTypingToPause() throws {
        let app = try AppFixture()
        app.start()
        app.type("/ -")
        #expect(app.text.contains("Keep typing: search wants a letter or digit."))
        #expect(app.timers.isEmpty, "punctuation alone does not search")
        app.type("Backspace")
        // Typed fast: no pause between the keys, so no search yet.
        app.terminal.type(Key.script(#""見積もり""#))
        app.controller.handleInput()
        #expect(app.text.contains("Searching…") && !app.text.contains("見積もりについて"))
        #expect(app.timers.count == 4, "each keystroke, the first letter too, asks for a search after a pause")
        app.pause()
        #expect(app.text.contains("見積もりについて"))
        #expect(app.text.contains("Results (1)") && !app.text.contains("searching…"))
    }
}
