import Testing
@testable import CRMCore

@Suite("OutboxAction and OutboxRefusal")
struct OutboxActionTests {
    /// (source, target) for every action, as the design describes them.
    static let table: [OutboxAction: (OutboxStatus, OutboxStatus)] = [
        .queue: (.draft, .queued),
        .cancel: (.queued, .draft),
        .retry: (.failed, .queued),
        .edit: (.failed, .draft),
        .claim: (.queued, .sending),
        .markSent: (.sending, .sent),
        .requeue: (.sending, .queued),
        .markFail: (.sending, .failed),
    ]

    private func refused(_ action: OutboxAction, from status: OutboxStatus) -> OutboxRefusal? {
        if case .failure(let refusal) = action.move(from: status) { return refusal }
        return nil
    }

    @Test func sourceAndTargetMatchTheDesign() {
        #expect(OutboxAction.allCases.count == 8)
        for action in OutboxAction.allCases {
            let (source, target) = Self.table[action]!
            #expect(action.source == source, "\(action)")
            #expect(action.target == target, "\(action)")
            #expect(action.move == OutboxMove(from: source, to: target))
        }
    }

    @Test func everyActionIsAnAllowedMoveAndTogetherTheyCoverAllOfThem() {
        for action in OutboxAction.allCases {
            #expect(action.source.canMove(to: action.target), "\(action)")
        }
        #expect(Set(OutboxAction.allCases.map(\.move)) == OutboxStatus.allowedMoves)
    }

    @Test("an action succeeds from its source status only",
          arguments: OutboxAction.allCases, OutboxStatus.allCases)
    func moveFromEveryStatus(action: OutboxAction, status: OutboxStatus) {
        switch action.move(from: status) {
        case .success(let move):
            #expect(status == action.source)
            #expect(move.from == status)
            #expect(move.to == action.target)
        case .failure(let refusal):
            #expect(status != action.source)
            #expect(refusal.action == action)
            #expect(refusal.current == status)
            let text = refusal.description
            #expect(text.hasPrefix("it ") || text.hasPrefix("only "), "\(text)")
            // Written for people: no Swift case or type names leak into the message.
            for internalName in ["markSent", "markFail", "Outbox", ".sent", ".draft"] {
                #expect(!text.contains(internalName), "\(text)")
            }
        }
    }

    @Test("anything refused from sent says it has already been sent", arguments: OutboxAction.allCases)
    func refusedFromSent(action: OutboxAction) throws {
        let refusal = try #require(refused(action, from: .sent))
        #expect(refusal.description.contains("already been sent"), "\(action): \(refusal)")
    }

    @Test("people's actions on mail being sent say to wait",
          arguments: [OutboxAction.queue, .cancel, .retry, .edit, .claim])
    func refusedWhileSending(action: OutboxAction) throws {
        let refusal = try #require(refused(action, from: .sending))
        #expect(refusal.description.contains("being sent right now"), "\(action): \(refusal)")
    }

    @Test func cancelOnFailedSuggestsRetry() throws {
        let text = try #require(refused(.cancel, from: .failed)).description
        #expect(text.contains("failed"))
        #expect(text.contains("retry"))
        #expect(text.contains("rapport outbox retry"))
    }

    @Test func queueOnFailedSuggestsRetry() throws {
        let text = try #require(refused(.queue, from: .failed)).description
        #expect(text == "it has failed; retry it instead (rapport outbox retry)")
    }

    @Test func retryOnDraftSuggestsQueue() throws {
        let text = try #require(refused(.retry, from: .draft)).description
        #expect(text.contains("draft"))
        #expect(text.contains("rapport outbox queue"))
    }

    @Test func retryOnQueuedSaysItWillBeSent() throws {
        let text = try #require(refused(.retry, from: .queued)).description
        #expect(text == "it is already queued and will be sent by rapport sync")
    }

    @Test func editOnQueuedExplainsOnlyFailedMailReopens() throws {
        let text = try #require(refused(.edit, from: .queued)).description
        #expect(text == "only failed mail is reopened for editing; this one is queued")
    }

    @Test func alreadyInTheTargetStatus() throws {
        #expect(try #require(refused(.queue, from: .queued)).description == "it is already queued")
        #expect(try #require(refused(.cancel, from: .draft)).description == "it is already a draft")
        #expect(try #require(refused(.edit, from: .draft)).description == "it is already a draft")
        #expect(try #require(refused(.requeue, from: .queued)).description == "it is already queued")
        #expect(try #require(refused(.markFail, from: .failed)).description == "it is already failed")
    }

    @Test func senderActionsNameTheStatusTheyNeed() throws {
        #expect(try #require(refused(.claim, from: .draft)).description
                == "it is a draft, and only queued mail can be claimed for sending")
        #expect(try #require(refused(.claim, from: .failed)).description
                == "it is failed, and only queued mail can be claimed for sending")
        #expect(try #require(refused(.markSent, from: .queued)).description
                == "it is queued, and only sending mail can be marked sent")
        #expect(try #require(refused(.requeue, from: .failed)).description
                == "it is failed, and only sending mail can be put back in the queue")
        #expect(try #require(refused(.markFail, from: .draft)).description
                == "it is a draft, and only sending mail can be marked failed")
    }

    @Test func grammarOfDrafts() {
        // "it is draft" reads badly; every refusal from a draft says "a draft".
        for action in OutboxAction.allCases where action.source != .draft {
            let text = refused(action, from: .draft)?.description ?? ""
            #expect(!text.contains("is draft"), "\(action): \(text)")
        }
    }

    @Test func refusalsAreEquatableByActionAndStatus() {
        #expect(OutboxRefusal(action: .queue, current: .sent) == OutboxRefusal(action: .queue, current: .sent))
        #expect(OutboxRefusal(action: .queue, current: .sent) != OutboxRefusal(action: .cancel, current: .sent))
    }

    @Test func pastTenseAndVerb() {
        #expect(OutboxAction.allCases.map(\.pastTense) == [
            "queued", "cancelled", "retried", "reopened", "claimed for sending", "marked sent",
            "put back in the queue", "marked failed",
        ])
        #expect(OutboxAction.allCases.map(\.verb) == [
            "queue", "cancel", "retry", "edit", "claim", "mark sent", "requeue", "mark failed",
        ])
    }
}
