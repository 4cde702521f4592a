import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct SearchStoreTests {
    @Test(arguments: ["\"", "AND", "NEAR(", "*", "col:umn", "a OR", "(", "-", "^x", "'"])
    func whateverPeopleTypeIsNeverAnFTSSyntaxError(query: String) throws {
        let fixture = try StoreFixture()
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        _ = try fixture.store.search(query, in: fixture.ann.scope)
    }

    @Test func everyWordMustMatchAndTheLastMayBeAPrefix() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.store.addContact(name: "Carol Vance", emails: [StoreFixture.address("carol@client.example")],
                                                 companyName: "Globex", by: fixture.ann)
        try fixture.contact("Carol Other", "other@client.example", by: fixture.ann)
        let scope = fixture.ann.scope
        #expect(try fixture.store.search("carol van", in: scope).map(\.id) == [carol.id])
        #expect(try fixture.store.search("glob", in: scope).map(\.id) == [carol.id])
        #expect(try fixture.store.search("carol@client.example", in: scope).map(\.id) == [carol.id])
        #expect(try fixture.store.search("carol", in: scope).count == 2)
        #expect(try fixture.store.search("   ", in: scope).isEmpty)
    }

    @Test func diacriticsAreIgnored() throws {
        let fixture = try StoreFixture()
        let zoe = try fixture.contact("Zoë Ångström", "zoe@nordic.example", by: fixture.ann)
        #expect(try fixture.store.search("angstrom", in: fixture.ann.scope).map(\.id) == [zoe.id])
        #expect(try fixture.store.search("zoe", in: fixture.ann.scope).map(\.id) == [zoe.id])
    }

    @Test func emailHitsPointAtTheirContact() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                         to: ["ann@alpha.example"], subject: "Marmalade pricing"))
        let hit = try #require(try fixture.store.search("marmalade", in: fixture.ann.scope).first)
        #expect(hit.kind == .incomingEmail && hit.contactID == carol.id && hit.title == "Marmalade pricing")
    }
}
