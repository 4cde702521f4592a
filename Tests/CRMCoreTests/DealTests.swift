import Testing
@testable import CRMCore

@Suite("Deal")
struct DealTests {
    @Test("reads amounts as cents", arguments: [
        ("12,500", 1_250_000),
        ("12500.50", 1_250_050),
        ("12500.5", 1_250_050),
        ("$1,200", 120_000),
        ("$1,200.99", 120_099),
        ("€9.99", 999),
        ("£1_000", 100_000),
        ("0", 0),
        ("0.01", 1),
        ("  42  ", 4_200),
        ("007", 700),
    ] as [(String, Int64)])
    func parses(_ text: String, cents: Int64) {
        #expect(Deal.parseValue(text) == cents, "\(text)")
    }

    @Test("refuses what is not an amount", arguments: [
        "", "   ", "abc", "12k", "-5", "-0.50", "1.234", "1.", ".5", "1.2.3", "12 500", "1e3",
        "1.-5", "1.+5", "1.+", "1.-", "1. 5", "١٢", "1.٥", "99999999999999999999", "$", "NaN",
    ])
    func refuses(_ text: String) {
        #expect(Deal.parseValue(text) == nil, "\(text)")
    }

    @Test func largestAcceptedAmount() {
        #expect(Deal.parseValue("9223372036854774") == 922_337_203_685_477_400)
        #expect(Deal.parseValue("9223372036854775") == nil)
    }

    @Test func defaultStage() {
        #expect(Deal.defaultStage == "lead")
    }
}
