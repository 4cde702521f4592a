import Foundation
import Testing
@testable import GmailAPI

/// Every reference example goes through the client as Gmail's answer and comes out as typed values;
/// the requests the client made are checked against the discovery's paths and parameters.
@Suite(.enabled(if: GmailExamples.available, GmailExamples.missing))
struct GmailClientDecodingTests {
    @Test func profile() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("profile.json")])
        let profile = try makeGmailClient(transport).profile()
        #expect(profile == GmailProfile(emailAddress: "dana@example.com", messagesTotal: 24512, threadsTotal: 17344, historyID: 4_818_301))
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://gmail.googleapis.com/gmail/v1/users/me/profile")
        #expect(request.headers["Authorization"] == "Bearer token-1")
    }

    @Test func messagesListWithNextPage() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("messages-list.json")])
        let page = try makeGmailClient(transport).listMessages(query: "after:1715700000 -in:chats from:a+b@x.com",
                                                          labelIDs: ["INBOX", "UNREAD"], maxResults: 500,
                                                          pageToken: "tok", includeSpamTrash: true)
        #expect(page.messages.map(\.id) == ["18f3a9c2d41b7e05", "18f3a1b0c99d2f11", "18f39f0a7c2e11d4"])
        #expect(page.messages.first?.threadID == "18f39f0a7c2e11d4")
        #expect(page.nextPageToken == "09876543210987654321")
        #expect(page.resultSizeEstimate == 201)
        let (path, query) = gmailPathAndQuery(try #require(transport.requests.first))
        #expect(path == "/gmail/v1/users/me/messages")
        #expect(query == ["q=after%3A1715700000%20-in%3Achats%20from%3Aa%2Bb%40x.com", "labelIds=INBOX", "labelIds=UNREAD",
                          "maxResults=500", "pageToken=tok", "includeSpamTrash=true"])
    }

    @Test func messagesListEmptyHasNoMessagesKey() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("messages-list-empty.json")])
        let page = try makeGmailClient(transport).listMessages()
        #expect(page == GmailListMessagesResponse(messages: [], nextPageToken: "", resultSizeEstimate: 0))
        #expect(gmailPathAndQuery(transport.requests[0]).query == [])
    }

    @Test func fullMultipartMessage() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("message-get-full-multipart.json")])
        let message = try makeGmailClient(transport).message(id: "18f3a9c2d41b7e05")
        #expect(message.id == "18f3a9c2d41b7e05")
        #expect(message.threadID == "18f39f0a7c2e11d4")
        #expect(message.labelIDs == ["IMPORTANT", "CATEGORY_PERSONAL", "INBOX"])
        #expect(message.historyID == 4_818_233)
        #expect(message.internalDate == 1_715_703_123_000)
        #expect(message.internalDateValue == Date(timeIntervalSince1970: 1_715_703_123))
        #expect(message.sizeEstimate == 72731)
        #expect(message.raw == nil)
        let payload = try #require(message.payload)
        #expect(payload.partID == "")
        #expect(payload.mimeType == "multipart/mixed")
        #expect(payload.headers.count == 12)
        #expect(payload.header("subject") == "Re: Quote request")
        #expect(payload.header("Received")?.contains(";        Tue, 14 May 2024") == true)
        #expect(payload.allParts.map(\.partID) == ["", "0", "0.0", "0.1", "1"])
        let plain = payload.parts[0].parts[0]
        #expect(plain.mimeType == "text/plain")
        #expect(String(decoding: plain.body.data, as: UTF8.self) == "Hi Dana,\r\n\r\nAttached is the revised quote.\r\n\r\nBest,\r\nSam\r\n")
        #expect(plain.body.data.count == plain.body.size)
        let html = payload.parts[0].parts[1]
        #expect(String(decoding: html.body.data, as: UTF8.self).hasPrefix("<div dir=\"ltr\">Hi Dana,<br>"))
        #expect(html.body.data.count == html.body.size)
        let pdf = payload.parts[1]
        #expect(pdf.filename == "quote-v2.pdf")
        #expect(pdf.body.attachmentID == "ANGjdJ9EXAMPLE_not_a_real_id_changes_on_every_fetch")
        #expect(pdf.body.size == 48213)
        #expect(pdf.body.data.isEmpty)
        #expect(gmailPathAndQuery(transport.requests[0]) == ("/gmail/v1/users/me/messages/18f3a9c2d41b7e05", ["format=full"]))
    }

    @Test func metadataMessageAndHeaderFilter() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("message-get-metadata.json")])
        let message = try makeGmailClient(transport).message(id: "18f3a9c2d41b7e05", format: .metadata,
                                                        metadataHeaders: ["From", "Message-ID"])
        let payload = try #require(message.payload)
        #expect(payload.header("message-id") == "<CAF1x2y3z4-quote-v2@mail.gmail.com>")
        #expect(payload.parts.isEmpty)
        #expect(payload.body == GmailMessagePartBody(attachmentID: "", size: 0, data: []))
        #expect(gmailPathAndQuery(transport.requests[0]).query == ["format=metadata", "metadataHeaders=From", "metadataHeaders=Message-ID"])
    }

    @Test func minimalMessageHasNoPayload() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("message-get-minimal.json")])
        let message = try makeGmailClient(transport).message(id: "18f3a9c2d41b7e05", format: .minimal, metadataHeaders: ["From"])
        #expect(message.payload == nil)
        #expect(message.raw == nil)
        #expect(message.snippet == "Hi Dana, Attached is the revised quote. Best, Sam")
        // metadataHeaders only travel with format=metadata.
        #expect(gmailPathAndQuery(transport.requests[0]).query == ["format=minimal"])
    }

    @Test func rawMessageDecodesToCRLFBytes() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("message-get-raw.json")])
        let message = try makeGmailClient(transport).message(id: "18f3a9c2d41b7e05", format: .raw)
        let raw = String(decoding: try #require(message.raw), as: UTF8.self)
        #expect(raw.hasPrefix("From: Sam Carter <sam@vendor.example>\r\nTo: Dana Lee"))
        #expect(raw.hasSuffix("\r\n\r\nShort body.\r\n"))
        #expect(message.payload == nil)
    }

    @Test func attachment() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("attachments-get.json")])
        let body = try makeGmailClient(transport).attachment(messageID: "18f3a9c2d41b7e05", attachmentID: "ANGj_x-1")
        #expect(body.size == 12)
        #expect(body.data == Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3])
        #expect(gmailPathAndQuery(transport.requests[0]).path == "/gmail/v1/users/me/messages/18f3a9c2d41b7e05/attachments/ANGj_x-1")
        #expect(transport.requests[0].timeout == 30)
        // A big file gets time to arrive: its base64 at 100 kB/s on top.
        let big = ScriptedTransport(responses: [try GmailExamples.response("attachments-get.json")])
        _ = try makeGmailClient(big).attachment(messageID: "18f3a9c2d41b7e05", attachmentID: "ANGj_x-1",
                                               expectedSize: 3_000_000)
        #expect(big.requests[0].timeout == 30 + 40)
    }

    @Test func sendResponse() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("messages-send-response.json")])
        let sent = try makeGmailClient(transport).send(raw: Array("To: a@b.example\r\n\r\nhi\r\n".utf8), threadID: "18f39f0a7c2e11d4")
        #expect(sent == GmailMessage(id: "18f3ac01d2e3f4a5", threadID: "18f39f0a7c2e11d4", labelIDs: ["SENT"]))
    }

    @Test func historyWithEveryRecordKind() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("history-list.json")])
        let page = try makeGmailClient(transport).history(startHistoryID: 4_818_233, types: GmailHistoryType.allCases,
                                                     labelID: "INBOX", maxResults: 500, pageToken: "p2")
        #expect(page.historyID == 4_818_301)
        #expect(page.nextPageToken == "")
        #expect(page.history.map(\.id) == [4_818_240, 4_818_262, 4_818_275, 4_818_290, 4_818_297])
        let added = page.history[0].messagesAdded
        #expect(added.map(\.message.id) == ["18f3ab77e0c1d2a9"])
        #expect(added[0].message.labelIDs == ["UNREAD", "IMPORTANT", "CATEGORY_PERSONAL", "INBOX"])
        #expect(page.history[1].labelsRemoved[0].labelIDs == ["UNREAD"])
        #expect(page.history[1].labelsRemoved[0].message.labelIDs == ["IMPORTANT", "CATEGORY_PERSONAL", "INBOX"])
        let trash = page.history[2]
        #expect(trash.labelsAdded.map(\.labelIDs) == [["TRASH"]])
        #expect(trash.labelsRemoved.map(\.labelIDs) == [["INBOX"]])
        #expect(page.history[3].messagesDeleted.map(\.message.id) == ["18f2ee01aa5b3c77"])
        #expect(page.history[3].messages == [GmailMessageRef(id: "18f2ee01aa5b3c77", threadID: "18f2ee01aa5b3c77")])
        #expect(page.history[4].messagesAdded[0].message.labelIDs == ["SENT"])
        #expect(gmailPathAndQuery(transport.requests[0]) == ("/gmail/v1/users/me/history", [
            "startHistoryId=4818233", "historyTypes=messageAdded", "historyTypes=messageDeleted", "historyTypes=labelAdded",
            "historyTypes=labelRemoved", "labelId=INBOX", "maxResults=500", "pageToken=p2",
        ]))
    }

    @Test func historyWithNoChangesHasOnlyTheHistoryID() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("history-list-no-changes.json")])
        let page = try makeGmailClient(transport).history(startHistoryID: 4_818_301)
        #expect(page == GmailListHistoryResponse(history: [], nextPageToken: "", historyID: 4_818_301))
        #expect(gmailPathAndQuery(transport.requests[0]).query == ["startHistoryId=4818301"])
    }

    @Test func labels() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("labels-list.json")])
        let labels = try makeGmailClient(transport).labels().labels
        #expect(labels.map(\.id) == ["INBOX", "SENT", "UNREAD", "CATEGORY_PROMOTIONS", "Label_3"])
        #expect(labels[0].labelListVisibility == "labelShow")
        #expect(labels[1].messageListVisibility == "")
        #expect(labels[4] == GmailLabel(id: "Label_3", name: "Customers/Acme", type: "user", messageListVisibility: "show",
                                   labelListVisibility: "labelShow"))
        #expect(labels.filter(\.isSystem).count == 4)
        #expect(gmailPathAndQuery(transport.requests[0]).path == "/gmail/v1/users/me/labels")
    }
}
