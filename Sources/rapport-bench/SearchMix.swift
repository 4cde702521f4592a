import CRMCore
import Foundation

/// The query mix of `rapport-bench search` (issue 15), one or more queries of each kind, made from the
/// synthetic data so that most find something.
struct SearchMix {
    struct Query {
        let kind: String
        let text: String
    }

    let queries: [Query]

    init(people: SyntheticPeople, plan: ActivityPlan, now: Date) {
        let busiest = plan.counts.indices.max { plan.counts[$0] < plan.counts[$1] } ?? 0
        let address = people.people[busiest].emails[0].value
        let zone = TimeZone.current
        func day(_ daysAgo: Int) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day], from: now.addingTimeInterval(-Double(daysAgo) * 86400))
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        queries = [
            Query(kind: "common word", text: "proposal"),
            Query(kind: "rare word", text: "retrospective"),
            Query(kind: "two words", text: "pricing discount"),
            Query(kind: "phrase", text: "\"security audit\""),
            Query(kind: "from:", text: "from:" + address),
            Query(kind: "date range", text: "after:\(day(120)) before:\(day(90))"),
            Query(kind: "has:attachment", text: "has:attachment"),
            Query(kind: "negation", text: "proposal -pricing"),
            Query(kind: "CJK, 2 letters", text: "見積"),
            Query(kind: "CJK, 5 letters", text: "打ち合わせ"),
        ]
    }
}
