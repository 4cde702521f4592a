import Foundation
import Testing
@testable import CRMCore

@Suite("ComposeRequest")
struct ComposeRequestTests {
    static let now = Date(timeIntervalSince1970: 1_795_960_980)

    private func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    private func addresses(_ count: Int, prefix: String) -> [EmailAddress] {
        (0..<count).map { address("\(prefix)\($0)@example.com") }
    }

    private func request(to: [EmailAddress] = [EmailAddress("bo@y.com")!]) -> ComposeRequest {
        ComposeRequest(from: address("ann@x.com"), to: to, subject: "Hello", bodyText: "Hi")
    }

    @Test func anOrdinaryDraftHasNoProblems() {
        #expect(request().problems(now: Self.now).isEmpty)
        #expect(request(to: []).problems(now: Self.now).isEmpty) // a draft may lack recipients
    }

    @Test func oneHundredRecipientsAreFine() {
        var message = request(to: addresses(40, prefix: "to"))
        message.cc = addresses(40, prefix: "cc")
        message.bcc = addresses(20, prefix: "bcc")
        #expect(message.problems(now: Self.now).isEmpty)
    }

    @Test func moreThanOneHundredRecipientsIsAProblem() {
        var message = request(to: addresses(40, prefix: "to"))
        message.cc = addresses(40, prefix: "cc")
        message.bcc = addresses(21, prefix: "bcc")
        #expect(message.problems(now: Self.now) == [.tooManyRecipients(101)])
    }

    @Test func attachmentsUpTo25MBAreFine() {
        var message = request()
        message.attachments = [
            NewAttachment(filename: "a.pdf", contentType: "application/pdf", data: Data(count: 20 * 1_048_576)),
            NewAttachment(filename: "b.pdf", contentType: "application/pdf", data: Data(count: 5 * 1_048_576)),
        ]
        #expect(message.problems(now: Self.now).isEmpty)
    }

    @Test func attachmentsOver25MBAreAProblem() {
        var message = request()
        message.attachments = [
            NewAttachment(filename: "a.zip", contentType: "application/zip", data: Data(count: 20 * 1_048_576)),
            NewAttachment(filename: "b.zip", contentType: "application/zip", data: Data(count: 10 * 1_048_576 + 1)),
        ]
        #expect(message.problems(now: Self.now) == [.tooLarge(bytes: 30 * 1_048_576 + 1)])
    }

    @Test func justOver25MBIsAProblem() {
        var message = request()
        message.attachments = [NewAttachment(filename: "big.bin", contentType: "application/octet-stream",
                                             data: Data(count: AttachmentInfo.maximumTotalBytes + 1))]
        #expect(message.problems(now: Self.now).count == 1)
    }

    @Test func queueingWithoutRecipientsIsAProblem() {
        var message = request(to: [])
        message.queue = true
        #expect(message.queues)
        #expect(message.problems(now: Self.now) == [.noRecipients])
    }

    @Test func onlyBccStillCountsAsRecipients() {
        var message = request(to: [])
        message.bcc = [address("hidden@z.com")]
        message.queue = true
        #expect(message.problems(now: Self.now).isEmpty)
    }

    @Test func sendAtImpliesQueue() {
        var message = request(to: [])
        #expect(!message.queues)
        message.sendAt = Self.now.addingTimeInterval(3600)
        #expect(message.queues)
        #expect(message.problems(now: Self.now) == [.noRecipients])
    }

    @Test func sendTimeInThePastIsAProblem() {
        var message = request()
        message.sendAt = Self.now.addingTimeInterval(-3600)
        #expect(message.problems(now: Self.now) == [.sendTimeInPast(Self.now.addingTimeInterval(-3600))])
    }

    @Test func aMinuteOfGraceForTheSendTime() {
        var message = request()
        message.sendAt = Self.now.addingTimeInterval(-59)
        #expect(message.problems(now: Self.now).isEmpty)
        message.sendAt = Self.now
        #expect(message.problems(now: Self.now).isEmpty)
        message.sendAt = Self.now.addingTimeInterval(-61)
        #expect(message.problems(now: Self.now).count == 1)
    }

    @Test func everyProblemIsListed() {
        var message = request(to: [])
        message.cc = addresses(101, prefix: "cc")
        message.attachments = [NewAttachment(filename: "x", contentType: "application/octet-stream",
                                             data: Data(count: 26 * 1_048_576))]
        message.sendAt = Self.now.addingTimeInterval(-86_400)
        #expect(message.problems(now: Self.now) == [
            .tooManyRecipients(101), .tooLarge(bytes: 26 * 1_048_576), .sendTimeInPast(Self.now.addingTimeInterval(-86_400)),
        ])
    }
}
