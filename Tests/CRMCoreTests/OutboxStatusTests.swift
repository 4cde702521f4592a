import Testing
@testable import CRMCore

@Suite("OutboxStatus: the outgoing-email state machine")
struct OutboxStatusTests {
    /// The eight moves the design allows, written out independently of `OutboxStatus.allowedMoves`.
    static let expectedAllowed: Set<String> = [
        "draft>queued", "queued>draft", "queued>sending", "sending>sent",
        "sending>failed", "sending>queued", "failed>queued", "failed>draft",
    ]

    @Test("every (from, to) pair of the 5×5 matrix is allowed or refused exactly as designed",
          arguments: OutboxStatus.allCases, OutboxStatus.allCases)
    func matrix(from: OutboxStatus, to: OutboxStatus) {
        let expected = Self.expectedAllowed.contains("\(from.rawValue)>\(to.rawValue)")
        #expect(from.canMove(to: to) == expected, "\(from.rawValue) → \(to.rawValue)")
    }

    @Test func sameStateIsNeverAMove() {
        for status in OutboxStatus.allCases {
            #expect(!status.canMove(to: status), "\(status) → \(status)")
        }
    }

    @Test func sentIsFinal() {
        for target in OutboxStatus.allCases {
            #expect(!OutboxStatus.sent.canMove(to: target))
        }
    }

    @Test func allowedMovesHoldsExactlyTheEightDesignedMoves() {
        #expect(OutboxStatus.allowedMoves.count == 8)
        let names = Set(OutboxStatus.allowedMoves.map { "\($0.from.rawValue)>\($0.to.rawValue)" })
        #expect(names == Self.expectedAllowed)
        var counted = 0
        for from in OutboxStatus.allCases {
            for to in OutboxStatus.allCases where from.canMove(to: to) { counted += 1 }
        }
        #expect(counted == 8)
    }

    @Test func fiveStatusesWithStableRawValues() {
        #expect(OutboxStatus.allCases.map(\.rawValue) == ["draft", "queued", "sending", "sent", "failed"])
        #expect(OutboxStatus(rawValue: "sent") == .sent)
        #expect(OutboxStatus(rawValue: "Sent") == nil)
        #expect(OutboxStatus(rawValue: "cancelled") == nil)
    }

    @Test("only drafts and failed mail may be deleted", arguments: OutboxStatus.allCases)
    func isDeletable(status: OutboxStatus) {
        #expect(status.isDeletable == (status == .draft || status == .failed))
    }

    @Test func onlyDraftsAreEdited() {
        #expect(OutboxStatus.allCases.filter(\.isEditable) == [.draft])
        // Failed mail becomes editable by a move of its own (edit: failed → draft).
        #expect(OutboxAction.edit.source == .failed && OutboxAction.edit.target.isEditable)
    }

    @Test func moveDescriptionUsesAnArrow() {
        #expect(OutboxMove(from: .draft, to: .queued).description == "draft → queued")
        #expect(OutboxMove(from: .sending, to: .failed).description == "sending → failed")
    }

    @Test func movesCompareByBothEnds() {
        #expect(OutboxMove(from: .draft, to: .queued) == OutboxMove(from: .draft, to: .queued))
        #expect(OutboxMove(from: .draft, to: .queued) != OutboxMove(from: .queued, to: .draft))
    }
}
