import Testing
@testable import CRMCore

@Suite("MessageID")
struct MessageIDTests {
    @Test func generatedIDsAreUniqueAndOnTheSendersDomain() throws {
        let first = MessageID.generate(domain: "example.com")
        let second = MessageID.generate(domain: "example.com")
        #expect(first != second)
        #expect(first.hasPrefix("rapport."))
        #expect(first.hasSuffix("@example.com"))
        #expect(!first.contains("<") && !first.contains(">") && !first.contains("-"))
        let token = first.dropFirst("rapport.".count).prefix { $0 != "@" }
        #expect(token.count == 32)
        #expect(token.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // A Message-ID is shaped like an address.
        #expect(EmailAddress(first) != nil)
    }
}
