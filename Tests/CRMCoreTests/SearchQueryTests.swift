import CRMCore
import DeterministicRandom
import Foundation
import Testing

@Suite struct SearchQueryTests {
    private static func word(_ text: String, prefix: Bool = false) -> SearchQuery { .term(.word(text, prefix: prefix)) }

    static let grammar: [(String, SearchQuery?)] = [
        ("kestrel", word("kestrel")),
        ("kestrel pricing", .and([word("kestrel"), word("pricing")])),
        ("onbo*", word("onbo", prefix: true)),
        ("-kestrel", .not(word("kestrel"))),
        ("pricing -kestrel", .and([word("pricing"), .not(word("kestrel"))])),
        ("--kestrel", word("kestrel")),
        ("\"big deal\" now", .and([.term(.phrase("big deal")), word("now")])),
        ("-\"big deal\"", .not(.term(.phrase("big deal")))),
        ("a OR b", .or([word("a"), word("b")])),
        ("a b OR c", .or([.and([word("a"), word("b")]), word("c")])),
        ("a (b OR c)", .and([word("a"), .or([word("b"), word("c")])])),
        ("-(b OR c)", .not(.or([word("b"), word("c")]))),
        ("a AND b", .and([word("a"), word("b")])),
        ("a or b", .and([word("a"), word("or"), word("b")])),
        ("e-mail", word("e-mail")),
        ("from:carol", .term(.field(.from, "carol"))),
        ("FROM:Carol@client.example", .term(.field(.from, "Carol@client.example"))),
        ("to:ann cc:bob", .and([.term(.field(.to, "ann")), .term(.field(.cc, "bob"))])),
        ("subject:\"q3 plan\"", .term(.field(.subject, "q3 plan"))),
        ("body:invoice", .term(.field(.body, "invoice"))),
        ("before:2026-03-01", .term(.before(SearchDay(year: 2026, month: 3, day: 1)))),
        ("after:2026/1/15", .term(.after(SearchDay(year: 2026, month: 1, day: 15)))),
        ("newer_than:3d", .term(.newerThan(SearchAge(count: 3, unit: .day)))),
        ("older_than:2W", .term(.olderThan(SearchAge(count: 2, unit: .week)))),
        ("newer_than:6m older_than:1y", .and([.term(.newerThan(SearchAge(count: 6, unit: .month))),
                                             .term(.olderThan(SearchAge(count: 1, unit: .year)))])),
        ("has:attachment", .term(.hasAttachment)),
        ("-has:attachment", .not(.term(.hasAttachment))),
        ("is:unread", .term(.state(.unread))),
        ("is:read is:sent is:received", .and([.term(.state(.read)), .term(.state(.sent)), .term(.state(.received))])),
        ("in:inbox", .term(.folder("inbox"))),
        ("in:Clients", .term(.folder("Clients"))),
        ("contact:42", .term(.contact("42"))),
        ("contact:carol@client.example", .term(.contact("carol@client.example"))),
        ("by:ann", .term(.by("ann"))),
        // Read sensibly, never an error.
        ("foo:bar", word("foo:bar")),
        ("has:kids", word("has:kids")),
        ("is:happy", word("is:happy")),
        ("before:tomorrow", word("before:tomorrow")),
        ("before:2026-13-01", word("before:2026-13-01")),
        ("newer_than:3x", word("newer_than:3x")),
        ("from:", word("from:")),
        (":carol", word(":carol")),
        ("\"unclosed phrase", .term(.phrase("unclosed phrase"))),
        ("\"one\"", word("one")),
        ("(a b", .and([word("a"), word("b")])),
        ("a b)", .and([word("a"), word("b")])),
        (") a", word("a")),
        ("-", nil),
        ("a -", word("a")),
        ("OR a", word("a")),
        ("a OR", word("a")),
        ("OR", nil),
        ("()", nil),
        ("\"\"", nil),
        ("*", nil),
        ("   ", nil),
        ("", nil),
        ("サクラ", word("サクラ")),
        ("Martín", word("Martín")),
    ]

    @Test(arguments: grammar)
    func readsTheGrammar(text: String, tree: SearchQuery?) {
        #expect(SearchQuery.parse(text) == tree, "\(text)")
    }

    @Test func theLastBareWordIsAPrefixWhileTyping() {
        #expect(SearchQuery.parse("carol van")?.typingAhead() == .and([Self.word("carol"), Self.word("van", prefix: true)]))
        #expect(SearchQuery.parse("carol@client.example")?.typingAhead() == Self.word("carol@client.example"))
        #expect(SearchQuery.parse("van -carol")?.typingAhead() == .and([Self.word("van"), .not(Self.word("carol"))]))
        #expect(SearchQuery.parse("\"big deal\"")?.typingAhead() == .term(.phrase("big deal")))
    }

    @Test func randomTextAlwaysParsesAndEveryWordHasALetterOrDigit() {
        var random = SeededRandom(seed: 15)
        let pieces = ["a", "kestrel", " ", "  ", "\"", "(", ")", "-", "*", ":", "OR", "AND", "from:", "is:", "has:",
                      "before:", "2026-01-01", "3d", "サクラ", "é", "\t", "|", "^", "NEAR(", "'"]
        for _ in 0..<2000 {
            let text = (0..<random.below(12)).map { _ in random.pick(pieces) }.joined()
            guard let query = SearchQuery.parse(text) else { continue }
            #expect(Self.leaves(query).allSatisfy { term in
                if case .word(let word, _) = term { return word.contains { $0.isLetter || $0.isNumber } }
                return true
            }, "\(text)")
        }
    }

    @Test func dayAndAgeBecomeInstantsInTheUsersZone() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let start = try #require(SearchDay(year: 2026, month: 3, day: 1).start(in: tokyo))
        #expect(start.timeIntervalSince1970 == 1_772_290_800)  // 2026-02-28T15:00:00Z
        #expect(SearchDay(year: 2026, month: 2, day: 30).start(in: tokyo) == nil)
        let now = start
        #expect(SearchAge(count: 2, unit: .week).before(now, in: tokyo) == now.addingTimeInterval(-14 * 86400))
    }

    private static func leaves(_ query: SearchQuery) -> [SearchTerm] {
        switch query {
        case .term(let term): [term]
        case .not(let inner): leaves(inner)
        case .and(let parts), .or(let parts): parts.flatMap(leaves)
        }
    }
}
