import Foundation
import TerminalUI

/// Search: the box, then results as you type (what it is, title, snippet, date).
struct SearchView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let (top, rest) = rect.splitTop(3)
        let box = Frame(title: "Search", focused: true).render(into: &buffer, rect: top)
        if !box.isEmpty { buffer.cursor = state.searchField.render(into: &buffer, rect: box, focused: true) }
        let title = "Results (\(state.searchResults.count))" + (state.searchPending ? " · searching…" : "")
        let inner = Frame(title: title).render(into: &buffer, rect: rest)
        guard !inner.isEmpty else { return }
        if state.searchResults.isEmpty {
            let typed = state.searchField.text
            let text = typed.isEmpty ? "Type a name, a company, or words from an email."
                : !Reducer.isSearchable(typed) ? "Keep typing: search wants a letter or digit."
                : state.searchPending ? "Searching…"
                : "Nothing matches “\(SafeText.line(typed))”."
            buffer.write(text, x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        state.searchList.render(into: &buffer, rect: inner) { buffer, index, row, _ in
            let result = state.searchResults[index]
            var x = row.x + 1
            buffer.write(padded: result.kind, x: x, y: row.y, columns: 8, role: .dim)
            x += 9
            let date = result.date.map { TimeText.short($0, now: state.now, zone: state.timeZone) } ?? ""
            let snippet = SafeText.line(result.snippet)
            let text = SafeText.line(result.title) + (snippet.isEmpty || snippet == SafeText.line(result.title) ? "" : " — " + snippet)
            buffer.write(padded: text, x: x, y: row.y, columns: max(0, row.maxX - x - 7), role: .normal)
            buffer.write(padded: date, x: row.maxX - 6, y: row.y, columns: 6, role: .dim)
        }
    }
}
