import CRMCore
import Foundation
import TerminalUI

/// The composer: From, To, Cc, Bcc, Subject, what it is linked to and attached, then the body;
/// contacts matching the address being typed drop down under its field.
struct ComposerView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard let composer = state.composer else { return }
        let inner = Frame(title: composer.title, focused: true).render(into: &buffer, rect: rect)
        guard inner.height >= 3 else { return }
        let labelWidth = 9
        var y = inner.y
        var cursor: (x: Int, y: Int)?
        var completionRow: Int?
        for field in ComposerState.Field.allCases where field != .attachments && field != .body {
            guard y < inner.maxY - 1 else { break }
            let focused = composer.focus == field
            buffer.write(TextWidth.pad(field.label + ":", to: labelWidth), x: inner.x + 1, y: y,
                         role: focused ? .heading : .dim)
            let area = Rect(x: inner.x + 1 + labelWidth, y: y, width: inner.width - 2 - labelWidth, height: 1)
            if field == .from {
                let text = composer.from.isEmpty ? "no mailbox connected" : composer.from
                let hint = state.mailboxChoices.count > 1 ? "  (←/→ to change)" : ""
                buffer.write(padded: text + hint, x: area.x, y: y, columns: area.width, role: focused ? .inputFocused : .normal)
            } else if let textField = composer.textField(field) {
                let position = textField.render(into: &buffer, rect: area, focused: focused)
                if focused {
                    cursor = position
                    if field.isAddressField { completionRow = y + 1 }
                }
            }
            y += 1
        }
        if let title = composer.linkTitle ?? composer.link?.description, y < inner.maxY - 1 {
            buffer.write("Linked to: " + SafeText.line(title), x: inner.x + 1, y: y, role: .dim, limit: inner.maxX)
            y += 1
        }
        if !composer.files.isEmpty, y < inner.maxY - 1 {
            let position = attachments(composer, into: &buffer, x: inner.x + 1, y: y, maxX: inner.maxX)
            if composer.focus == .attachments { cursor = position }
            y += 1
        }
        guard y < inner.maxY else { return }
        buffer.write(String(repeating: "─", count: inner.width), x: inner.x, y: y, role: .border)
        y += 1
        let bodyRect = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y)
        var body = composer.body
        if !bodyRect.isEmpty {
            body.scrollToCursor(width: bodyRect.width, height: bodyRect.height)
            let position = body.render(into: &buffer, rect: bodyRect, role: .normal)
            if composer.focus == .body { cursor = position }
            if body.isEmpty && composer.focus != .body {
                buffer.write("Write your email here (Tab to reach it).", x: bodyRect.x, y: bodyRect.y, role: .placeholder,
                             limit: bodyRect.maxX)
            }
        }
        if let row = completionRow, !composer.completions.isEmpty {
            completions(composer, into: &buffer, x: inner.x + 1 + labelWidth, y: row, maxX: inner.maxX, maxY: inner.maxY)
        }
        buffer.cursor = cursor
    }

    /// The Attached line: the files, and while it has the keys, the one chosen and what removes it.
    /// Returns where the chosen file starts.
    private func attachments(_ composer: ComposerState, into buffer: inout ScreenBuffer, x: Int, y: Int,
                             maxX: Int) -> (x: Int, y: Int) {
        let focused = composer.focus == .attachments
        var column = x + buffer.write("Attached: ", x: x, y: y, role: focused ? .heading : .dim, limit: maxX)
        var chosen = (x: column, y: y)
        for (index, name) in composer.files.enumerated() {
            if index > 0 { column += buffer.write(", ", x: column, y: y, role: .dim, limit: maxX) }
            let isChosen = focused && index == composer.attachmentIndex
            if isChosen { chosen = (column, y) }
            column += buffer.write(SafeText.line(name), x: column, y: y, role: isChosen ? .selection : .dim, limit: maxX)
        }
        if focused { buffer.write("  ←/→ choose · Delete removes", x: column, y: y, role: .dim, limit: maxX) }
        return chosen
    }

    /// The drop-down of contacts matching the address being typed.
    private func completions(_ composer: ComposerState, into buffer: inout ScreenBuffer, x: Int, y: Int, maxX: Int, maxY: Int) {
        let width = min(maxX - x, 56)
        for (index, contact) in composer.completions.enumerated() where y + index < maxY {
            let address = Reducer.completionAddress(contact, typed: composer.addressBeingTyped ?? "") ?? ""
            let line = " \(SafeText.line(contact.name)) <\(address)>"
            buffer.write(padded: line, x: x, y: y + index, columns: width,
                         role: index == composer.completionIndex ? .selection : .overlay)
        }
    }
}
