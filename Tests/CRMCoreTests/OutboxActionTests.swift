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
            #expect(refusal.isAlreadyThere == (status == action.target))
        }
    }

    @Test func alreadyThereMeansTheStatusTheActionLeadsTo() throws {
        #expect(try #require(refused(.queue, from: .queued)).isAlreadyThere)
        #expect(try #require(refused(.cancel, from: .draft)).isAlreadyThere)
        #expect(try #require(refused(.markFail, from: .failed)).isAlreadyThere)
        #expect(try !#require(refused(.retry, from: .draft)).isAlreadyThere)
        #expect(try !#require(refused(.cancel, from: .failed)).isAlreadyThere)
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
