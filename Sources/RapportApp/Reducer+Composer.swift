import CRMCore
import Foundation
import TerminalUI

extension Reducer {
    /// Opens an empty composer, addressed to the contact on screen when there is one, with the
    /// signature of the mailbox it is sent from under an empty first line.
    func openComposer(_ state: inout AppState) -> [Effect] {
        let from = state.mailboxChoices.first
        let body = Signature.body("", signature: from.flatMap { state.signatures[$0] })
        var composer = ComposerState(from: from?.value ?? "", body: body)
        let contact: Contact? = switch state.screen {
        case .timeline: state.timeline?.contact
        case .contacts: state.selectedContact
        default: nil
        }
        if let contact {
            composer = ComposerState(from: composer.from, to: contact.emails.first.map { $0.value + ", " } ?? "",
                                     body: body, focus: .subject, link: .contact(contact.id), linkTitle: contact.name)
        }
        composer.body.move(to: TextEditor.Position(line: 0, column: 0))
        state.composer = composer
        if let from, let warning = state.signatureWarnings[from] { state.notify(warning, isError: true) }
        return push(.composer, &state)
    }

    /// Keys while writing: the composer's commands, completion, the From choice, then the field's editing.
    func composerKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer else { return [] }
        let recipient = composer.firstRecipient
        if !composer.completions.isEmpty {
            switch key {
            case .down, .control("n"):
                composer.completionIndex = (composer.completionIndex + 1) % composer.completions.count
                state.composer = composer
                return []
            case .up, .control("p"):
                composer.completionIndex = (composer.completionIndex + composer.completions.count - 1) % composer.completions.count
                state.composer = composer
                return []
            case .enter:
                let contact = composer.completions[composer.completionIndex]
                if let address = Self.completionAddress(contact, typed: composer.addressBeingTyped ?? "") {
                    composer.complete(with: address)
                }
                state.composer = composer
                let follow = followTo(from: recipient, &state)
                return [.saveComposerSession(state.composer?.snapshot ?? composer.snapshot)] + follow
            case .escape:
                composer.completions = []
                state.composer = composer
                return []
            default:
                break
            }
        }
        if let command = keymap.command(for: key, in: [.composer]) {
            return command == .insertTemplate ? followupCommand(command, &state) : composerCommand(command, &state)
        }
        let before = composer.snapshot
        switch composer.focus {
        case .from:
            let choices = state.mailboxChoices.map(\.value)
            guard !choices.isEmpty else { return [] }
            let index = choices.firstIndex(of: composer.from) ?? 0
            let was = composer.from
            switch key {
            case .right, .character(" "), .down: composer.from = choices[(index + 1) % choices.count]
            case .left, .up: composer.from = choices[(index + choices.count - 1) % choices.count]
            case .enter: composer.focus = .to
            default: return []
            }
            if composer.from != was { swapSignature(&composer, from: was, state) }
        case .attachments:
            switch key {
            case .left: composer.attachmentIndex = max(0, composer.attachmentIndex - 1)
            case .right: composer.attachmentIndex = min(composer.files.count - 1, composer.attachmentIndex + 1)
            case .enter: composer.moveFocus(by: 1)
            case .delete, .backspace:
                guard let name = composer.removeChosenAttachment() else { return [] }
                if composer.files.isEmpty { composer.focus = .body }
                state.notify("Removed \(SafeText.line(name)) from the email.")
            default: return []
            }
        case .body:
            _ = composer.body.handle(key)
        default:
            guard var field = composer.textField(composer.focus) else { return [] }
            if key == .enter {
                composer.moveFocus(by: 1)
            } else {
                _ = field.handle(key)
                composer.setTextField(composer.focus, field)
            }
        }
        state.composer = composer
        var effects: [Effect] = []
        if composer.snapshot != before {
            // The link may follow To: what is saved has it, and what it reads comes after (and saves again).
            let follow = followTo(from: recipient, &state)
            effects.append(.saveComposerSession(state.composer?.snapshot ?? composer.snapshot))
            if let typed = composer.addressBeingTyped {
                effects.append(.load(.completions(typed)))
            } else {
                state.composer?.completions = []
            }
            effects += follow
        }
        return effects
    }

    /// When the link follows To and its first address is no longer `recipient`: whose the new one is, to
    /// link to them (read from the store), or no link while there is none.
    func followTo(from recipient: EmailAddress?, _ state: inout AppState) -> [Effect] {
        guard let composer = state.composer, !composer.linkChosen, composer.firstRecipient != recipient else { return [] }
        if let address = composer.firstRecipient { return [.load(.recipientContact(address))] }
        state.composer?.link = nil
        state.composer?.linkTitle = nil
        return []
    }

    /// The contact the first address in To belongs to (nil: nobody known): the link, while it follows To.
    func linkRecipient(_ address: EmailAddress, _ contact: Contact?, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer, !composer.linkChosen, composer.firstRecipient == address else { return [] }
        composer.link = contact.map { .contact($0.id) }
        composer.linkTitle = contact?.name
        guard composer != state.composer else { return [] }
        state.composer = composer
        return [.saveComposerSession(composer.snapshot)]
    }

    /// Links the composer's email to the one record `query` found, or says why it cannot.
    func linkComposer(_ query: String, _ candidates: [LinkCandidate], _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer else { return [] }
        let typed = "“\(TextWidth.truncate(SafeText.line(query), to: 30))”"
        guard candidates.count == 1, let found = candidates.first else {
            if candidates.isEmpty {
                state.notify("No deal, company or contact matches \(typed).", isError: true)
            } else {
                let some = candidates.prefix(3).map { SafeText.line($0.title) }.joined(separator: ", ")
                state.notify("\(typed) matches \(some)\(candidates.count > 3 ? "…" : ""). Type more of the name.",
                             isError: true)
            }
            return []
        }
        composer.link = found.link
        composer.linkTitle = found.title
        composer.linkChosen = true
        state.composer = composer
        state.notify("Linked to the \(found.kind) “\(SafeText.line(found.name))”.")
        return [.saveComposerSession(composer.snapshot)]
    }

    /// The composer's commands (Ctrl keys, Tab, Esc).
    func composerCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer else { return [] }
        switch command {
        case .nextField, .previousField:
            composer.moveFocus(by: command == .nextField ? 1 : -1)
            composer.completions = []
            state.composer = composer
            return []
        case .send:
            if let problem = problem(sending: composer, at: nil, now: state.now) {
                state.notify(problem, isError: true)
                return []
            }
            return [.submitComposer(composer.snapshot, queue: true, sendAt: nil)]
        case .schedule:
            if let problem = problem(sending: composer, at: nil, now: state.now) {
                state.notify(problem, isError: true)
                return []
            }
            state.prompt = Prompt(.schedule)
            return []
        case .saveDraft:
            if isBlank(composer, state) && composer.outgoingID == nil {
                return closeComposer("Nothing written; no draft kept.", &state)
            }
            if let problem = composer.snapshot.composition(queue: false, sendAt: nil).problems(now: state.now).first {
                // Short enough for three rows at 40 columns.
                let keep = keymap.key(for: .saveDraft, in: .composer).map { " Fix it, then \($0) keeps a draft" }
                    ?? " Fix it to keep a draft"
                let discard = keymap.key(for: .discard, in: .composer).map { "; \($0) discards the email." } ?? "."
                state.notify(problem.text(keys: keymap) + keep + discard, isError: true)
                return []
            }
            return [.submitComposer(composer.snapshot, queue: false, sendAt: nil)]
        case .discard:
            if isBlank(composer, state) && composer.outgoingID == nil {
                return closeComposer("Nothing written; no draft kept.", &state)
            }
            state.prompt = Prompt(.confirmDiscard(savedDraft: composer.outgoingID != nil))
            return []
        case .attach:
            state.prompt = Prompt(.attach)
            return []
        case .link:
            state.prompt = Prompt(.link)
            return []
        case .externalEditor:
            return [.openEditor(composer.body.fileText)]
        default:
            return []
        }
    }

    /// Closes the composer without saving it, forgets its saved state, and says `message`.
    /// Whether `composer` holds nothing but the signature its mailbox signs with.
    func isBlank(_ composer: ComposerState, _ state: AppState) -> Bool {
        composer.isBlank(signature: EmailAddress(composer.from).flatMap { state.signatures[$0] })
    }

    func closeComposer(_ message: String, _ state: inout AppState) -> [Effect] {
        state.composer = nil
        state.goBack()
        state.notify(message)
        return [.clearComposerSession] + reloadScreen(state)
    }

    /// What stops the composer's email going out (now, or at `sendAt`), for people; nil when it can go.
    /// Besides the rules every email follows (`Composition`), the composer wants a mailbox to send
    /// from and a subject.
    func problem(sending composer: ComposerState, at sendAt: Date?, now: Date) -> String? {
        if composer.from.isEmpty { return "Connect a Gmail account first: run rapport account add EMAIL." }
        if let problem = composer.snapshot.composition(queue: true, sendAt: sendAt).problems(now: now).first {
            return problem.text(keys: keymap)
        }
        if composer.subject.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return "Add a subject first (Tab to the Subject field)."
        }
        return nil
    }

    /// The contact's address that best matches what was typed (the first one otherwise).
    static func completionAddress(_ contact: Contact, typed: String) -> String? {
        let lower = typed.lowercased()
        return (contact.emails.first { $0.value.hasPrefix(lower) } ?? contact.emails.first)?.value
    }

    /// The body with the signature of the mailbox it was to go from changed for that of the one it
    /// goes from now, where the old one stands as it was written.
    private func swapSignature(_ composer: inout ComposerState, from old: String, _ state: AppState) {
        let before = composer.body.text
        let after = Signature.swap(in: before, from: EmailAddress(old).flatMap { state.signatures[$0] },
                                   to: EmailAddress(composer.from).flatMap { state.signatures[$0] })
        guard after != before else { return }
        let cursor = composer.body.cursor
        composer.body = TextEditor(text: after)
        composer.body.move(to: cursor)
    }
}
