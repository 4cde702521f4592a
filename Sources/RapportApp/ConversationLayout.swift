import CRMCore
import Foundation
import TerminalUI

/// The open conversation as the lines of the screen: each message's header (from, date), then its
/// text wrapped to the width, quoted text and signatures folded to one dim line unless expanded.
/// Wrapping a long conversation is the costly part of drawing it, so the reducer keeps the layout in
/// the state (`AppState.threadLayout`) until the messages, the width or the folding change; the
/// selection and the unread markers are drawn over it.
struct ConversationLayout: Sendable {
    /// What the lines depend on.
    struct Key: Equatable, Sendable {
        let messages: [Int64]
        /// How many attachments each message lists (recorded later for mail stored before they were).
        let attachments: [Int]
        let width: Int
        let expanded: Bool
    }

    let key: Key
    struct Line: Equatable, Sendable {
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
        key = Self.key(state, width: width)
        for (index, message) in state.thread.enumerated() {
            if index > 0 { lines.append(Line(text: "", role: .normal, message: index)) }
            headerRows.append(lines.count)
            let from = SafeText.line(message.fromName.map { "\($0) <\(message.fromAddress?.value ?? "")>" }
                                     ?? message.fromAddress?.value ?? message.mailbox.value)
            let date = TimeText.short(message.date, now: state.now, zone: state.timeZone)
            // Two columns are left at the start for the unread marker, which the view draws.
            let header = TextWidth.truncate(from, to: max(1, width - TextWidth.of(date) - 5)) + " · " + date
            lines.append(Line(text: header, role: .heading, message: index))
            for attachment in state.threadAttachments[message.id] ?? [] {
                lines.append(Line(text: Self.attachmentLine(attachment, width: width), role: .link, message: index))
            }
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

    static func key(_ state: AppState, width: Int) -> Key {
        Key(messages: state.thread.map(\.id), attachments: state.thread.map { state.threadAttachments[$0.id]?.count ?? 0 },
            width: max(1, width), expanded: state.quotesExpanded)
    }

    /// The layout of the open conversation at `width`: the one kept in `state` when it still fits.
    static func of(_ state: AppState, width: Int) -> ConversationLayout {
        if let kept = state.threadLayout, kept.key == key(state, width: width) { return kept }
        return ConversationLayout(state, width: width)
    }

    /// The message whose lines fill the top row when scrolled to `scroll`.
    func message(at scroll: Int) -> Int {
        lines.indices.contains(scroll) ? lines[scroll].message : max(0, headerRows.count - 1)
    }
}

extension ConversationLayout {
    /// An attachment as listed under its message's header: "+ name (size)", said when only Gmail has the bytes.
    static func attachmentLine(_ attachment: AttachmentSummary, width: Int) -> String {
        let size = ByteCount.text(attachment.size) + (attachment.isKept ? "" : ", in Gmail only")
        let name = TextWidth.truncate(SafeText.line(attachment.filename), to: max(1, width - TextWidth.of(size) - 6))
        return "+ \(name) (\(size))"
    }
}
