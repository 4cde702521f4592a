import CRMCore
import Foundation
import Testing
@testable import RapportCLI

/// What the store refuses, as the command line says it: what could not be done, and the command that helps.
@Suite struct RefusalCommandLineTests {
    private func text(_ action: OutboxAction, from status: OutboxStatus, id: Int64 = 12) -> String {
        Refusal.outbox(id: id, OutboxRefusal(action: action, current: status)).commandLineText
    }

    @Test func anOutboxRefusalNamesTheEmailAndTheCommandThatHelps() {
        #expect(text(.cancel, from: .failed)
                == "cannot cancel outgoing email 12: it has failed; retry it (rapport outbox retry 12) or delete it "
                + "(rapport outbox delete 12)")
        #expect(text(.queue, from: .failed) == "cannot queue outgoing email 12: it has failed; retry it instead "
                + "(rapport outbox retry 12)")
        #expect(text(.retry, from: .draft) == "cannot retry outgoing email 12: it is a draft, which has not failed; "
                + "queue it instead (rapport outbox queue 12)")
        #expect(text(.retry, from: .queued) == "cannot retry outgoing email 12: it is already queued and will be sent "
                + "by rapport sync")
        #expect(text(.edit, from: .queued) == "cannot edit outgoing email 12: only failed mail is reopened for editing; "
                + "this one is queued")
    }

    @Test("anything refused from sent says it has already been sent", arguments: OutboxAction.allCases)
    func refusedFromSent(action: OutboxAction) {
        #expect(text(action, from: .sent).hasSuffix(": it has already been sent, and sent mail is final"))
    }

    @Test("people's actions on mail being sent say to wait", arguments: [OutboxAction.queue, .cancel, .retry, .edit])
    func refusedWhileSending(action: OutboxAction) {
        #expect(text(action, from: .sending).contains("being sent right now; wait a moment"))
    }

    @Test func alreadyThereAndTheSendersMovesNameTheStatus() {
        #expect(text(.queue, from: .queued).hasSuffix(": it is already queued"))
        #expect(text(.cancel, from: .draft).hasSuffix(": it is already a draft"))
        #expect(text(.markFail, from: .failed).hasSuffix(": it is already failed"))
        #expect(text(.claim, from: .draft).hasSuffix(": it is a draft, and only queued mail can be claimed for sending"))
        #expect(text(.requeue, from: .failed)
                .hasSuffix(": it is failed, and only sending mail can be put back in the queue"))
    }

    @Test("every refusal from a draft says a draft", arguments: OutboxAction.allCases)
    func grammarOfDrafts(action: OutboxAction) {
        guard action.source != .draft else { return }
        let line = text(action, from: .draft)
        #expect(!line.contains("is draft") && !line.contains("markSent") && !line.contains("markFail"), "\(line)")
    }

    @Test func deletingAndChangingSayWhatToDoFirst() {
        #expect(Refusal.notDeletable(id: 5, status: .queued).commandLineText
                == "cannot delete outgoing email 5: it is queued; cancel it first (rapport outbox cancel 5)")
        #expect(Refusal.notDeletable(id: 5, status: .sent).commandLineText
                == "cannot delete outgoing email 5: sent mail stays on record")
        #expect(Refusal.notEditable(id: 5, status: .failed).commandLineText
                == "cannot change outgoing email 5: it is failed, and only drafts change; reopen it as a draft first "
                + "(rapport outbox edit 5)")
    }

    @Test func compositionProblemsNameTheOptionWhileComposing() {
        let past = Date(timeIntervalSince1970: 1_795_957_380)
        #expect(Refusal.composition([.noRecipients], emailID: nil).commandLineText
                == "cannot save this email: it has no recipients; add --to")
        #expect(Refusal.composition([.noRecipients], emailID: 7).commandLineText
                == "cannot queue outgoing email 7: it has no recipients")
        #expect(Refusal.composition([.sendTimeInPast(past), .noRecipients], emailID: nil).commandLineText
                == "cannot save this email: the send time 2026-11-29T13:03:00Z is in the past; leave out --send-at to "
                + "send as soon as possible")
        #expect(Refusal.composition([.tooManyRecipients(101)], emailID: nil).commandLineText
                == "cannot save this email: 101 recipients is more than Gmail takes in one message (100); Rapport is "
                + "not for bulk mail")
        #expect(Refusal.composition([.tooLarge(bytes: 30 * 1_048_576)], emailID: nil).commandLineText
                == "cannot save this email: the attachments come to 30 MB, more than the 25 MB Gmail accepts; share "
                + "large files by link instead")
    }

    @Test func onlyTheAuthorSendsAndTheWordsSayWhy() {
        #expect(Refusal.notYours(.outgoingEmail, id: 5, owner: "ann", change: .outbox(.queue)).commandLineText
                == "cannot queue outgoing email 5: it is ann's, and only its author can send it (it is sealed with "
                + "their own key)")
        #expect(Refusal.notYours(.outgoingEmail, id: 5, owner: "ann", change: .outbox(.retry)).commandLineText
                .hasSuffix("only its author can send it (it is sealed with their own key)"))
        #expect(Refusal.notYours(.outgoingEmail, id: 5, owner: "ann", change: .outbox(.cancel)).commandLineText
                == "cannot cancel outgoing email 5: it is ann's, and only its author or an admin can change it")
    }

    @Test func failureMessagePrintsTheRefusalAndTheLogCallsItRefused() {
        let refusal = Refusal.notFound(.contact, id: 4)
        #expect(FailureMessage.text(for: refusal, database: "/tmp/x.db")
                == "there is no contact 4 in your team; see rapport contact list")
        #expect(EventLog.kind(of: refusal) == "refused")
    }
}
