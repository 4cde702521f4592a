import CRMCore
import Foundation
import TerminalUI

/// A conversation, whole: every message oldest first, each under a line with its sender and date (the
/// selected one, which reply and forward answer, highlighted), quoted text and signatures folded.
struct ConversationView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard let first = state.thread.first else { return AppView.drawLoading(into: &buffer, rect: rect) }
        let subject = SafeText.line(first.subject.isEmpty ? "(no subject)" : first.subject)
        let count = state.thread.count == 1 ? "" : " · \(state.thread.count) messages"
        let inner = Frame(title: subject + count, focused: true).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        let body = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 2), height: inner.height)
        let layout = ConversationLayout.of(state, width: body.width)
        let top = Self.top(state.messageScroll, lines: layout.lines.count, height: body.height)
        for (row, line) in layout.lines.dropFirst(top).prefix(body.height).enumerated() {
            let y = body.y + row
            guard layout.headerRows.indices.contains(line.message), layout.headerRows[line.message] == top + row else {
                buffer.write(line.text, x: body.x, y: y, role: line.role, limit: body.maxX)
                continue
            }
            // A message's header: the one selected highlighted, an unread one marked.
            let unread = state.thread.indices.contains(line.message) && state.thread[line.message].labels.contains("UNREAD")
            let selected = line.message == state.threadSelected
            buffer.write(padded: (unread ? "● " : "  ") + line.text, x: body.x, y: y, columns: body.width,
                         role: selected ? .selection : line.role)
        }
        if layout.lines.count > body.height {
            let position = " \(top + 1)–\(min(layout.lines.count, top + body.height))/\(layout.lines.count) "
            buffer.write(position, x: rect.maxX - TextWidth.of(position) - 1, y: rect.maxY - 1, role: .dim)
        }
    }

    /// The first line shown: the scroll, kept so that the last screenful is full.
    static func top(_ scroll: Int, lines: Int, height: Int) -> Int {
        max(0, min(scroll, lines - height))
    }

    /// The width of the text, for a terminal `columns` wide (the frame and a margin each side).
    static func textWidth(columns: Int) -> Int { max(1, columns - 4) }
    /// The rows of text, for a terminal `rows` high (tabs, frame and status line).
    static func textHeight(rows: Int) -> Int { max(1, rows - 4) }
}
