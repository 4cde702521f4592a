import Testing
@testable import CRMCore

/// Display names typed with addresses are kept, read as a header's phrase would be, and typed back
/// so that reading them again gives the same names.
@Suite struct NamedAddressTests {
    private func named(_ text: String) throws -> [[String?]] {
        try EmailAddress.parseNamedList(text).get().map { [$0.name, $0.address.value] }
    }

    @Test func namesAreKeptQuotedOrNot() throws {
        #expect(try named(#""Müller, Jörg" <joerg@acme.example>, Ann Lee <Ann@Acme.example>; bob@acme.example"#)
                == [["Müller, Jörg", "joerg@acme.example"], ["Ann Lee", "ann@acme.example"], [nil, "bob@acme.example"]])
        #expect(try named(#""O'Brien \"Bob\"" <bob@acme.example>"#) == [[#"O'Brien "Bob""#, "bob@acme.example"]])
        #expect(try named("<carol@acme.example>, mailto:dan@acme.example") == [[nil, "carol@acme.example"],
                                                                           [nil, "dan@acme.example"]])
        #expect(try named("  Zoë   Ångström  <zoe@acme.example>") == [["Zoë Ångström", "zoe@acme.example"]])
    }

    @Test func anAddressTwiceKeepsItsFirstPlaceAndName() throws {
        #expect(try named("Ann <ann@acme.example>, ANN@acme.example, Other Name <ann@acme.example>")
                == [["Ann", "ann@acme.example"]])
    }

    @Test func theUnnamedListIsTheSameAddresses() throws {
        let text = #""Lee, Ann" <ann@x.com>, "Chen; Bo" <BO@Y.com>, c@z.org"#
        #expect(try EmailAddress.parseList(text).get() == EmailAddress.parseNamedList(text).get().map(\.address))
        if case .failure(let error) = EmailAddress.parseNamedList("Ann <ann@x.com>, nope") {
            #expect(error.piece == "nope")
        } else {
            Issue.record("a piece that is not an address must be refused")
        }
    }

    @Test func typedFormReadsBackTheSame() throws {
        let names = ["Müller, Jörg", "Ann Lee", #"O'Brien "Bob""#, "Lee; Ann (Sales)", "back\\slash", "山田 太郎", "J. R. Smith"]
        let list = names.enumerated().map { NamedAddress(name: $0.element, address: EmailAddress("p\($0.offset)@acme.example")!) }
            + [NamedAddress(name: nil, address: EmailAddress("plain@acme.example")!)]
        let field = NamedAddress.field(list)
        #expect(field.hasSuffix(", "))
        #expect(try EmailAddress.parseNamedList(field).get() == list, "\(field)")
        #expect(list[1].typed == "Ann Lee <p1@acme.example>")
        #expect(list[0].typed == #""Müller, Jörg" <p0@acme.example>"#)
        #expect(list.last!.typed == "plain@acme.example")
    }

    @Test func composingKeepsTheNamesOfItsRecipients() {
        let composition = Composition(to: #""Müller, Jörg" <joerg@acme.example>, ann@acme.example"#,
                                      cc: "Bo Chen <bo@acme.example>", bcc: "Boss <boss@us.example>")
        #expect(composition.displayNames == [EmailAddress("joerg@acme.example")!: "Müller, Jörg",
                                             EmailAddress("bo@acme.example")!: "Bo Chen",
                                             EmailAddress("boss@us.example")!: "Boss"])
        var request = ComposeRequest(from: EmailAddress("me@us.example")!, to: composition.addresses(.to),
                                     subject: "S", bodyText: "B")
        request.displayNames = composition.displayNames
        #expect(request.recipientNames == [EmailAddress("joerg@acme.example")!: "Müller, Jörg"],
                "names of addresses it does not go to are left out")
    }
}
