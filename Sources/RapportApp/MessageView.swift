import CRMCore
import Foundation
import TerminalUI

/// One email, whole: its headers, then the text wrapped to the screen (quotes dimmed), scrollable.
struct MessageView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard let message = state.message else { return AppView.drawLoading(into: &buffer, rect: rect) }
        let inner = Frame(title: SafeText.line(message.subject.isEmpty ? "(no subject)" : message.subject), focused: true)
            .render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        var header: [(String, String)] = []
        let from = message.fromName.map { "\($0) <\(message.fromAddress?.value ?? "")>" } ?? message.fromAddress?.value ?? ""
        header.append(("From", from))
        header.append(("To", message.to.map(\.value).joined(separator: ", ")))
        if !message.cc.isEmpty { header.append(("Cc", message.cc.map(\.value).joined(separator: ", "))) }
        header.append(("Date", TimeText.long(message.date, zone: state.timeZone)))
        let tags = MailView.tags(message.labels)
        if !tags.isEmpty { header.append(("Labels", tags)) }
        var y = inner.y
        for (name, value) in header where y < inner.maxY {
            let used = buffer.write(TextWidth.pad(name + ":", to: 8), x: inner.x + 1, y: y, role: .heading)
            buffer.write(SafeText.line(value), x: inner.x + 1 + used, y: y, role: .normal, limit: inner.maxX)
            y += 1
        }
        for attachment in state.messageAttachments where y < inner.maxY {
            buffer.write(ConversationLayout.attachmentLine(attachment, width: inner.width - 2), x: inner.x + 1, y: y,
                         role: .link, limit: inner.maxX)
            y += 1
        }
        guard y < inner.maxY else { return }
        buffer.write(String(repeating: "─", count: inner.width), x: inner.x, y: y, role: .border)
        y += 1
        let body = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y)
        let text = SafeText.block(message.bodyText ?? "(This email has no text.)")
        let lines = TextWrap.wrap(text, width: max(1, body.width))
        let first = min(state.messageScroll, max(0, lines.count - body.height))
        for (row, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
            buffer.write(line, x: body.x, y: body.y + row, role: line.hasPrefix(">") ? .quote : .normal, limit: body.maxX)
        }
        if lines.count > body.height {
            let position = " \(first + 1)–\(min(lines.count, first + body.height))/\(lines.count) "
            buffer.write(position, x: rect.maxX - TextWidth.of(position) - 1, y: rect.maxY - 1, role: .dim)
        }
    }
}
