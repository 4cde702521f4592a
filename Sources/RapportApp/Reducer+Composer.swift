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
                return [.saveComposerSession(composer.snapshot)]
            case .escape:
                composer.completions = []
                state.composer = composer
                return []
            default:
                break
            }
        }
        if let command = keymap.command(for: key, in: [.composer]) { return composerCommand(command, &state) }
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
        case .body:
            _ = composer.body.handle(key)
        default:
            guard var field = composer.textField(composer.focus) else { return [] }
            if key == .enter {
                composer.focus = Self.next(composer.focus, by: 1)
            } else {
                _ = field.handle(key)
                composer.setTextField(composer.focus, field)
            }
        }
        state.composer = composer
        var effects: [Effect] = []
        if composer.snapshot != before {
            effects.append(.saveComposerSession(composer.snapshot))
            if let typed = composer.addressBeingTyped {
                effects.append(.load(.completions(typed)))
            } else {
                state.composer?.completions = []
            }
        }
        return effects
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
        state.composer = composer
        state.notify("Linked to the \(found.kind) “\(SafeText.line(found.name))”.")
        return [.saveComposerSession(composer.snapshot)]
    }

    /// The composer's commands (Ctrl keys, Tab, Esc).
    func composerCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer else { return [] }
        switch command {
        case .nextField, .previousField:
            composer.focus = Self.next(composer.focus, by: command == .nextField ? 1 : -1)
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
            let signature = EmailAddress(composer.from).flatMap { state.signatures[$0] }
            if composer.isBlank(signature: signature) && composer.outgoingID == nil {
                state.composer = nil
                state.goBack()
                state.notify("Nothing written; no draft kept.")
                return [.clearComposerSession] + reloadScreen(state)
            }
            if let problem = composer.snapshot.composition(queue: false, sendAt: nil).problems(now: state.now).first {
                state.notify(problem.text(keys: keymap) + " The draft is kept as typed; fix it and "
                             + "\(keymap.press(.saveDraft, in: .composer)) again.", isError: true)
                return []
            }
            return [.submitComposer(composer.snapshot, queue: false, sendAt: nil)]
        case .attach:
            state.prompt = Prompt(.attach)
            return []
        case .link:
            state.prompt = Prompt(.link)
            return []
        case .externalEditor:
            return [.openEditor(composer.body.text)]
        default:
            return []
        }
    }

    static func next(_ field: ComposerState.Field, by step: Int) -> ComposerState.Field {
        let all = ComposerState.Field.allCases
        let index = all.firstIndex(of: field) ?? 0
        return all[(index + step + all.count) % all.count]
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
