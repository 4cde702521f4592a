import DeterministicRandom
import Foundation
import Testing
@testable import CRMCore

/// Label changes as values: folding a later change into an earlier one, what a change really does,
/// undoing it, the mail actions, and grouping what waits for Gmail into calls.
@Suite struct LabelChangeTests {
    @Test func aChangeKeepsEachLabelOnceAndALabelInBothListsIsAdded() {
        let change = LabelChange(add: ["UNREAD", "INBOX", "UNREAD"], remove: ["TRASH", "INBOX"])
        #expect(change.add == ["INBOX", "UNREAD"])
        #expect(change.remove == ["TRASH"])
        #expect(LabelChange().isEmpty && !change.isEmpty)
    }

    @Test func aLaterChangeWinsPerLabel() {
        let read = LabelChange(remove: ["UNREAD"])
        let unread = LabelChange(add: ["UNREAD"])
        let archive = LabelChange(remove: ["INBOX"])
        #expect(read.then(unread) == unread)
        #expect(unread.then(read) == read)
        #expect(read.then(archive) == LabelChange(remove: ["INBOX", "UNREAD"]))
        let trash = MailAction.trash.change
        #expect(archive.then(trash) == LabelChange(add: ["TRASH"], remove: ["INBOX", "SPAM"]))
        #expect(trash.then(MailAction.untrash.change) == LabelChange(add: ["INBOX"], remove: ["SPAM", "TRASH"]))
    }

    /// Folding is what applying one change after the other does, whatever the labels were.
    @Test func foldingEqualsApplyingInTurn() {
        let labels = ["INBOX", "UNREAD", "TRASH", "SPAM", "STARRED"]
        var random = SeededRandom(seed: 14)
        func draw() -> LabelChange {
            LabelChange(add: labels.filter { _ in random.chance(0.3) }, remove: labels.filter { _ in random.chance(0.3) })
        }
        for _ in 0..<500 {
            let start = labels.filter { _ in random.chance(0.5) }
            let first = draw()
            let second = draw()
            #expect(Set(first.then(second).applied(to: start)) == Set(second.applied(to: first.applied(to: start))),
                    "\(start) \(first) \(second)")
        }
    }

    @Test func anEffectIsOnlyWhatChangesAndItsInverseUndoesIt() {
        let labels = ["INBOX", "IMPORTANT"]
        let trash = MailAction.trash.change
        let effect = trash.effect(on: labels)
        #expect(effect == LabelChange(add: ["TRASH"], remove: ["INBOX"]))
        #expect(effect.applied(to: labels) == ["IMPORTANT", "TRASH"])
        #expect(Set(effect.inverse.applied(to: effect.applied(to: labels))) == Set(labels))
        #expect(MailAction.read.change.effect(on: labels).isEmpty, "already read")
    }

    @Test func theActionsAsLabelsAndWhatTheyCover() {
        #expect(MailAction.read.effect(on: ["INBOX", "UNREAD"]) == LabelChange(remove: ["UNREAD"]))
        #expect(MailAction.unread.effect(on: ["INBOX"]) == LabelChange(add: ["UNREAD"]))
        #expect(MailAction.archive.effect(on: ["INBOX", "UNREAD"]) == LabelChange(remove: ["INBOX"]))
        #expect(MailAction.unarchive.effect(on: ["UNREAD"]) == LabelChange(add: ["INBOX"]))
        #expect(MailAction.unarchive.effect(on: ["TRASH"]).isEmpty, "a trashed message stays in the trash")
        #expect(MailAction.unarchive.effect(on: ["SPAM"]).isEmpty)
        #expect(MailAction.trash.effect(on: ["SPAM"]) == LabelChange(add: ["TRASH"], remove: ["SPAM"]))
        #expect(MailAction.untrash.effect(on: ["TRASH", "UNREAD"]) == LabelChange(add: ["INBOX"], remove: ["TRASH"]))
        #expect(MailAction.untrash.effect(on: ["SENT"]).isEmpty, "only what is in the trash comes out")
        #expect(MailAction.allCases.filter(\.coversConversation) == [.archive, .unarchive, .trash, .untrash])
    }

    @Test func anEditUndoesMessageByMessage() {
        let edit = LabelEdit(messages: [LabelEdit.Message(id: 4, change: LabelChange(add: ["TRASH"], remove: ["INBOX"])),
                                        LabelEdit.Message(id: 5, change: LabelChange(add: ["TRASH"]))],
                             covered: 3, queued: 2)
        #expect(edit.inverse == [LabelEdit.Message(id: 4, change: LabelChange(add: ["INBOX"], remove: ["TRASH"])),
                                 LabelEdit.Message(id: 5, change: LabelChange(remove: ["TRASH"]))])
    }

    @Test func waitingChangesGoOutOneCallPerChangeAtMostAThousandIdsEach() {
        let read = LabelChange(remove: ["UNREAD"])
        let archive = LabelChange(remove: ["INBOX"])
        let pending = (0..<2_300).map { PendingLabelChange(gmailID: "m\($0)", change: $0 % 3 == 1 ? archive : read) }
        let batches = PendingLabelChange.batches(pending)
        #expect(batches.map(\.change) == [read, read, archive])
        #expect(batches.map(\.changes.count) == [1_000, 533, 767])
        #expect(Set(batches.flatMap(\.gmailIDs)).count == 2_300, "every change goes out once")
        #expect(batches.allSatisfy { batch in batch.changes.allSatisfy { $0.change == batch.change } })
        #expect(PendingLabelChange.batches([]).isEmpty)
    }

    @Test func aRefusedChangeWaitsLongerEachTimeUpToAnHour() {
        #expect(PendingLabelChange.retryDelay(afterAttempts: 1) == 30)
        #expect(PendingLabelChange.retryDelay(afterAttempts: 2) == 60)
        #expect(PendingLabelChange.retryDelay(afterAttempts: 20) == 3_600)
    }
}
