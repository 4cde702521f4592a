import CRMCore
import CRMStore
import DeterministicRandom
import Foundation

extension StoreBenchmark {
    static let timelineSamples = 1_000
    static let timelinePage = 50
    static let searchRepeats = 5
    static let searchLimit = 20

    /// The first page of 1,000 timelines: the 20 busiest contacts, then half drawn evenly and half in
    /// proportion to their number of entries (so busy contacts come up as often as people open them).
    func measureTimeline(store: Store, scope: Scope, plan: ActivityPlan, contactIDs: [Int64],
                         random: inout SeededRandom) throws -> String {
        let counts = plan.counts
        let busiest = counts.indices.sorted { counts[$0] > counts[$1] }.prefix(20)
        var sample = Array(busiest)
        var cumulative: [Int] = []
        var sum = 0
        for count in counts {
            sum += count
            cumulative.append(sum)
        }
        while sample.count < Self.timelineSamples {
            if sample.count % 2 == 0 || sum == 0 {
                sample.append(random.below(counts.count))
            } else {
                let target = random.below(sum) + 1
                sample.append(Self.firstIndex(in: cumulative, reaching: target))
            }
        }
        var all: [Double] = []
        var heavy: [Double] = []
        var light: [Double] = []
        for contact in sample {
            let began = clock.now
            let page = try store.timeline(contact: contactIDs[contact], in: scope, limit: Self.timelinePage)
            let elapsed = (clock.now - began).milliseconds
            guard page.count == min(Self.timelinePage, counts[contact]) else {
                let expected = min(Self.timelinePage, counts[contact])
                throw CRMError("timeline of contact \(contactIDs[contact]) has \(page.count) entries on its first "
                               + "page; expected \(expected)")
            }
            all.append(elapsed)
            if counts[contact] >= 1_000 { heavy.append(elapsed) } else { light.append(elapsed) }
        }
        var table = ReportTable("Timeline, first page of \(Self.timelinePage) (store.timeline)",
                                header: ["contacts", "n", "p50 ms", "p99 ms", "max ms"])
        for (label, timings) in [("all sampled", all), ("≥ 1,000 entries", heavy), ("< 1,000 entries", light)]
        where !timings.isEmpty {
            let stats = LatencyStats(milliseconds: timings)
            table.add(label, Figure.count(stats.count), Figure.decimal(stats.p50, 3), Figure.decimal(stats.p99, 3),
                      Figure.decimal(stats.max, 3))
        }
        let p99 = LatencyStats(milliseconds: all).p99
        return table.rendered + "target p99 < 5 ms: \(p99 < 5 ? "met" : "MISSED")\n"
    }

    /// Each query `searchRepeats` times, as the team's first user sees it.
    func measureSearch(store: Store, scope: Scope, workload: SearchWorkload) throws -> String {
        var table = ReportTable("Search, limit \(Self.searchLimit), \(Self.searchRepeats) runs each (store.search)",
                                header: ["query", "kind", "hits", "first ms", "median ms", "max ms"])
        var all: [Double] = []
        for query in workload.queries {
            let (hits, timings) = try timedSearch(query.text, store: store, scope: scope, repeats: Self.searchRepeats)
            all += timings
            let stats = LatencyStats(milliseconds: timings)
            table.add(query.text, query.label, Figure.count(hits), Figure.decimal(timings[0], 1),
                      Figure.decimal(stats.p50, 1), Figure.decimal(stats.max, 1))
        }
        let stats = LatencyStats(milliseconds: all)
        return table.rendered + """
            all \(all.count) runs: p50 \(Figure.decimal(stats.p50, 1)) ms, p99 \(Figure.decimal(stats.p99, 1)) ms, \
            mean \(Figure.decimal(stats.mean, 1)) ms
            target p50 < 30 ms: \(stats.p50 < 30 ? "met" : "MISSED")

            """
    }

    /// Runs one search `repeats` times; how many hits it found and how long each run took, in ms.
    func timedSearch(_ text: String, store: Store, scope: Scope, repeats: Int) throws -> (hits: Int, timings: [Double]) {
        var timings: [Double] = []
        var hits = 0
        for _ in 0..<repeats {
            let began = clock.now
            hits = try store.search(text, in: scope, limit: Self.searchLimit).count
            timings.append((clock.now - began).milliseconds)
        }
        return (hits, timings)
    }

    /// The first index whose running total reaches `target` (binary search).
    private static func firstIndex(in cumulative: [Int], reaching target: Int) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] >= target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
