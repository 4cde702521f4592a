import Foundation
import Testing
@testable import CRMCore

@Suite("Composition")
struct CompositionTests {
    static let now = Date(timeIntervalSince1970: 1_795_960_980)

    @Test func fieldsAreReadAsAddressListsWithNamesAndSemicolons() {
        let composition = Composition(to: "carol@acme.example, Dan Doe <dan@acme.example>; carol@acme.example",
                                      cc: " eve@acme.example ,", bcc: "")
        #expect(composition.addresses(.to).map(\.value) == ["carol@acme.example", "dan@acme.example"])
        #expect(composition.addresses(.cc).map(\.value) == ["eve@acme.example"])
        #expect(composition.addresses(.bcc).isEmpty)
        #expect(composition.problems(now: Self.now).isEmpty)
    }

    @Test func anEntryThatIsNotAnAddressIsNamedWithItsField() {
        let composition = Composition(to: "carol@acme.example", cc: "bo@, eve@acme.example", bcc: "not-an-address",
                                      queue: true)
        #expect(composition.problems(now: Self.now) == [
            .notAnAddress("bo@", field: .cc), .notAnAddress("not-an-address", field: .bcc),
        ])
        #expect(composition.addresses(.cc).isEmpty, "a field with a bad entry gives no addresses")
    }

    @Test func aDraftMayHaveNoRecipientsButQueuedMailMayNot() {
        #expect(Composition(to: "").problems(now: Self.now).isEmpty)
        #expect(Composition(to: " , ", queue: true).problems(now: Self.now) == [.noRecipients])
        #expect(Composition(to: "", bcc: "hidden@z.example", queue: true).problems(now: Self.now).isEmpty)
    }

    @Test func onlyTheUnreadableEntryIsReportedWhenItWasTheOnlyRecipient() {
        #expect(Composition(to: "carol", queue: true).problems(now: Self.now) == [.notAnAddress("carol", field: .to)])
    }

    @Test func recipientsAreCountedAcrossFieldsAgainstGmailsLimit() {
        let list = { (prefix: String, count: Int) in (0..<count).map { "\(prefix)\($0)@x.example" }.joined(separator: ",") }
        #expect(Composition(to: list("t", 50), cc: list("c", 50)).problems(now: Self.now).isEmpty)
        #expect(Composition(to: list("t", 50), cc: list("c", 50), bcc: "b@x.example").problems(now: Self.now)
                == [.tooManyRecipients(101)])
    }

    @Test func attachmentsUpToTheLimitAreFine() {
        #expect(Composition(to: "", attachmentBytes: AttachmentInfo.maximumTotalBytes).problems(now: Self.now).isEmpty)
        #expect(Composition(to: "", attachmentBytes: AttachmentInfo.maximumTotalBytes + 1).problems(now: Self.now)
                == [.tooLarge(bytes: AttachmentInfo.maximumTotalBytes + 1)])
    }

    @Test func aSendTimeImpliesQueueingAndMustNotHavePassed() {
        let future = Composition(to: "carol@acme.example", sendAt: Self.now.addingTimeInterval(60))
        #expect(future.queues && future.problems(now: Self.now).isEmpty)
        let graced = Composition(to: "carol@acme.example", sendAt: Self.now.addingTimeInterval(-Composition.sendTimeGrace))
        #expect(graced.problems(now: Self.now).isEmpty)
        let past = Self.now.addingTimeInterval(-Composition.sendTimeGrace - 1)
        #expect(Composition(to: "carol@acme.example", sendAt: past).problems(now: Self.now) == [.sendTimeInPast(past)])
    }

    @Test func addressesReadBackAsTheSameComposition() throws {
        let to = [try #require(EmailAddress("ann@x.example")), try #require(EmailAddress("bo@y.example"))]
        let composition = Composition(to: to, cc: [], bcc: [], queue: true)
        #expect(composition.to == "ann@x.example, bo@y.example")
        #expect(composition.addresses(.to) == to)
    }

    @Test func aComposeRequestIsJudgedByItsComposition() throws {
        var request = ComposeRequest(from: try #require(EmailAddress("ann@x.example")), to: [], subject: "s", bodyText: "b")
        request.queue = true
        request.attachments = [NewAttachment(filename: "a", contentType: "text/plain", data: Data(count: 5))]
        #expect(request.composition == Composition(to: "", attachmentBytes: 5, queue: true))
        #expect(request.problems(now: Self.now) == [.noRecipients])
    }
}
