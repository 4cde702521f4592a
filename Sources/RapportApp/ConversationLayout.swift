import CRMCore
import Foundation
import TerminalUI

/// The open conversation as the lines of the screen: each message's header (from, date), then its
/// text wrapped to the width, quoted text and signatures folded to one dim line unless expanded.
/// The reducer uses it to scroll to a message; the view draws it.
struct ConversationLayout {
    struct Line: Equatable {
        let text: String
        let role: Role
        /// The message (index in the conversation) the line belongs to.
        let message: Int
    }

    private(set) var lines: [Line] = []
    /// The row of each message's header.
    private(set) var headerRows: [Int] = []

    init(_ state: AppState, width: Int) {
        let width = max(1, width)
        for (index, message) in state.thread.enumerated() {
            if index > 0 { lines.append(Line(text: "", role: .normal, message: index)) }
            headerRows.append(lines.count)
            let from = SafeText.line(message.fromName.map { "\($0) <\(message.fromAddress?.value ?? "")>" }
                                     ?? message.fromAddress?.value ?? message.mailbox.value)
            let date = TimeText.short(message.date, now: state.now, zone: state.timeZone)
            let unread = message.labels.contains("UNREAD") ? "● " : ""
            let header = TextWidth.truncate(unread + from, to: max(1, width - TextWidth.of(date) - 3)) + " · " + date
            lines.append(Line(text: header, role: index == state.threadSelected ? .selection : .heading, message: index))
            let body = SafeText.block(message.bodyText ?? "(This email has no text.)")
            for part in BodyFold.parts(body) {
                if !state.quotesExpanded, let folded = part.foldedLine {
                    lines.append(Line(text: folded, role: .dim, message: index))
                    continue
                }
                let role: Role = switch part {
                case .text: .normal
                case .quote: .quote
                case .signature: .dim
                }
                for line in TextWrap.wrap(part.lines.joined(separator: "\n"), width: width) {
                    lines.append(Line(text: line, role: role, message: index))
                }
            }
        }
    }

    /// The message whose lines fill the top row when scrolled to `scroll`.
    func message(at scroll: Int) -> Int {
        lines.indices.contains(scroll) ? lines[scroll].message : max(0, headerRows.count - 1)
    }
}
