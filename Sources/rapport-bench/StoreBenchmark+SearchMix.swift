import CRMCore
import CRMStore
import Foundation

extension StoreBenchmark {
    static let mixRepeats = 20

    /// `rapport-bench search`: each query of the mix `mixRepeats` times in process, newest first, p50 and
    /// p99 per kind.
    func measureSearchMix(store: Store, scope: Scope, mix: SearchMix) throws -> String {
        var table = ReportTable("Search mix, limit \(Self.searchLimit), \(Self.mixRepeats) runs each (store.search, newest first)",
                                header: ["kind", "query", "hits", "p50 ms", "p99 ms"])
        var worst = 0.0
        for query in mix.queries {
            let (hits, timings) = try timedSearch(query.text, store: store, scope: scope, repeats: Self.mixRepeats)
            let stats = LatencyStats(milliseconds: timings)
            worst = max(worst, stats.p99)
            table.add(query.kind, query.text, Figure.count(hits), Figure.decimal(stats.p50, 1), Figure.decimal(stats.p99, 1))
        }
        return table.rendered + """
            target p99 < 20 ms for every kind: \(worst < 20 ? "met" : "MISSED") (worst p99 \(Figure.decimal(worst, 1)) ms)

            """
    }
}
