import Testing
@testable import CRMCore

@Suite("EmailAddress")
struct EmailAddressTests {
    @Test("accepts real-world address forms", arguments: [
        "ann@example.com",
        "ann.lee@example.com",
        "ann+crm@example.com",
        "o'brien@example.ie",
        "a_b-c@mail.example.co.uk",
        "x@a-b.io",
        "1234@example.com",
        "ann@123.example.com",
        "!#$%&'*+/=?^_`{|}~-@example.com",
        "jörg@müller.de",
        "用户@例子.广告",
        "почта@пример.рф",
    ])
    func valid(_ text: String) throws {
        let address = try #require(EmailAddress(text))
        #expect(address.value == text.lowercased())
    }

    @Test("refuses what is not an address", arguments: [
        "",
        "   ",
        "ann",
        "ann.example.com",
        "ann@",
        "@example.com",
        "ann@@example.com",
        "ann@b@example.com",
        "ann lee@example.com",
        "ann@exa mple.com",
        ".ann@example.com",
        "ann.@example.com",
        "ann..lee@example.com",
        "ann@.example.com",
        "ann@example.com.",
        "ann@example..com",
        "ann@localhost",
        "ann@example",
        "ann@1.2.3.4",
        "ann@example.123",
        "ann@-example.com",
        "ann@example-.com",
        "ann@example.-com",
        "ann@exam_ple.com",
        "\"ann\"@example.com",
        "ann(comment)@example.com",
        "ann@[127.0.0.1]",
        "Ann Lee <ann@example.com>",
        "<ann@example.com",
        "ann@example.com>",
        "ann\u{1B}@example.com",
    ])
    func invalid(_ text: String) {
        #expect(EmailAddress(text) == nil, "\(text.debugDescription) should be refused")
    }

    @Test func localPartLengthLimitIs64() {
        let local64 = String(repeating: "a", count: 64)
        #expect(EmailAddress(local64 + "@example.com") != nil)
        #expect(EmailAddress(local64 + "a@example.com") == nil)
    }

    @Test func domainLabelLimitIs63() {
        let label63 = String(repeating: "b", count: 63)
        #expect(EmailAddress("a@" + label63 + ".com") != nil)
        #expect(EmailAddress("a@" + label63 + "b.com") == nil)
    }

    @Test func wholeAddressLimitIs254() {
        // "a@" + labels of 63 joined by dots + ".com"
        let label = String(repeating: "c", count: 60)
        let domain250 = [label, label, label, label].joined(separator: ".") + ".c" // 60*4 + 3 + 2 = 245
        let fits = "abcdefg@" + domain250 // 8 + 245 = 253
        #expect(fits.utf8.count == 253)
        #expect(EmailAddress(fits) != nil)
        #expect(EmailAddress("ab" + fits) == nil) // 255
        #expect(EmailAddress("a" + fits) != nil) // 254
    }

    @Test func normalisesCaseAndWhitespace() {
        #expect(EmailAddress("  Ann.Lee@Example.COM \n")?.value == "ann.lee@example.com")
        #expect(EmailAddress("\tANN@EXAMPLE.COM")?.description == "ann@example.com")
        #expect(EmailAddress("JÖRG@MÜLLER.DE")?.value == "jörg@müller.de")
    }

    @Test func stripsAngleBracketsAndMailto() {
        #expect(EmailAddress("<ann@example.com>")?.value == "ann@example.com")
        #expect(EmailAddress(" <Ann@Example.com> ")?.value == "ann@example.com")
        #expect(EmailAddress("mailto:ann@example.com")?.value == "ann@example.com")
        #expect(EmailAddress("MAILTO:Ann@Example.com")?.value == "ann@example.com")
        #expect(EmailAddress("mailto:<ann@example.com>")?.value == "ann@example.com")
        #expect(EmailAddress("mailto:") == nil)
        #expect(EmailAddress("<>") == nil)
    }

    @Test func partsAndEquality() throws {
        let address = try #require(EmailAddress("Ann.Lee@Mail.Example.com"))
        #expect(address.localPart == "ann.lee")
        #expect(address.domain == "mail.example.com")
        #expect(address == EmailAddress("ann.lee@mail.example.com"))
        #expect(Set([address, try #require(EmailAddress("ANN.LEE@MAIL.EXAMPLE.COM"))]).count == 1)
    }

    @Test func sortsByValue() throws {
        let list = try ["carl@x.com", "Ann@y.com", "bo@z.com"].map { try #require(EmailAddress($0)) }
        #expect(list.sorted().map(\.value) == ["ann@y.com", "bo@z.com", "carl@x.com"])
    }

    // MARK: parseList

    private func parse(_ text: String) -> [String]? {
        switch EmailAddress.parseList(text) {
        case .success(let addresses): return addresses.map(\.value)
        case .failure: return nil
        }
    }

    private func errorPiece(_ text: String) -> String? {
        if case .failure(let error) = EmailAddress.parseList(text) { return error.piece }
        return nil
    }

    @Test func listWithCommasSemicolonsAndDisplayNames() {
        #expect(parse("a@x.com, Ann Lee <b@y.com>; c@z.org")
                == ["a@x.com", "b@y.com", "c@z.org"])
    }

    @Test func listWithQuotedNameContainingCommaAndSemicolon() {
        #expect(parse("\"Lee, Ann\" <ann@x.com>, \"Chen; Bo\" <BO@Y.com>")
                == ["ann@x.com", "bo@y.com"])
    }

    @Test func listWithAngleBracketsAndMailtoPieces() {
        #expect(parse("<a@x.com>;mailto:b@y.com") == ["a@x.com", "b@y.com"])
    }

    @Test func listSkipsEmptyPiecesAndDropsDuplicates() {
        #expect(parse("a@x.com,, ;b@y.com,A@X.com,") == ["a@x.com", "b@y.com"])
        #expect(parse("") == [])
        #expect(parse("  ,  ; ") == [])
    }

    @Test func listKeepsTheOrderTyped() {
        #expect(parse("z@z.com, a@a.com, m@m.com") == ["z@z.com", "a@a.com", "m@m.com"])
    }

    @Test func listErrorNamesTheBadPieceAsTyped() {
        #expect(errorPiece("a@x.com, nope, b@y.com") == "nope")
        #expect(errorPiece("a@x.com;  Ann <not an address> ") == "Ann <not an address>")
        #expect(errorPiece("ann@x") == "ann@x")
        #expect(errorPiece("\"Lee, Ann\" <ann@x>") == "\"Lee, Ann\" <ann@x>")
    }
}
