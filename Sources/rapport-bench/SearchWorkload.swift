import DeterministicRandom

/// Twenty searches a salesperson would type, made from the synthetic data so that most of them find
/// something: names, company words, subject words, an address, two-word queries, prefixes, no match.
struct SearchWorkload {
    struct Query {
        let label: String
        let text: String
    }

    let queries: [Query]

    init(people: SyntheticPeople, plan: ActivityPlan, random: inout SeededRandom) {
        let byActivity = plan.counts.indices.sorted { plan.counts[$0] > plan.counts[$1] }
        let heavy = people.people[byActivity[0]]
        let middling = people.people[byActivity[byActivity.count / 10]]
        let quiet = people.people[byActivity[byActivity.count - 1]]
        let company = people.companies[heavy.company ?? 0]
        let otherCompany = people.companies[random.below(people.companies.count)]
        let lastName = String(middling.name.split(separator: " ").last!)
        queries = [
            Query(label: "full name, busiest contact", text: heavy.name),
            Query(label: "full name, quiet contact", text: quiet.name),
            Query(label: "last name", text: lastName),
            Query(label: "first name", text: heavy.firstName),
            Query(label: "company word", text: String(company.name.split(separator: " ")[0])),
            Query(label: "company name", text: otherCompany.name),
            Query(label: "address", text: heavy.emails[0].value),
            Query(label: "domain", text: otherCompany.domain),
            Query(label: "subject word", text: "invoice"),
            Query(label: "subject word", text: "questionnaire"),
            Query(label: "subject word", text: "renewal"),
            Query(label: "body word (common)", text: "proposal"),
            Query(label: "body word (rare)", text: "retrospective"),
            Query(label: "two words", text: "pricing discount"),
            Query(label: "two words", text: "security audit"),
            Query(label: "name and topic", text: lastName + " renewal"),
            Query(label: "prefix", text: "onbo"),
            Query(label: "prefix", text: "secur"),
            Query(label: "accented name", text: "Jovanović"),
            Query(label: "no match", text: "xylophone"),
        ]
    }
}
