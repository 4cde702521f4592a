import DeterministicRandom
import Foundation
import Testing
@testable import CRMCore

@Suite("SyncPlanner")
struct SyncPlannerTests {
    typealias Change = HistoryChange

    static func fetchIDs(_ plan: SyncPlan) -> [String] { plan.fetch.map(\.id) }

    // MARK: folding

    @Test func addedUnknownMessageIsFetchedWithItsThread() {
        let plan = SyncPlanner.plan([.added(id: "m1", threadID: "t1", labels: ["INBOX", "UNREAD"])], known: [])
        #expect(plan == SyncPlan(fetch: [(id: "m1", threadID: "t1")]))
    }

    @Test func addThenDeleteOfUnknownLeavesNothing() {
        let plan = SyncPlanner.plan([
            .added(id: "m1", threadID: "t1", labels: ["INBOX"]),
            .deleted(id: "m1"),
        ], known: [])
        #expect(plan.isEmpty)
    }

    @Test func addThenDeleteOfKnownDeletes() {
        let plan = SyncPlanner.plan([
            .added(id: "m1", threadID: "t1", labels: ["INBOX"]),
            .labelsChanged(id: "m1", threadID: "t1", labels: ["INBOX", "STARRED"]),
            .deleted(id: "m1"),
        ], known: ["m1"])
        #expect(plan == SyncPlan(delete: ["m1"]))
    }

    @Test func deleteThenAddCancelsTheDelete() {
        let changes: [Change] = [.deleted(id: "m1"), .added(id: "m1", threadID: "t1", labels: ["INBOX"])]
        #expect(SyncPlanner.plan(changes, known: []) == SyncPlan(fetch: [(id: "m1", threadID: "t1")]))
        // Stored already: Gmail never changes a message's content, so only its labels are applied.
        #expect(SyncPlanner.plan(changes, known: ["m1"]) == SyncPlan(relabel: ["m1": ["INBOX"]]))
    }

    @Test func deletingAnUnknownMessageIsDropped() {
        let plan = SyncPlanner.plan([.deleted(id: "gone"), .deleted(id: "m2")], known: ["m2"])
        #expect(plan == SyncPlan(delete: ["m2"]))
    }

    @Test func labelChangesAfterADeleteDoNotReviveIt() {
        let changes: [Change] = [.deleted(id: "m1"), .labelsChanged(id: "m1", threadID: "t1", labels: ["INBOX"])]
        #expect(SyncPlanner.plan(changes, known: ["m1"]) == SyncPlan(delete: ["m1"]))
        #expect(SyncPlanner.plan(changes, known: []).isEmpty)
    }

    @Test func labelChangeOnKnownMessageRelabelsWithTheNewestFullSet() {
        let plan = SyncPlanner.plan([
            .labelsChanged(id: "m1", threadID: "t1", labels: ["INBOX", "UNREAD"]),
            .labelsChanged(id: "m1", threadID: "t1", labels: ["INBOX"]),
            .labelsChanged(id: "m1", threadID: "t1", labels: ["INBOX", "IMPORTANT"]),
        ], known: ["m1"])
        #expect(plan == SyncPlan(relabel: ["m1": ["INBOX", "IMPORTANT"]]))
    }

    @Test func labelChangeOnUnknownMessageFetchesIt() {
        let plan = SyncPlanner.plan([.labelsChanged(id: "m9", threadID: "t9", labels: ["INBOX", "STARRED"])],
                                    known: ["m1"])
        #expect(plan == SyncPlan(fetch: [(id: "m9", threadID: "t9")]))
    }

    @Test func addedMessageOfKnownIdIsRelabelledNotFetched() {
        let plan = SyncPlanner.plan([.added(id: "m1", threadID: "t1", labels: ["SENT"])], known: ["m1"])
        #expect(plan == SyncPlan(relabel: ["m1": ["SENT"]]))
    }

    @Test func excludedLabelsAreNeitherFetchedNorRelabelled() {
        let plan = SyncPlanner.plan([
            .added(id: "draft", threadID: "t1", labels: ["DRAFT"]),
            .added(id: "chat", threadID: "t2", labels: ["CHAT", "INBOX"]),
            .labelsChanged(id: "draft2", threadID: "t3", labels: ["DRAFT", "INBOX"]),
            .added(id: "mail", threadID: "t4", labels: ["INBOX"]),
        ], known: [])
        #expect(plan == SyncPlan(fetch: [(id: "mail", threadID: "t4")]))
    }

    @Test func knownMessageGainingAnExcludedLabelIsDeleted() {
        let plan = SyncPlanner.plan([
            .labelsChanged(id: "m1", threadID: "t1", labels: ["DRAFT"]),
            .labelsChanged(id: "m2", threadID: "t2", labels: ["INBOX"]),
        ], known: ["m1", "m2"])
        #expect(plan == SyncPlan(delete: ["m1"], relabel: ["m2": ["INBOX"]]))
    }

    @Test func onlyTheNewestLabelsDecideExclusion() {
        // A draft that was sent: history shows it DRAFT first, SENT later.
        let plan = SyncPlanner.plan([
            .added(id: "m1", threadID: "t1", labels: ["DRAFT"]),
            .labelsChanged(id: "m1", threadID: "t1", labels: ["SENT"]),
            .added(id: "m2", threadID: "t2", labels: ["INBOX"]),
            .labelsChanged(id: "m2", threadID: "t2", labels: ["DRAFT"]),
        ], known: [])
        #expect(plan == SyncPlan(fetch: [(id: "m1", threadID: "t1")]))
    }

    @Test func excludedLabelsAreConfigurable() {
        let changes: [Change] = [.added(id: "m1", threadID: "t1", labels: ["CATEGORY_PROMOTIONS"]),
                                 .added(id: "m2", threadID: "t2", labels: ["DRAFT"])]
        let plan = SyncPlanner.plan(changes, known: [], excludedLabels: ["CATEGORY_PROMOTIONS"])
        #expect(Self.fetchIDs(plan) == ["m2"])
    }

    @Test func trashAndSpamRelabelKnownMessagesButDoNotFetchUnknownOnes() {
        let plan = SyncPlanner.plan([
            .labelsChanged(id: "stored", threadID: "t1", labels: ["TRASH"]),
            .labelsChanged(id: "old", threadID: "t2", labels: ["TRASH"]),
            .added(id: "junk", threadID: "t3", labels: ["SPAM", "UNREAD"]),
        ], known: ["stored"])
        #expect(plan == SyncPlan(relabel: ["stored": ["TRASH"]]))
    }

    @Test func anUnknownMessageTakenOutOfTrashIsFetched() {
        let plan = SyncPlanner.plan([
            .labelsChanged(id: "old", threadID: "t2", labels: ["TRASH"]),
            .labelsChanged(id: "old", threadID: "t2", labels: ["INBOX"]),
        ], known: [])
        #expect(plan == SyncPlan(fetch: [(id: "old", threadID: "t2")]))
    }

    @Test func fetchOrderIsFirstMentionAndEachIdOnce() {
        let plan = SyncPlanner.plan([
            .added(id: "c", threadID: "tc", labels: ["INBOX"]),
            .added(id: "a", threadID: "ta", labels: ["INBOX"]),
            .labelsChanged(id: "c", threadID: "tc", labels: ["INBOX", "STARRED"]),
            .added(id: "b", threadID: "tb", labels: ["INBOX"]),
            .added(id: "a", threadID: "ta", labels: ["INBOX"]),
            .deleted(id: "c"),
            .added(id: "c", threadID: "tc", labels: ["INBOX"]),
        ], known: [])
        #expect(Self.fetchIDs(plan) == ["c", "a", "b"])
        #expect(plan.fetch.map(\.threadID) == ["tc", "ta", "tb"])
        #expect(plan.delete.isEmpty && plan.relabel.isEmpty)
    }

    @Test func aMissingThreadIdKeepsTheOneSeenBefore() {
        let plan = SyncPlanner.plan([
            .added(id: "m1", threadID: "t1", labels: ["INBOX"]),
            .labelsChanged(id: "m1", threadID: "", labels: ["INBOX", "STARRED"]),
        ], known: [])
        #expect(plan == SyncPlan(fetch: [(id: "m1", threadID: "t1")]))
    }

    @Test func noChangesMakeAnEmptyPlan() {
        #expect(SyncPlanner.plan([], known: ["m1"]).isEmpty)
    }

    @Test func planEqualityComparesFetchOrder() {
        #expect(SyncPlan(fetch: [(id: "a", threadID: "t"), (id: "b", threadID: "t")])
            != SyncPlan(fetch: [(id: "b", threadID: "t"), (id: "a", threadID: "t")]))
        #expect(SyncPlan(fetch: [(id: "a", threadID: "t1")]) != SyncPlan(fetch: [(id: "a", threadID: "t2")]))
    }

    /// Random histories: the three sets are disjoint, fetches are unknown and unique, deletes and
    /// relabels are known, and each id's last word decides.
    @Test func randomHistoriesKeepThePlanConsistent() {
        var random = SeededRandom(seed: 55)
        let ids = (0..<12).map { "m\($0)" }
        let labelSets: [[String]] = [["INBOX"], ["INBOX", "UNREAD"], ["SENT"], ["DRAFT"], ["TRASH"], ["CHAT"], []]
        for _ in 0..<500 {
            let known = Set(ids.filter { _ in random.chance(0.5) })
            var changes: [Change] = []
            for _ in 0..<random.below(30) {
                let id = random.pick(ids)
                switch random.below(3) {
                case 0: changes.append(.added(id: id, threadID: "t" + id, labels: random.pick(labelSets)))
                case 1: changes.append(.deleted(id: id))
                default: changes.append(.labelsChanged(id: id, threadID: "t" + id, labels: random.pick(labelSets)))
                }
            }
            let plan = SyncPlanner.plan(changes, known: known)
            let fetched = Self.fetchIDs(plan)
            #expect(Set(fetched).count == fetched.count)
            #expect(Set(fetched).isDisjoint(with: known))
            #expect(plan.delete.isSubset(of: known))
            #expect(Set(plan.relabel.keys).isSubset(of: known))
            #expect(plan.delete.isDisjoint(with: plan.relabel.keys))
            #expect(plan.fetch.allSatisfy { $0.threadID == "t" + $0.id })
            for id in ids {
                guard let last = changes.last(where: { $0.id == id }) else {
                    #expect(!fetched.contains(id) && !plan.delete.contains(id) && plan.relabel[id] == nil)
                    continue
                }
                if case .added(_, _, let labels) = last {
                    let clean = !labels.contains("DRAFT") && !labels.contains("CHAT")
                    let hidden = labels.contains("TRASH")
                    #expect(fetched.contains(id) == (clean && !hidden && !known.contains(id)))
                    #expect((plan.relabel[id] == labels) == (clean && known.contains(id)))
                    #expect(plan.delete.contains(id) == (!clean && known.contains(id)))
                }
                if case .deleted = last {
                    #expect(plan.delete.contains(id) == known.contains(id))
                    #expect(!fetched.contains(id) && plan.relabel[id] == nil)
                }
            }
        }
    }

    // MARK: queries

    @Test func fullSyncQueryUsesEpochSecondsRoundedDown() {
        let start = Date(timeIntervalSince1970: 1_715_700_000.987)
        #expect(SyncPlanner.fullSyncQuery(windowStart: start) == "after:1715700000 -in:chats")
    }

    @Test func backfillQueryForOneAddress() {
        let since = Date(timeIntervalSince1970: 1_700_000_000.5)
        #expect(SyncPlanner.backfillQueries(addresses: ["alice@acme.com"], since: since)
            == ["(from:alice@acme.com OR to:alice@acme.com OR cc:alice@acme.com) after:1700000000"])
    }

    @Test func backfillQueryJoinsAddressesWhileTheyFit() {
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(SyncPlanner.backfillQueries(addresses: ["a@x.io", "b@y.io"], since: since)
            == ["(from:a@x.io OR to:a@x.io OR cc:a@x.io OR from:b@y.io OR to:b@y.io OR cc:b@y.io) after:1700000000"])
    }

    @Test func backfillQueriesSplitExactlyAtMaxLength() {
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        let both = "(from:a@x.io OR to:a@x.io OR cc:a@x.io OR from:b@y.io OR to:b@y.io OR cc:b@y.io) after:1700000000"
        #expect(SyncPlanner.backfillQueries(addresses: ["a@x.io", "b@y.io"], since: since, maxLength: both.count)
            == [both])
        #expect(SyncPlanner.backfillQueries(addresses: ["a@x.io", "b@y.io"], since: since, maxLength: both.count - 1)
            == ["(from:a@x.io OR to:a@x.io OR cc:a@x.io) after:1700000000",
                "(from:b@y.io OR to:b@y.io OR cc:b@y.io) after:1700000000"])
    }

    @Test func manyAddressesSplitIntoQueriesUnderTheLimit() {
        let addresses = (0..<200).map { "person\($0)@example-company.com" }
        let queries = SyncPlanner.backfillQueries(addresses: addresses, since: Date(timeIntervalSince1970: 1_600_000_000))
        #expect(queries.count > 1)
        #expect(queries.allSatisfy { $0.utf8.count <= 1500 })
        #expect(queries.allSatisfy { $0.hasPrefix("(from:") && $0.hasSuffix(") after:1600000000") })
        // Every address exactly once, in order.
        let mentioned = queries.flatMap { query in
            query.dropFirst().split(separator: " ").filter { $0.hasPrefix("from:") }.map { String($0.dropFirst(5)) }
        }
        #expect(mentioned == addresses)
        // Greedy: no query could have taken the next address too.
        for (index, query) in queries.dropLast().enumerated() {
            let next = queries[index + 1].split(separator: " ")[0].dropFirst(6)
            #expect(query.utf8.count + " OR from:\(next) OR to:\(next) OR cc:\(next)".utf8.count > 1500)
        }
    }

    @Test func unsafeAddressesAreLeftOut() {
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        let queries = SyncPlanner.backfillQueries(addresses: [
            "a b@x.io", "\"q\"@x.io", "(p)@x.io", "x@y.io) OR (to:z@w.io", "brace{@x.io", "col:on@x.io",
            "noat.example.com", "@x.io", "a@", "a@b@c", "tab\t@x.io", "o'neil@x.io",
        ], since: since)
        #expect(queries == ["(from:o'neil@x.io OR to:o'neil@x.io OR cc:o'neil@x.io) after:1700000000"])
    }

    @Test func duplicateAddressesAppearOnce() {
        let queries = SyncPlanner.backfillQueries(addresses: ["a@x.io", "A@X.io", "a@x.io"],
                                                  since: Date(timeIntervalSince1970: 0))
        #expect(queries == ["(from:a@x.io OR to:a@x.io OR cc:a@x.io) after:0"])
    }

    @Test func anAddressTooLongForAnyQueryIsSkipped() {
        let long = String(repeating: "a", count: 600) + "@x.io"
        let queries = SyncPlanner.backfillQueries(addresses: [long, "b@y.io"], since: Date(timeIntervalSince1970: 0))
        #expect(queries == ["(from:b@y.io OR to:b@y.io OR cc:b@y.io) after:0"])
        #expect(SyncPlanner.backfillQueries(addresses: [], since: Date()) == [])
    }

    @Test func excludesReadsLabels() {
        #expect(SyncPlanner.excludes(labels: ["INBOX", "DRAFT"]))
        #expect(SyncPlanner.excludes(labels: ["CHAT"]))
        #expect(!SyncPlanner.excludes(labels: ["INBOX", "TRASH"]))
        #expect(!SyncPlanner.excludes(labels: []))
    }
}
