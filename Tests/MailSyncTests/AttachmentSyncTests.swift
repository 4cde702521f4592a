import CRMCore
import CRMStore
import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import Testing
@testable import MailSync

/// Attachments of synced mail: recorded at ingest with the part ids Gmail gives them, kept up to the
/// limit, and the rest fetched on demand from the owner's Gmail with an attachment id fresh from
/// that fetch.
@Suite struct AttachmentSyncTests {
    static let small = [UInt8]((0..<300).map { UInt8($0 % 251) })
    static let large = [UInt8]((0..<5_000).map { UInt8(($0 * 7) % 256) })

    /// A message with a 300-byte PDF and a 5,000-byte spreadsheet, delivered to ann.
    @discardableResult
    private func deliverFiles(_ fixture: SyncFixture, subject: String = "Files") -> String {
        var message = OutgoingMessage(from: MailAddress(name: "Carol Client", address: "carol@client.example"),
                                      to: [MailAddress(name: nil, address: "ann@alpha.example")], subject: subject,
                                      body: "Both files attached.", date: Date(), messageID: UUID().uuidString + "@client.example")
        message.attachments = [
            .init(filename: "terms.pdf", contentType: "application/pdf", data: Self.small),
            .init(filename: "prices.xlsx", contentType: "application/vnd.ms-excel", data: Self.large),
        ]
        return fixture.simulator.deliver(raw: MessageWriter.write(message), to: "ann@alpha.example")
    }

    private func stored(_ fixture: SyncFixture, _ gmailID: String) throws -> StoredAttachments {
        let id = try #require(try fixture.store.connection.first("SELECT id FROM incoming_emails WHERE gmail_id = ?",
                                                                 gmailID)?.int64(0))
        return try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope))
    }

    private func fetcher(_ fixture: SyncFixture) throws -> AttachmentFetcher {
        AttachmentFetcher(store: fixture.store, connection: try fixture.connections(["ann@alpha.example"])[0],
                          settings: fixture.settings)
    }

    /// Gmail calls since the log was cleared (a new connection first asks the token endpoint).
    private func apiCalls(_ fixture: SyncFixture) -> [RequestLogEntry] {
        fixture.simulator.requestLog.filter { $0.method != .token }
    }

    @Test func syncRecordsEachAttachmentWithGmailsPartIDAndKeepsTheSmallOnes() throws {
        let fixture = try SyncFixture()
        fixture.settings.keepAttachmentBytes = 1_000
        let gmailID = deliverFiles(fixture)
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        let attachments = try #require(try stored(fixture, gmailID).attachments)
        #expect(attachments.map(\.filename) == ["terms.pdf", "prices.xlsx"])
        #expect(attachments.map(\.size) == [300, 5_000])
        #expect(attachments.map(\.sha256) == [SHA256.hex(Self.small), SHA256.hex(Self.large)])
        #expect(attachments[0].data == Self.small)
        #expect(attachments[1].data == nil, "5,000 bytes are over the 1,000 kept")

        // The part ids found in the raw bytes are where Gmail's format=full has the same files.
        let client = try fixture.connections(["ann@alpha.example"])[0].client
        let parts = try #require(try client.message(id: gmailID, format: .full).payload?.allParts)
        for attachment in attachments {
            let part = try #require(parts.first { $0.partID == attachment.partID }, "part \(attachment.partID ?? "nil")")
            #expect(part.filename == attachment.filename)
            #expect(part.body.size == attachment.size)
            #expect(!part.body.attachmentID.isEmpty)
        }
    }

    @Test func whatIsNotKeptIsFetchedWithAFreshAttachmentIDEveryTime() throws {
        let fixture = try SyncFixture { $0.rotateAttachmentIDs = true }
        fixture.settings.keepAttachmentBytes = 1_000
        let gmailID = deliverFiles(fixture)
        try fixture.syncUntilCaughtUp()
        let stored = try stored(fixture, gmailID)
        var used: [String] = []
        for _ in 0..<2 {
            fixture.simulator.clearRequestLog()
            let files = try fetcher(fixture).attachments(of: stored)
            #expect(files.map(\.bytes) == [Self.small, Self.large])
            let log = apiCalls(fixture)
            #expect(log.map(\.method) == [.messagesGet, .attachmentsGet], "the kept file is not asked for")
            #expect(log.allSatisfy { $0.status == 200 && $0.quotaUnits == 5 })
            used += log.filter { $0.method == .attachmentsGet }.map { String($0.path.split(separator: "/").last ?? "") }
        }
        #expect(used.count == 2 && used[0] != used[1], "each fetch uses the id its own messages.get gave")
        // Nothing of an attachment id reaches the database.
        let dump = try #require(try fixture.store.connection.first("""
            SELECT group_concat(coalesce(part_id, '') || ' ' || filename || ' ' || content_type || ' ' || sha256, ' ')
            FROM incoming_attachments
            """)?.string(0))
        #expect(dump.contains("terms.pdf"))
        #expect(!dump.contains(AttachmentIDs.prefix) && !used.contains { dump.contains($0) })
    }

    @Test func whenEveryFileIsKeptGmailIsNotAsked() throws {
        let fixture = try SyncFixture()
        fixture.settings.keepAttachmentBytes = 10_000
        let gmailID = deliverFiles(fixture)
        try fixture.syncUntilCaughtUp()
        fixture.simulator.clearRequestLog()
        #expect(try fetcher(fixture).attachments(of: stored(fixture, gmailID)).map(\.bytes) == [Self.small, Self.large])
        #expect(apiCalls(fixture).isEmpty)
    }

    @Test func mailStoredBeforeAttachmentsWereRecordedIsReadWholeAndRecorded() throws {
        let fixture = try SyncFixture()
        fixture.settings.keepAttachmentBytes = 1_000
        let gmailID = deliverFiles(fixture)
        try fixture.syncUntilCaughtUp()
        try fixture.store.connection.execute("DELETE FROM incoming_attachments")
        try fixture.store.connection.execute("UPDATE incoming_emails SET attachment_count = NULL")
        let unknown = try stored(fixture, gmailID)
        #expect(unknown.attachments == nil)
        fixture.simulator.clearRequestLog()
        let files = try fetcher(fixture).attachments(of: unknown)
        #expect(files.map(\.bytes) == [Self.small, Self.large])
        #expect(apiCalls(fixture).map(\.method) == [.messagesGet], "one format=raw fetch")
        let known = try #require(try stored(fixture, gmailID).attachments)
        #expect(known.map(\.filename) == ["terms.pdf", "prices.xlsx"])
        #expect(known.map(\.isKept) == [true, false])
    }

    @Test func aUUEncodedFileOverTheLimitComesFromTheWholeMessage() throws {
        let fixture = try SyncFixture()
        fixture.settings.keepAttachmentBytes = 0
        let raw = """
            From: carol@client.example\r
            To: ann@alpha.example\r
            Subject: Old style\r
            Message-ID: <uu@client.example>\r
            \r
            Notes below.\r
            begin 644 notes.txt\r
            .4F%P<&]R="!N;W1E<PH`\r
            `\r
            end\r

            """
        let gmailID = fixture.simulator.deliver(raw: Array(raw.utf8), to: "ann@alpha.example")
        try fixture.syncUntilCaughtUp()
        let stored = try stored(fixture, gmailID)
        #expect(stored.attachments?.map(\.filename) == ["notes.txt"])
        #expect(stored.attachments?.first?.partID == nil)
        fixture.simulator.clearRequestLog()
        #expect(try fetcher(fixture).attachments(of: stored).map(\.bytes) == [Array("Rapport notes\n".utf8)])
        #expect(apiCalls(fixture).map(\.method) == [.messagesGet])
    }

    @Test func aFileGmailNoLongerHasAsRecordedIsRefused() throws {
        let fixture = try SyncFixture()
        fixture.settings.keepAttachmentBytes = 0
        let gmailID = deliverFiles(fixture)
        try fixture.syncUntilCaughtUp()
        var stored = try stored(fixture, gmailID)
        // As if the row said something other than what Gmail holds.
        try fixture.store.connection.execute("UPDATE incoming_attachments SET sha256 = 'ff' WHERE position = 1")
        stored = try self.stored(fixture, gmailID)
        let error = #expect(throws: AttachmentFetcher.Failure.self) { try fetcher(fixture).attachments(of: stored) }
        #expect(error?.description.contains("attachment 2") == true)
    }

    @Test func onlyTheMailboxOfTheConnectionIsFetchedFrom() throws {
        let fixture = try SyncFixture()
        let al = try fixture.connect("al@alpha.example", for: fixture.al)
        fixture.settings.keepAttachmentBytes = 0
        let gmailID = deliverFiles(fixture)
        try fixture.syncUntilCaughtUp()
        let ann = try stored(fixture, gmailID)
        let alsFetcher = AttachmentFetcher(store: fixture.store, connection: try fixture.connections([al.email.value])[0],
                                           settings: fixture.settings)
        fixture.simulator.clearRequestLog()
        #expect(throws: AttachmentFetcher.Failure.self) { try alsFetcher.attachments(of: ann) }
        #expect(apiCalls(fixture).isEmpty)
    }
}

/// The prefix of the simulator's attachment ids (gmail-api.md's example ids begin the same way).
private enum AttachmentIDs {
    static let prefix = "ANGjdJ"
}
