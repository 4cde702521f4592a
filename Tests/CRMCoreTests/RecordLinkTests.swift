import Testing
@testable import CRMCore

@Suite("RecordLink")
struct RecordLinkTests {
    @Test func parsesEachKind() {
        #expect(RecordLink("contact:3") == .contact(3))
        #expect(RecordLink("company:12") == .company(12))
        #expect(RecordLink("deal:7") == .deal(7))
        #expect(RecordLink("Contact:3") == .contact(3))
        #expect(RecordLink("DEAL:9223372036854775807") == .deal(Int64.max))
    }

    @Test("refuses malformed links", arguments: [
        "", "contact", "contact:", ":3", "contact:0", "contact:-1", "contact:abc", "contact: 3", " contact:3",
        "contact:3:4", "contact:3.0", "person:3", "deals:3", "contact:99999999999999999999",
    ])
    func refuses(_ text: String) {
        #expect(RecordLink(text) == nil, "\(text)")
    }

    @Test func typeIdAndDescriptionRoundTrip() throws {
        for link in [RecordLink.contact(1), .company(22), .deal(333)] {
            #expect(RecordLink(link.description) == link)
            #expect(RecordLink(type: link.type, id: link.id) == link)
        }
        #expect(RecordLink.company(22).description == "company:22")
        #expect(RecordLink.deal(5).type == "deal")
        #expect(RecordLink.contact(8).id == 8)
        #expect(RecordLink(type: "team", id: 1) == nil)
        #expect(RecordLink(type: "deal", id: 0) == nil)
    }
}
