import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import Testing

/// The real client against the simulator over loopback HTTP: every method, every error class.
@Suite struct SimulatorIntegrationTests {
    @Test func everyMethodWorksAgainstTheSimulator() throws {
        let fixture = try SimulatorFixture()
        let client = fixture.client
        let start = try client.profile()
        #expect(start.emailAddress == SimulatorFixture.email)
        #expect(start.historyID > 0)

        let pdf = (0..<3000).map { UInt8($0 % 251) }
        let first = fixture.deliver(subject: "Pricing", at: Date(timeIntervalSince1970: 1_800_000_000))
        let second = fixture.deliver(subject: "Quote", attachment: pdf, at: Date(timeIntervalSince1970: 1_800_000_100))

        let list = try client.listMessages(maxResults: 10)
        #expect(list.messages.map(\.id) == [second, first])

        let full = try client.message(id: second, format: .full)
        #expect(full.payload?.headers.first { $0.name == "Subject" }?.value == "Quote")
        let attachmentPart = try #require(full.payload?.parts.first { !$0.filename.isEmpty })
        #expect(attachmentPart.filename == "quote.pdf")
        let attachment = try client.attachment(messageID: second, attachmentID: attachmentPart.body.attachmentID)
        #expect(attachment.data == pdf)

        let raw = try client.message(id: first, format: .raw)
        let rawBytes = try #require(raw.raw)
        #expect(MailFormat.Message(bytes: rawBytes).subject == "Pricing")
        let metadata = try client.message(id: first, format: .metadata, metadataHeaders: ["Subject"])
        #expect(metadata.payload?.headers.map(\.name) == ["Subject"])
        let minimal = try client.message(id: first, format: .minimal)
        #expect(minimal.payload == nil && minimal.labelIDs.contains("INBOX"))

        let modified = try client.modify(id: first, add: ["STARRED"], remove: ["UNREAD"])
        #expect(modified.labelIDs.contains("STARRED") && !modified.labelIDs.contains("UNREAD"))
        try client.batchModify(ids: [first, second], add: ["TRASH"], remove: ["INBOX"])
        #expect(fixture.simulator.message(id: second, in: SimulatorFixture.email)?.labelIds.contains("TRASH") == true)
        try client.batchModify(ids: [first, second], add: ["INBOX"], remove: ["TRASH"])

        var reply = OutgoingMessage(from: MailAddress(name: nil, address: SimulatorFixture.email),
                                    to: [MailAddress(name: nil, address: "carol@client.example")],
                                    subject: "Re: Pricing", body: "Here you go", date: Date(), messageID: "r1@example.com")
        let parentID = try #require(MailFormat.Message(bytes: rawBytes).messageID)
        reply.inReplyTo = parentID
        reply.references = [parentID]
        let sent = try client.send(raw: MessageWriter.write(reply), threadID: raw.threadID)
        #expect(sent.labelIDs == ["SENT"])
        #expect(sent.threadID == raw.threadID)
        #expect(fixture.simulator.sentMessages(for: SimulatorFixture.email).count == 1)

        let history = try client.history(startHistoryID: start.historyID)
        let added = Set(history.history.flatMap(\.messagesAdded).map(\.message.id))
        #expect(added.isSuperset(of: [first, second, sent.id]))
        #expect(history.history.flatMap(\.labelsRemoved).contains { $0.message.id == first && $0.labelIDs == ["UNREAD"] })

        #expect(try client.labels().labels.contains { $0.id == "INBOX" })
    }

    @Test func largeMailGoesThroughTheUploadForm() throws {
        let fixture = try SimulatorFixture()
        var message = OutgoingMessage(from: MailAddress(name: nil, address: SimulatorFixture.email),
                                      to: [MailAddress(name: nil, address: "carol@client.example")], subject: "The deck",
                                      body: "Attached.", date: Date(), messageID: "big@example.com")
        message.attachments = [.init(filename: "deck.pdf", contentType: "application/pdf",
                                     data: (0..<(6 * 1_048_576)).map { UInt8(truncatingIfNeeded: $0 &* 31) })]
        let raw = MessageWriter.write(message)
        let sent = try fixture.client.send(raw: raw)
        #expect(sent.labelIDs == ["SENT"])
        #expect(fixture.simulator.sentMessages(for: SimulatorFixture.email).last == raw)
        #expect(fixture.simulator.requestLog.contains { $0.path.hasPrefix("/upload/gmail/v1/") && $0.status == 200 })
    }

    @Test func batchesMatchShuffledResponsesByContentID() throws {
        let fixture = try SimulatorFixture { $0.shuffleBatchResponses = true }
        let ids = (0..<60).map { fixture.deliver(subject: "Message \($0)") }
        let results = try fixture.client.batchGetMessages(ids: ids + ["0123456789abcdef"], format: .metadata)
        for (index, id) in ids.enumerated() {
            let message = try results[id]?.get()
            #expect(message?.payload?.headers.first { $0.name == "Subject" }?.value == "Message \(index)")
        }
        guard case .failure(.notFound)? = results["0123456789abcdef"] else {
            Issue.record("an unknown id in a batch is notFound, got \(String(describing: results["0123456789abcdef"]))")
            return
        }
        #expect(fixture.requests(.batch).count == 3)
        #expect(fixture.requests(.messagesGet).filter(\.inBatch).count == 61)
    }

    @Test func everyErrorClassIsTyped() throws {
        let fixture = try SimulatorFixture()
        let id = fixture.deliver(subject: "x")
        let simulator = fixture.simulator
        func error(_ fault: ScriptedFault) -> GmailError? {
            simulator.failNext(.messagesGet, with: fault)
            do {
                _ = try fixture.client.message(id: id)
                return nil
            } catch {
                return error
            }
        }
        if case .notFound? = error(.notFound) {} else { Issue.record("404 is notFound") }
        if case .temporary? = error(.backendError) {} else { Issue.record("500 is temporary") }
        if case .temporary? = error(.unavailable) {} else { Issue.record("503 is temporary") }
        if case .rateLimited? = error(.resourceExhausted) {} else { Issue.record("429 is rate limited") }
        if case .rateLimited? = error(.tooManyConcurrentRequests) {} else { Issue.record("429 concurrent is rate limited") }
        if case .rateLimited(let after, _)? = error(.rateLimited(retryAfterHeader: 7)) {
            #expect(after.map { abs($0 - 7) < 2 } == true, "Retry-After header read: \(String(describing: after))")
        } else { Issue.record("429 with Retry-After is rate limited") }
        if case .rateLimited(let after, _)? = error(.userRateLimit(retryAfter: 30)) {
            #expect(after.map { $0 > 25 && $0 <= 31 } == true, "Retry after <ISO> read: \(String(describing: after))")
        } else { Issue.record("User-rate limit with Retry after is rate limited") }
        if case .permanent? = error(ScriptedFault(status: 400, reason: "invalidArgument", message: "Invalid id value")) {}
        else { Issue.record("400 is permanent") }
        if case .permission? = error(ScriptedFault(status: 403, reason: "insufficientPermissions",
                                                   message: "Request had insufficient authentication scopes.")) {}
        else { Issue.record("403 insufficientPermissions is permission") }
        if case .rateLimited? = error(ScriptedFault(status: 403, reason: "rateLimitExceeded",
                                                    message: "Quota exceeded", domain: "usageLimits")) {}
        else { Issue.record("403 usageLimits is rate limited") }
        if case .temporary? = error(.failedPrecondition) {} else { Issue.record("other failedPrecondition is temporary") }
        if case .permission? = error(ScriptedFault(status: 400, reason: "failedPrecondition",
                                                   message: "Mail service not enabled")) {}
        else { Issue.record("Mail service not enabled is permission") }

        // The real quota, both forms.
        for style in [QuotaErrorStyle.resourceExhausted, .queriesPerMinute] {
            simulator.updateConfiguration {
                $0.unitsPerSecond = 1
                $0.burstUnits = 1
                $0.quotaErrorStyle = style
            }
            simulator.drainQuota(for: SimulatorFixture.email)
            #expect(throws: GmailError.self) { _ = try fixture.client.message(id: id) }
            do { _ = try fixture.client.message(id: id) } catch {
                if case .rateLimited = error {} else { Issue.record("quota (\(style)) is rate limited, got \(error)") }
            }
        }
        simulator.updateConfiguration { $0.unitsPerSecond = nil }

        // An expired history cursor.
        let old = try fixture.client.profile().historyID
        (0..<5).forEach { fixture.deliver(subject: "more \($0)") }
        simulator.pruneHistory(keepingLast: 2, for: SimulatorFixture.email)
        #expect(throws: GmailError.historyExpired) { _ = try fixture.client.history(startHistoryID: old) }
    }

    @Test func aTokenThatExpiresMidRunIsRefreshedOnceAndTheCallSucceeds() throws {
        let fixture = try SimulatorFixture()
        _ = try fixture.client.profile()
        let refreshesBefore = fixture.requests(.token).count
        fixture.simulator.expireAccessTokens()
        #expect(try fixture.client.profile().emailAddress == SimulatorFixture.email)
        let profiles = fixture.requests(.getProfile).map(\.status)
        #expect(profiles == [200, 401, 200])
        #expect(fixture.requests(.token).count == refreshesBefore + 1)
    }

    @Test func invalidGrantSurfacesAsNeedsLogin() throws {
        let fixture = try SimulatorFixture()
        _ = try fixture.client.profile()
        fixture.simulator.setInvalidGrant(true, for: SimulatorFixture.email)
        fixture.simulator.expireAccessTokens()
        do {
            _ = try fixture.client.profile()
            Issue.record("a revoked grant must fail")
        } catch {
            guard case .needsLogin(let message) = error else {
                Issue.record("expected needsLogin, got \(error)")
                return
            }
            #expect(message.contains("rapport account add"))
        }
        // It does not hammer the token endpoint afterwards.
        let refreshes = fixture.requests(.token).count
        _ = try? fixture.client.profile()
        #expect(fixture.requests(.token).count == refreshes)
    }

    @Test func badAnswersBecomeTypedErrors() throws {
        let ftp = try #require(URL(string: "ftp://nowhere"))
        let broken = GmailClient(baseURL: ftp, transport: CurlTransport(), tokens: try SimulatorFixture().tokens)
        #expect(throws: GmailError.self) { _ = try broken.profile() }
        let unreachable = GmailClient(baseURL: try #require(URL(string: "http://127.0.0.1:9/")),
                                      transport: CurlTransport(), tokens: try SimulatorFixture().tokens)
        do {
            _ = try unreachable.profile()
            Issue.record("an unreachable server must fail")
        } catch {
            if case .temporary = error {} else { Issue.record("unreachable is temporary, got \(error)") }
        }
    }
}
