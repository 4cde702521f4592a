import Foundation
import GmailSimulator
import MailFormat
import Testing

/// The part ids Rapport records for attachments at ingest, read from the raw bytes by MailFormat,
/// are the ones Gmail's format=full gives the same parts: in Google's own example and in the
/// simulator, which follows it (gmail-api.md §4). Saving a file not kept depends on it.
@Suite("part ids agree", .enabled(if: Examples.folder != nil, "needs ../shared/reference/examples"))
struct PartIDAgreementTests {
    /// Every part of a format=full payload by part id, depth first.
    private func parts(_ part: [String: Any]) -> [(id: String, part: [String: Any])] {
        [(part["partId"] as? String ?? "?", part)]
            + (part["parts"] as? [[String: Any]] ?? []).flatMap { parts($0) }
    }

    private func withAttachmentID(_ payload: [String: Any]) -> [String] {
        parts(payload).filter { ($0.part["body"] as? [String: Any])?["attachmentId"] != nil }.map(\.id)
    }

    @Test("the example's PDF is part 1 in Gmail's answer, in the simulator's and when read from the raw bytes")
    func theExample() throws {
        let example = try #require(Examples.json("message-get-full-multipart.json") as? [String: Any])
        let expected = withAttachmentID(try #require(example["payload"] as? [String: Any]))
        #expect(expected == ["1"])
        let ours = Message(bytes: Mail.multipart).bodyStructure.attachments
        #expect(ours.map(\.partID) == expected)
        #expect(ours.map(\.filename) == ["quote-v2.pdf"])

        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.multipart, to: fixture.account)
        let payload = try #require(try fixture.get("/gmail/v1/users/me/messages/\(id)").json["payload"] as? [String: Any])
        #expect(withAttachmentID(payload) == expected)
    }

    @Test("at every depth, each attachment read from the raw bytes is the simulator's part of the same id")
    func nestedParts() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.nested, to: fixture.account)
        let payload = try #require(try fixture.get("/gmail/v1/users/me/messages/\(id)").json["payload"] as? [String: Any])
        let theirs = Dictionary(uniqueKeysWithValues: parts(payload).map { ($0.id, $0.part) })
        let ours = Message(bytes: Mail.nested).bodyStructure.attachments
        #expect(ours.map(\.partID) == [nil, "1.0", "1.1", "2", "3.1", "4"], "the uuencoded file has no part of its own")
        for attachment in ours {
            guard let partID = attachment.partID else { continue }
            let part = try #require(theirs[partID], "part \(partID)")
            #expect(part["mimeType"] as? String == attachment.contentType.mimeType, "part \(partID)")
            #expect(part["filename"] as? String == attachment.filename ?? "", "part \(partID)")
            #expect((part["body"] as? [String: Any])?["size"] as? Int == attachment.decodedBody.count, "part \(partID)")
        }
        // Every part Gmail would hand out by attachment id is one Rapport records.
        #expect(Set(withAttachmentID(payload)).isSubset(of: Set(ours.compactMap(\.partID))))
        #expect(withAttachmentID(payload).count >= 4)
    }
}
