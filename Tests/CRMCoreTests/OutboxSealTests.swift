import Foundation
import Testing
@testable import CRMCore

/// The seal on queued mail: every field the sender uses is in the encoding, the encoding cannot be
/// read two ways, and only the right key's seal of the very same content verifies.
@Suite struct OutboxSealTests {
    /// What a seal is made from: the email as stored, its attachments' bytes, and the From it goes out with.
    struct Source {
        var email = OutgoingEmail(
            id: 42, teamID: 1, mailboxID: 3, from: EmailAddress("ann@alpha.example")!, authorLogin: "ann",
            to: [EmailAddress("carol@client.example")!], cc: [EmailAddress("dan@client.example")!],
            bcc: [EmailAddress("boss@alpha.example")!], subject: "Proposal", bodyText: "Here it is.",
            link: .contact(7), replyToActivityID: 9, status: .queued, sendAt: Date(timeIntervalSince1970: 1_900_000_000),
            attempts: 0, nextAttemptAt: nil, lastError: nil, messageID: "rapport.1@alpha.example", gmailID: nil,
            threadID: "18f0000000000001", attachments: [], createdAt: Date(timeIntervalSince1970: 1_800_000_000),
            updatedAt: Date(timeIntervalSince1970: 1_800_000_000), queuedAt: Date(timeIntervalSince1970: 1_800_000_100),
            displayNames: [EmailAddress("dan@client.example")!: "Dan Client"], inReplyTo: "c2@client.example",
            references: ["c1@client.example", "c2@client.example"])
        var attachments = [NewAttachment(filename: "quote.pdf", contentType: "application/pdf", data: Data([1, 2, 3])),
                           NewAttachment(filename: "terms.txt", contentType: "text/plain", data: Data("terms".utf8))]
        var from = EmailAddress("ann@alpha.example")!
        var fromName = "Ann Lee"

        var seal: OutboxSeal { OutboxSeal(email, attachments: attachments, from: from, fromName: fromName) }
    }

    /// One change to one sealed field (or to an attachment), named for the test's label.
    struct Change: Sendable, CustomTestStringConvertible {
        let name: String
        let apply: @Sendable (inout Source) -> Void

        var testDescription: String { name }
    }

    static let changes: [Change] = [
        Change(name: "id") { $0.email = $0.email.with(id: 43) },
        Change(name: "Message-ID") { $0.email.messageID = "rapport.2@alpha.example" },
        Change(name: "Message-ID gone") { $0.email.messageID = nil },
        Change(name: "author") { $0.email = $0.email.with(author: "al") },
        Change(name: "sending mailbox") { $0.from = EmailAddress("al@alpha.example")! },
        Change(name: "name on From") { $0.fromName = "The CEO" },
        Change(name: "To") { $0.email.to.append(EmailAddress("eve@rival.example")!) },
        Change(name: "To replaced") { $0.email.to = [EmailAddress("eve@rival.example")!] },
        Change(name: "Cc") { $0.email.cc = [] },
        Change(name: "Bcc") { $0.email.bcc.append(EmailAddress("eve@rival.example")!) },
        Change(name: "subject") { $0.email.subject = "We are cancelling the contract" },
        Change(name: "body") { $0.email.bodyText = "Here it is!" },
        Change(name: "attachment bytes") { $0.attachments[0] = NewAttachment(filename: "quote.pdf",
                                                                           contentType: "application/pdf", data: Data([1, 2, 4])) },
        Change(name: "attachment name") { $0.attachments[0] = NewAttachment(filename: "quote.exe",
                                                                          contentType: "application/pdf", data: Data([1, 2, 3])) },
        Change(name: "attachment type") { $0.attachments[1] = NewAttachment(filename: "terms.txt",
                                                                          contentType: "text/html", data: Data("terms".utf8)) },
        Change(name: "attachment added") { $0.attachments.append(NewAttachment(filename: "x", contentType: "text/plain",
                                                                             data: Data())) },
        Change(name: "attachment removed") { $0.attachments.removeLast() },
        Change(name: "attachments reordered") { $0.attachments.reverse() },
        Change(name: "send time") { $0.email.sendAt = $0.email.sendAt!.addingTimeInterval(1) },
        Change(name: "send time gone") { $0.email.sendAt = nil },
        Change(name: "queued time") { $0.email.queuedAt = $0.email.queuedAt!.addingTimeInterval(-60) },
        Change(name: "link") { $0.email.link = .contact(8) },
        Change(name: "link kind") { $0.email.link = .deal(7) },
        Change(name: "link gone") { $0.email.link = nil },
        Change(name: "reply to") { $0.email.replyToActivityID = 10 },
        Change(name: "reply gone") { $0.email.replyToActivityID = nil },
        Change(name: "name typed") { $0.email.displayNames[EmailAddress("carol@client.example")!] = "The CEO" },
        Change(name: "name changed") { $0.email.displayNames[EmailAddress("dan@client.example")!] = "Dan Q" },
        Change(name: "name gone") { $0.email.displayNames = [:] },
        Change(name: "name moved") {
            $0.email.displayNames = [EmailAddress("carol@client.example")!: "Dan Client"]
        },
        Change(name: "In-Reply-To") { $0.email.inReplyTo = "other@client.example" },
        Change(name: "In-Reply-To gone") { $0.email.inReplyTo = nil },
        Change(name: "References") { $0.email.references.insert("root@client.example", at: 0) },
        Change(name: "References gone") { $0.email.references = [] },
        Change(name: "thread") { $0.email.threadID = "18f0000000000002" },
        Change(name: "thread gone") { $0.email.threadID = nil },
    ]

    @Test(arguments: changes)
    func changingASealedFieldChangesTheEncodingAndBreaksTheSeal(change: Change) {
        let original = Source()
        var changed = original
        change.apply(&changed)
        #expect(changed.seal.encoded != original.seal.encoded)
        let seal = Self.key.seal(original.seal)
        #expect(Self.key.problem(with: seal, for: original.seal) == nil)
        #expect(Self.key.problem(with: seal, for: changed.seal) == .mismatch)
    }

    @Test func whatTheSenderDoesNotUseIsNotSealed() {
        let original = Source()
        var changed = original
        changed.email.status = .sending
        changed.email.attempts = 3
        changed.email.lastError = "503"
        changed.email.gmailID = "g1"
        changed.email.updatedAt = Date()
        #expect(changed.seal.encoded == original.seal.encoded)
    }

    @Test func fieldBoundariesCannotMove() {
        var one = Source()
        var other = Source()
        one.email.subject = "ab"
        one.email.bodyText = "c"
        other.email.subject = "a"
        other.email.bodyText = "bc"
        #expect(one.seal.encoded != other.seal.encoded)
        one = Source()
        other = Source()
        other.email.to.append(contentsOf: other.email.cc)
        other.email.cc = []
        #expect(one.seal.encoded != other.seal.encoded, "an address moved from Cc to To")
        one.email.messageID = ""
        other = Source()
        other.email.messageID = nil
        #expect(one.seal.encoded != other.seal.encoded, "an empty Message-ID is not a missing one")
    }

    @Test func theEncodingIsVersionedAndStable() {
        let encoded = Source().seal.encoded
        let label = Array("rapport outbox seal".utf8)
        #expect(Array(encoded.prefix(8)) == [0, 0, 0, 0, 0, 0, 0, UInt8(label.count)])
        #expect(Array(encoded[8..<(8 + label.count)]) == label)
        #expect(Array(encoded[(8 + label.count)..<(16 + label.count + 2)]) == [0, 0, 0, 0, 0, 0, 0, 2] + Array("v2".utf8))
        #expect(Source().seal.encoded == encoded)
    }

    /// Mail sealed before names and threading were kept (version 1) still goes when nothing it did
    /// not cover could have been used against it: no typed names (its threading is the database's,
    /// as the version 1 sender read it). Any change to what version 1 covers still breaks it.
    @Test func aVersion1SealVouchesForMailWithoutTypedNames() throws {
        var source = Source()
        source.email.displayNames = [:]
        let version1 = try #require(source.seal.encodedVersion1)
        let versionAt = 16 + "rapport outbox seal".utf8.count
        #expect(Array(version1[versionAt..<(versionAt + 2)]) == Array("v1".utf8))
        let seal = HMAC.sha256(key: Self.key.bytes, message: version1)
        #expect(Self.key.problem(with: seal, for: source.seal) == nil)
        var threaded = source
        threaded.email.inReplyTo = "elsewhere@client.example"
        threaded.email.threadID = nil
        #expect(Self.key.problem(with: seal, for: threaded.seal) == nil, "version 1 did not cover threading")
        let notInVersion1: Set = ["name typed", "name changed", "name gone", "name moved", "In-Reply-To",
                                  "In-Reply-To gone", "References", "References gone", "thread", "thread gone"]
        for change in Self.changes where !notInVersion1.contains(change.name) {
            var changed = source
            change.apply(&changed)
            #expect(Self.key.problem(with: seal, for: changed.seal) == .mismatch, "\(change.name)")
        }
        var named = source
        named.email.displayNames = [EmailAddress("carol@client.example")!: "Carol"]
        #expect(named.seal.encodedVersion1 == nil)
        #expect(Self.key.problem(with: seal, for: named.seal) == .mismatch, "version 1 cannot vouch for a name")
    }

    static let key = SealingKey(bytes: [UInt8](repeating: 7, count: 32))!

    @Test func onlyTheSameKeysSealVerifies() {
        let content = Source().seal
        let seal = Self.key.seal(content)
        #expect(seal.count == 32)
        #expect(Self.key.problem(with: seal, for: content) == nil)
        let other = SealingKey(bytes: [UInt8](repeating: 8, count: 32))!
        #expect(other.problem(with: seal, for: content) == .mismatch)
        #expect(Self.key.problem(with: other.seal(content), for: content) == .mismatch)
        #expect(Self.key.problem(with: nil, for: content) == .missing)
        #expect(Self.key.problem(with: [], for: content) == .missing)
        #expect(Self.key.problem(with: Array(seal.prefix(16)), for: content) == .mismatch)
    }

    @Test func aKeyIsExactly32BytesAndNeverShown() {
        #expect(SealingKey(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(SealingKey(bytes: [UInt8](repeating: 1, count: 33)) == nil)
        let key = SealingKey(bytes: Array(0..<32))!
        var dumped = ""
        dump(key, to: &dumped)
        #expect(String(describing: key) == "SealingKey(<redacted>)")
        #expect(String(reflecting: key) == "SealingKey(<redacted>)")
        #expect(dumped.contains("SealingKey(<redacted>)") && !dumped.contains("bytes") && !dumped.contains("31"), "\(dumped)")
    }

    @Test func theProblemsAreSaidForPeople() {
        for problem in [OutboxSeal.Problem.missing, .mismatch] {
            #expect(problem.message.hasPrefix("it "))
            #expect(problem.message.contains("author's key") && problem.message.contains("outside Rapport"))
            #expect(problem.message.hasSuffix("open it, check it and queue it again"))
        }
    }
}

private extension OutgoingEmail {
    /// A copy with another id or author (both are constants of the type).
    func with(id: Int64? = nil, author: String? = nil) -> OutgoingEmail {
        OutgoingEmail(id: id ?? self.id, teamID: teamID, mailboxID: mailboxID, from: from,
                      authorLogin: author ?? authorLogin, to: to, cc: cc, bcc: bcc, subject: subject, bodyText: bodyText,
                      link: link, replyToActivityID: replyToActivityID, status: status, sendAt: sendAt, attempts: attempts,
                      nextAttemptAt: nextAttemptAt, lastError: lastError, messageID: messageID, gmailID: gmailID,
                      threadID: threadID, attachments: attachments, createdAt: createdAt, updatedAt: updatedAt,
                      queuedAt: queuedAt)
    }
}
