import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct ContactStoreTests {
    @Test func anAddressBelongsToOneContactPerTeam() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        #expect(throws: Refusal.addressTaken(contactID: carol.id)) {
            try fixture.contact("Carol Again", "CAROL@client.example", by: fixture.al)
        }
        #expect(try fixture.store.contactCount(in: fixture.ann.scope) == 1)
    }

    @Test func contactsGetTheirCompanyCreatedOnce() throws {
        let fixture = try StoreFixture()
        let a = try fixture.store.addContact(name: "A", emails: [StoreFixture.address("a@acme.example")],
                                             companyName: "Acme", by: fixture.ann)
        let b = try fixture.store.addContact(name: "B", emails: [StoreFixture.address("b@acme.example")],
                                             companyName: "ACME", by: fixture.al)
        #expect(a.companyID == b.companyID && a.companyName == "Acme")
        #expect(try fixture.store.companies(in: fixture.ann.scope).count == 1)
    }

    @Test func listMatchesNameAddressCompanyAndTreatsWildcardsLiterally() throws {
        let fixture = try StoreFixture()
        try fixture.store.addContact(name: "Zoë Ångström", emails: [StoreFixture.address("zoe@nordic.example")],
                                     companyName: "Fjord_Labs", by: fixture.ann)
        try fixture.contact("Bob 100%", "bob@pct.example", by: fixture.ann)
        let scope = fixture.ann.scope
        #expect(try fixture.store.contacts(in: scope, matching: "ångström").count == 1)
        #expect(try fixture.store.contacts(in: scope, matching: "nordic").count == 1)
        #expect(try fixture.store.contacts(in: scope, matching: "fjord_").count == 1)
        #expect(try fixture.store.contacts(in: scope, matching: "_").count == 1)
        #expect(try fixture.store.contacts(in: scope, matching: "%").count == 1)
        #expect(try fixture.store.contacts(in: scope).map(\.name) == ["Bob 100%", "Zoë Ångström"])
    }

    @Test func theFilterFollowsNewAddressesCompaniesAndRenames() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let scope = fixture.ann.scope
        #expect(try fixture.store.contacts(in: scope, matching: "home.example").isEmpty)
        let row = ContactImport.Row(line: 2, name: "Carol", emails: [StoreFixture.address("carol@client.example"),
                                                                     StoreFixture.address("carol.c@home.example")],
                                    company: "Ünited Widgets", phone: nil)
        _ = try fixture.store.importContacts([row], by: fixture.ann)
        #expect(try fixture.store.contacts(in: scope, matching: "HOME.example").map(\.id) == [carol.id], "a merged address")
        #expect(try fixture.store.contacts(in: scope, matching: "united wid").map(\.id) == [carol.id], "a company, folded")
        try fixture.store.connection.execute("UPDATE companies SET name = 'Globex' WHERE name = 'Ünited Widgets'")
        #expect(try fixture.store.contacts(in: scope, matching: "globex").map(\.id) == [carol.id], "a renamed company")
        #expect(try fixture.store.contacts(in: scope, matching: "united").isEmpty)
        try fixture.store.connection.execute("UPDATE contacts SET name = 'Caroline Ñúñez' WHERE id = ?", carol.id)
        #expect(try fixture.store.contacts(in: scope, matching: "nunez").map(\.id) == [carol.id], "a renamed contact")
        try fixture.store.connection.execute("DELETE FROM contact_emails WHERE address = 'carol.c@home.example'")
        #expect(try fixture.store.contacts(in: scope, matching: "home.example").isEmpty, "a removed address")
    }

    @Test func importMergesByAddressAndReportsConflicts() throws {
        let fixture = try StoreFixture()
        let existing = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.contact("Dan", "dan@client.example", by: fixture.ann)
        let rows = [
            ContactImport.Row(line: 2, name: "Carol C.", emails: [StoreFixture.address("carol@client.example"),
                                                                  StoreFixture.address("carol.c@home.example")],
                              company: "Client Co", phone: "+1 555 0100"),
            ContactImport.Row(line: 3, name: "Erin", emails: [StoreFixture.address("erin@new.example")], company: nil,
                              phone: nil),
            ContactImport.Row(line: 4, name: "Erin again", emails: [StoreFixture.address("erin@new.example"),
                                                                    StoreFixture.address("erin2@new.example")],
                              company: nil, phone: nil),
            ContactImport.Row(line: 5, name: "Both", emails: [StoreFixture.address("carol@client.example"),
                                                              StoreFixture.address("dan@client.example")],
                              company: nil, phone: nil),
        ]
        let summary = try fixture.store.importContacts(rows, by: fixture.ann)
        #expect(summary.created == 1 && summary.merged == 2)
        #expect(summary.rejections.map(\.line) == [5])
        let carol = try #require(try fixture.store.contact(id: existing.id, in: fixture.ann.scope))
        #expect(carol.name == "Carol")
        #expect(carol.emails.map(\.value) == ["carol@client.example", "carol.c@home.example"])
        #expect(carol.companyName == "Client Co" && carol.phone == "+1 555 0100")
        let erin = try #require(try fixture.store.contact(email: StoreFixture.address("erin2@new.example"),
                                                          in: fixture.ann.scope))
        #expect(erin.name == "Erin" && erin.emails.count == 2)
        // Importing the same rows again adds nothing.
        let again = try fixture.store.importContacts(Array(rows.prefix(3)), by: fixture.ann)
        #expect(again.created == 0 && again.merged == 3)
        #expect(try fixture.store.contactCount(in: fixture.ann.scope) == 3)
        #expect(try fixture.store.search("home", in: fixture.ann.scope).map(\.id) == [existing.id])
    }
}
