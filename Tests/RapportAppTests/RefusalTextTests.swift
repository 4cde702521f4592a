import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// What the store refuses, as the app says it: keys, never commands to type in a shell.
@Suite struct RefusalTextTests {
    static let keys = Keymap.standard

    /// One of every refusal; `kind(of:)` makes a new case fail to compile here until it is added.
    static let examples: [Refusal] = [
        .notFound(.contact, id: 3), .notYours(.activity, id: 4, owner: "bob", change: .edit),
        .notYours(.outgoingEmail, id: 4, owner: nil, change: .outbox(.queue)), .nameMissing(.company),
        .nameTaken(.team, name: "Sales"), .addressMissing, .addressTaken(contactID: 3),
        .mailboxTaken(EmailAddress("ann@x.example")!, byYou: true), .notALogin("Ann"), .noSuchTeam("Nowhere"),
        .onlyNotesCallsMeetings, .summaryMissing, .activityFromEmail(id: 9), .notOnTimeline(activityID: 9),
        .outbox(id: 2, OutboxRefusal(action: .cancel, current: .failed)), .notDeletable(id: 2, status: .sending),
        .notEditable(id: 2, status: .failed), .composition([.noRecipients], emailID: 2), .notYourMailbox,
        .noEmailToReplyTo(activityID: 9), .linkOutsideTeam(.deal(5)), .noFullSync(mailboxID: 1),
        .notYourMessage(id: 7, owner: "al"), .notFound(.message, id: 7),
    ]

    static func kind(of refusal: Refusal) -> String {
        switch refusal {
        case .notFound: "notFound"
        case .notYours: "notYours"
        case .nameMissing: "nameMissing"
        case .nameTaken: "nameTaken"
        case .addressMissing: "addressMissing"
        case .addressTaken: "addressTaken"
        case .mailboxTaken: "mailboxTaken"
        case .notALogin: "notALogin"
        case .noSuchTeam: "noSuchTeam"
        case .onlyNotesCallsMeetings: "onlyNotesCallsMeetings"
        case .summaryMissing: "summaryMissing"
        case .activityFromEmail: "activityFromEmail"
        case .notOnTimeline: "notOnTimeline"
        case .outbox: "outbox"
        case .notDeletable: "notDeletable"
        case .notEditable: "notEditable"
        case .composition: "composition"
        case .notYourMailbox: "notYourMailbox"
        case .noEmailToReplyTo: "noEmailToReplyTo"
        case .linkOutsideTeam: "linkOutsideTeam"
        case .noFullSync: "noFullSync"
        case .notYourMessage: "notYourMessage"
        }
    }

    @Test func theExamplesCoverEveryRefusal() {
        #expect(Set(Self.examples.map(Self.kind)).count == 22)
    }

    @Test("no command-line advice reaches the screen", arguments: examples)
    func noCommands(refusal: Refusal) {
        let text = refusal.text(keys: Self.keys)
        #expect(!text.contains("rapport ") && !text.contains("--"), "\(text)")
        #expect(text.first?.isUppercase == true && text.hasSuffix("."), "a sentence: \(text)")
    }

    @Test("every outbox refusal is a sentence with no commands",
          arguments: [OutboxAction.queue, .cancel, .retry, .edit], OutboxStatus.allCases)
    func outboxRefusals(action: OutboxAction, status: OutboxStatus) {
        guard case .failure(let refusal) = action.move(from: status) else { return }
        let text = refusal.text(keys: Self.keys)
        #expect(text.hasPrefix("Cannot ") && text.hasSuffix("."), "\(text)")
        #expect(!text.contains("rapport "), "\(text)")
    }

    @Test func keysComeFromTheKeymap() {
        let refusal = Refusal.outbox(id: 2, OutboxRefusal(action: .cancel, current: .failed))
        #expect(refusal.text(keys: Self.keys) == "Cannot undo this email: it has failed; press t to retry or press d to delete it.")
        let remapped = Keymap(Self.keys.bindings.map { binding in
            binding.command == .retryEmail ? Keymap.Binding(key: Key("R")!, command: .retryEmail, context: .outbox) : binding
        })
        #expect(refusal.text(keys: remapped).contains("press R to retry"))
    }

    @Test func onlyTheAuthorSendsAnEmail() {
        for action in [OutboxAction.queue, .retry] {
            #expect(Refusal.notYours(.outgoingEmail, id: 4, owner: "ann", change: .outbox(action)).text(keys: Self.keys)
                    == "That outgoing email is ann's; only its author can send it (it is sealed with their own key).")
        }
        #expect(Refusal.notYours(.outgoingEmail, id: 4, owner: "ann", change: .outbox(.cancel)).text(keys: Self.keys)
                .hasSuffix("only its author or an admin can change it."))
    }

    @Test func sentMailIsFinalWhateverWasTried() {
        for action in [OutboxAction.queue, .cancel, .retry, .edit] {
            #expect(OutboxRefusal(action: action, current: .sent).text(keys: Self.keys).contains("already been sent"))
        }
    }
}
