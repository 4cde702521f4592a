import Foundation
import MailFormat
import Testing
@testable import GmailAPI

/// messages.send: JSON for ordinary mail, the multipart upload form for big mail.
struct GmailClientSendTests {
    private let sent = gmailJSON(#"{"id":"18f3ac01d2e3f4a5","threadId":"18f39f0a7c2e11d4","labelIds":["SENT"]}"#)

    @Test func smallMailGoesAsJSONWithBase64URL() throws {
        let transport = ScriptedTransport(responses: [sent])
        // Bytes chosen so that standard base64 would hold "+" and "/".
        let raw: [UInt8] = Array("To: a@b.example\r\n\r\n".utf8) + [0xFB, 0xFF, 0xBF, 0x3E]
        let log = GmailCallLog()
        let message = try makeGmailClient(transport, onCall: log.hook).send(raw: raw, threadID: "18f39f0a7c2e11d4")
        #expect(message.labelIDs == ["SENT"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://gmail.googleapis.com/gmail/v1/users/me/messages/send")
        #expect(request.headers["Content-Type"] == "application/json; charset=UTF-8")
        let requestBody = try #require(request.body)
        let json = try #require(try JSONSerialization.jsonObject(with: requestBody) as? [String: String])
        #expect(json["threadId"] == "18f39f0a7c2e11d4")
        let encoded = try #require(json["raw"])
        #expect(!encoded.contains("+") && !encoded.contains("/"))
        #expect(encoded.contains("-") || encoded.contains("_"))
        #expect(Base64.decode(Array(encoded.utf8)) == raw)
        #expect(log.methods == [.messagesSend])
        #expect(log.units == 100)
    }

    @Test func noThreadIDLeavesTheKeyOut() throws {
        let transport = ScriptedTransport(responses: [sent])
        _ = try makeGmailClient(transport).send(raw: Array("To: a@b.example\r\n\r\nx".utf8), threadID: "")
        let requestBody = try #require(transport.requests[0].body)
        let json = try #require(try JSONSerialization.jsonObject(with: requestBody) as? [String: Any])
        #expect(Set(json.keys) == ["raw"])
    }

    @Test func bigMailUsesTheMultipartUploadForm() throws {
        let transport = ScriptedTransport(responses: [sent])
        let raw = Array("To: a@b.example\r\nSubject: big\r\n\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 2_000)
        _ = try makeGmailClient(transport, uploadThreshold: 1_000).send(raw: raw, threadID: "18f39f0a7c2e11d4")
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString
            == "https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/send?uploadType=multipart")
        let contentType = try #require(request.headers["Content-Type"])
        #expect(contentType.hasPrefix("multipart/related; boundary="))
        let boundary = String(contentType.dropFirst("multipart/related; boundary=".count))
        let body = try #require(request.body)
        let expected = Data("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"threadId\":\"18f39f0a7c2e11d4\"}\r\n--\(boundary)\r\nContent-Type: message/rfc822\r\n\r\n".utf8)
            + Data(raw) + Data("\r\n--\(boundary)--\r\n".utf8)
        #expect(body == expected)
    }

    @Test func thresholdChoosesTheForm() throws {
        let small = try REST.Messages.Send(raw: [UInt8](repeating: 65, count: 100), uploadThreshold: 100)
        let big = try REST.Messages.Send(raw: [UInt8](repeating: 65, count: 101), uploadThreshold: 100)
        #expect(small.form == .json)
        #expect(big.form == .multipartUpload)
        let fiveMB = try REST.Messages.Send(raw: [UInt8](repeating: 65, count: 5 * 1024 * 1024 + 1))
        #expect(fiveMB.form == .multipartUpload)
        #expect(fiveMB.body?.data.count ?? 0 < 5 * 1024 * 1024 + 1024)
    }

    @Test func tooBigOrEmptyMailIsRefusedBeforeSending() {
        let transport = ScriptedTransport()
        let client = makeGmailClient(transport)
        #expect(throws: GmailError.permanent("messages.send: the message is 35 MB; Gmail takes at most 35 MB")) {
            try client.send(raw: [UInt8](repeating: 65, count: REST.Messages.Send.maximumSize + 1))
        }
        #expect(throws: GmailError.permanent("messages.send: the message is empty")) {
            try client.send(raw: [])
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func sendTimeoutGrowsWithSize() throws {
        let transport = ScriptedTransport(responses: [sent])
        _ = try makeGmailClient(transport).send(raw: [UInt8](repeating: 65, count: 3_000_000))
        #expect(transport.requests[0].timeout == 30 + 30)
    }

    @Test func modifySendsLabelDeltas() throws {
        let transport = ScriptedTransport(responses: [gmailJSON(#"{"id":"m1","labelIds":["INBOX"]}"#)])
        let message = try makeGmailClient(transport).modify(id: "m1", add: ["Label_3"], remove: ["UNREAD"])
        #expect(message.labelIDs == ["INBOX"])
        let request = transport.requests[0]
        #expect(request.method == "POST")
        #expect(gmailPathAndQuery(request).path == "/gmail/v1/users/me/messages/m1/modify")
        #expect(request.body == Data(#"{"addLabelIds":["Label_3"],"removeLabelIds":["UNREAD"]}"#.utf8))
    }

    @Test func batchModifySendsOneCallForManyMessagesAndReadsTheEmptyAnswer() throws {
        let transport = ScriptedTransport(responses: [HTTPResponse(status: 204, headers: [:], body: Data())])
        let calls = GmailCallLog()
        try makeGmailClient(transport, onCall: calls.hook).batchModify(ids: ["m1", "m2"], add: ["TRASH"], remove: ["INBOX"])
        let request = transport.requests[0]
        #expect(request.method == "POST")
        #expect(gmailPathAndQuery(request).path == "/gmail/v1/users/me/messages/batchModify")
        #expect(request.body == Data(#"{"addLabelIds":["TRASH"],"ids":["m1","m2"],"removeLabelIds":["INBOX"]}"#.utf8))
        #expect(calls.methods == [.messagesBatchModify] && calls.units == 50)
    }

    @Test func aRefusedBatchModifyIsAnError() throws {
        let transport = ScriptedTransport(responses: [gmailJSON(
            #"{"error":{"code":400,"message":"Invalid label: Label_9","errors":[{"reason":"invalidArgument"}],"status":"INVALID_ARGUMENT"}}"#,
            status: 400)])
        #expect(throws: GmailError.self) {
            try makeGmailClient(transport).batchModify(ids: ["m1", "m2"], add: ["Label_9"])
        }
    }
}
