import Foundation
import Testing
@testable import GmailAPI

/// A fake batch endpoint for the scripted transport: reads the parts of a batch request.
private struct BatchRequestParts {
    let contentIDs: [String]
    let messageIDs: [String]
    let targets: [String]

    init(_ request: HTTPRequest) {
        let text = String(decoding: request.body ?? Data(), as: UTF8.self)
        var contentIDs: [String] = []
        var targets: [String] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.hasPrefix("Content-ID: <") { contentIDs.append(String(line.dropFirst(13).dropLast())) }
            if line.hasPrefix("GET ") { targets.append(String(line.dropFirst(4))) }
        }
        self.contentIDs = contentIDs
        self.targets = targets
        messageIDs = targets.map { target in
            let path = target.split(separator: "?")[0]
            return String(path.split(separator: "/").last ?? "")
        }
    }
}

/// One part of a scripted batch answer.
private struct AnswerPart {
    var contentID: String?
    var statusLine = "HTTP/1.1 200 OK"
    var headers: [String] = ["Content-Type: application/json; charset=UTF-8"]
    var body: String

    static func message(_ contentID: String?, _ id: String) -> AnswerPart {
        AnswerPart(contentID: contentID, body: #"{"id":"\#(id)","threadId":"t-\#(id)","labelIds":["INBOX"]}"#)
    }

    static func error(_ contentID: String, _ code: Int, reason: String, headers: [String] = []) -> AnswerPart {
        AnswerPart(contentID: contentID, statusLine: "HTTP/1.1 \(code) Whatever",
                   headers: ["Content-Type: application/json; charset=UTF-8"] + headers,
                   body: #"{"error":{"code":\#(code),"message":"m\#(code)","errors":[{"reason":"\#(reason)"}]}}"#)
    }
}

/// A multipart/mixed batch answer with its own boundary, CRLF line ends.
private func batchAnswer(_ parts: [AnswerPart], boundary: String = "batch_srv_b0und") -> HTTPResponse {
    var text = ""
    for part in parts {
        text += "--\(boundary)\r\nContent-Type: application/http\r\n"
        if let id = part.contentID { text += "Content-ID: \(id)\r\n" }
        text += "\r\n\(part.statusLine)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n\(part.body)\r\n"
    }
    text += "--\(boundary)--\r\n"
    return HTTPResponse(status: 200, headers: ["Content-Type": "multipart/mixed; boundary=\(boundary)"], body: Data(text.utf8))
}

/// Answers every part of a batch request with its message, in reverse order.
private let echoBatch: ScriptedTransport.Step = { request in
    let parts = BatchRequestParts(request)
    return .success(batchAnswer(zip(parts.contentIDs, parts.messageIDs).reversed().map { AnswerPart.message("<response-\($0)>", $1) }))
}

private func ids(_ count: Int) -> [String] {
    (0..<count).map { String(format: "18f3%012x", $0) }
}

struct GmailClientBatchTests {
    @Test(.enabled(if: GmailExamples.available, GmailExamples.missing))
    func theReferenceExample() throws {
        // batch-response.http: the outer head, an empty line, then the multipart body.
        let file = try GmailExamples.data("batch-response.http")
        let blank = try #require(file.range(of: Data("\r\n\r\n".utf8)) ?? file.range(of: Data("\n\n".utf8)))
        let head = String(decoding: file[..<blank.lowerBound], as: UTF8.self).components(separatedBy: .newlines)
        let contentType = try #require(head.first { $0.hasPrefix("Content-Type:") }).dropFirst("Content-Type:".count)
        let response = HTTPResponse(status: 200, headers: ["Content-Type": contentType.trimmingCharacters(in: .whitespaces)],
                                    body: file[blank.upperBound...])
        let transport = ScriptedTransport(responses: [response])
        let log = GmailCallLog()
        let results = try makeGmailClient(transport, onCall: log.hook).batchGetMessages(ids: ["18f3a9c2d41b7e05", "18f2ee01aa5b3c77"])

        let message = try #require(try results["18f3a9c2d41b7e05"]?.get())
        #expect(message.historyID == 4_818_233)
        #expect(message.snippet == "Hi Dana, Attached is the revised quote.")
        #expect(results["18f2ee01aa5b3c77"].map { "\($0)" } == "\(Result<GmailMessage, GmailError>.failure(.notFound("messages.get: Requested entity was not found. (HTTP 404 notFound)")))")
        #expect(log.methods == [.messagesGet, .messagesGet])

        // The request matches batch-request.http's shape.
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://gmail.googleapis.com/batch/gmail/v1")
        #expect(request.headers["Authorization"] == "Bearer token-1")
        let contentTypeSent = try #require(request.headers["Content-Type"])
        #expect(contentTypeSent.hasPrefix("multipart/mixed; boundary="))
        let boundary = contentTypeSent.dropFirst("multipart/mixed; boundary=".count)
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(body == """
            --\(boundary)\r
            Content-Type: application/http\r
            Content-ID: <m1>\r
            \r
            GET /gmail/v1/users/me/messages/18f3a9c2d41b7e05?format=full\r
            \r
            \r
            --\(boundary)\r
            Content-Type: application/http\r
            Content-ID: <m2>\r
            \r
            GET /gmail/v1/users/me/messages/18f2ee01aa5b3c77?format=full\r
            \r
            \r
            --\(boundary)--\r\n
            """)
    }

    @Test func shuffledPartsBareIDAndGarbageStatusLine() throws {
        let wanted = ["a1", "a2", "a3", "a4", "a5", "a6"]
        let transport = ScriptedTransport(responses: [batchAnswer([
            .message("<response-m3>", "a3"),
            .error("<response-m6>", 429, reason: "rateLimitExceeded", headers: ["Retry-After: 5"]),
            .message("response-", "a2"),                               // bare: cannot be matched
            AnswerPart(contentID: "<response-m4>", statusLine: "HTPT/1.1 twohundred", body: "{}"),
            .message(" <response-m1> ", "a1"),
            .error("<response-m5>", 503, reason: "backendError"),
        ])])
        let results = try makeGmailClient(transport).batchGetMessages(ids: wanted, format: .minimal)
        #expect(Set(results.keys) == Set(wanted))
        #expect(try results["a1"]?.get().id == "a1")
        #expect(try results["a3"]?.get().id == "a3")
        #expect(failure(results["a2"]) == .badResponse("batch: Gmail's answer had no part for one of the messages"))
        #expect(failure(results["a4"]) == .badResponse("batch: a part is not an HTTP response"))
        #expect(failure(results["a5"]) == .temporary("messages.get: m503 (HTTP 503 backendError)"))
        #expect(failure(results["a6"]) == .rateLimited(retryAfter: 5, message: "messages.get: m429 (HTTP 429 rateLimitExceeded)"))
        #expect(BatchRequestParts(transport.requests[0]).targets.allSatisfy { $0.hasSuffix("?format=minimal") })
    }

    @Test func aPartThatIsNotTheExpectedJSONIsBadResponse() throws {
        let transport = ScriptedTransport(responses: [batchAnswer([
            AnswerPart(contentID: "<response-m1>", body: "<html>oops</html>"),
            .message("<response-m2>", "b"),
        ])])
        let results = try makeGmailClient(transport).batchGetMessages(ids: ["a", "b"])
        #expect(failure(results["a"]) == .badResponse("messages.get: the answer is not a JSON object"))
        #expect(try results["b"]?.get().id == "b")
    }

    @Test func moreThan25IDsAreSplit() throws {
        let transport = ScriptedTransport([echoBatch, echoBatch, echoBatch])
        let log = GmailCallLog()
        let wanted = ids(60)
        let results = try makeGmailClient(transport, costs: .y2026, onCall: log.hook).batchGetMessages(ids: wanted + wanted.prefix(3))
        #expect(transport.requests.map { BatchRequestParts($0).contentIDs.count } == [25, 25, 10])
        #expect(transport.requests.flatMap { BatchRequestParts($0).messageIDs } == wanted)
        #expect(results.count == 60)
        #expect(wanted.allSatisfy { (try? results[$0]?.get().id) == $0 })
        #expect(log.units == 60 * 20)
    }

    @Test func unauthorizedPartsAreRetriedOnceWithAFreshToken() throws {
        let tokens = CountingTokens()
        let transport = ScriptedTransport([
            { _ in .success(batchAnswer([
                .message("<response-m1>", "a"),
                .error("<response-m2>", 401, reason: "authError"),
                .error("<response-m3>", 401, reason: "authError"),
            ])) },
            { request in
                let parts = BatchRequestParts(request)
                #expect(parts.messageIDs == ["b", "c"])
                #expect(request.headers["Authorization"] == "Bearer token-2")
                return .success(batchAnswer([
                    .error("<response-m2>", 401, reason: "authError"),
                    .message("<response-m1>", "b"),
                ]))
            },
        ])
        let results = try makeGmailClient(transport, tokens: tokens).batchGetMessages(ids: ["a", "b", "c"])
        #expect(tokens.refreshes == 1)
        #expect(try results["a"]?.get().id == "a")
        #expect(try results["b"]?.get().id == "b")
        #expect(failure(results["c"]) == .unauthorized("messages.get: m401 (HTTP 401 authError)"))
    }

    @Test func aFailedRetryKeepsTheAnswersOfTheFirstTry() throws {
        let transport = ScriptedTransport([
            { _ in .success(batchAnswer([.message("<response-m1>", "a"), .error("<response-m2>", 401, reason: "authError")])) },
            { _ in .failure(.temporary("cannot connect")) },
        ])
        let results = try makeGmailClient(transport).batchGetMessages(ids: ["a", "b"])
        #expect(try results["a"]?.get().id == "a")
        #expect(failure(results["b"]) == .temporary("cannot connect"))
    }

    @Test func unauthorizedBatchRefreshesOnceThenThrows() throws {
        let refused = gmailJSON(#"{"error":{"code":401,"message":"Invalid Credentials","errors":[{"reason":"authError"}]}}"#, status: 401)
        let tokens = CountingTokens()
        let once = ScriptedTransport([{ _ in .success(refused) }, echoBatch])
        #expect(try makeGmailClient(once, tokens: tokens).batchGetMessages(ids: ["x"])["x"]?.get().id == "x")
        #expect(once.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])

        let twice = ScriptedTransport(responses: [refused, refused])
        #expect(throws: GmailError.unauthorized("messages.get: Invalid Credentials (HTTP 401 authError)")) {
            try makeGmailClient(twice).batchGetMessages(ids: ["x"])
        }
    }

    @Test func aFailedBatchFailsItsIDsAndStopsButKeepsEarlierResults() throws {
        let limited = gmailJSON(#"{"error":{"code":429,"message":"Too many concurrent requests for user.","errors":[{"reason":"rateLimitExceeded"}]}}"#,
                                   status: 429, headers: ["Retry-After": "9"])
        let transport = ScriptedTransport([echoBatch, { _ in .success(limited) }])
        let wanted = ids(60)
        let results = try makeGmailClient(transport).batchGetMessages(ids: wanted)
        #expect(transport.requests.count == 2)
        #expect(wanted.prefix(25).allSatisfy { (try? results[$0]?.get()) != nil })
        let expected = GmailError.rateLimited(retryAfter: 9, message: "messages.get: Too many concurrent requests for user. (HTTP 429 rateLimitExceeded)")
        #expect(wanted.dropFirst(25).allSatisfy { failure(results[$0]) == expected })
    }

    @Test func transportFailureAndNonMultipartAnswerLandOnEachID() throws {
        let down = ScriptedTransport([{ _ in .failure(.temporary("cannot connect")) }])
        let results = try makeGmailClient(down).batchGetMessages(ids: ["a", "b"])
        #expect(failure(results["a"]) == .temporary("cannot connect"))
        #expect(failure(results["b"]) == .temporary("cannot connect"))

        let plain = ScriptedTransport(responses: [gmailJSON("{}")])
        let garbled = try makeGmailClient(plain).batchGetMessages(ids: ["a"])
        #expect(failure(garbled["a"]) == .badResponse("batch: the answer is not multipart/mixed"))
    }

    @Test func aMissingBatchEndpointDoesNotReadAsDeletedMessages() throws {
        let missing = gmailJSON(#"{"error":{"code":404,"message":"Requested entity was not found.","errors":[{"reason":"notFound"}]}}"#, status: 404)
        let results = try makeGmailClient(ScriptedTransport(responses: [missing])).batchGetMessages(ids: ["a"])
        #expect(failure(results["a"]) == .badResponse("batch: the batch endpoint answered HTTP 404"))
    }

    @Test func needsLoginThrows() {
        let tokens = CountingTokens(refreshFailure: .needsLogin("sign in again"))
        let refused = gmailJSON(#"{"error":{"code":401}}"#, status: 401)
        #expect(throws: GmailError.needsLogin("sign in again")) {
            try makeGmailClient(ScriptedTransport(responses: [refused]), tokens: tokens).batchGetMessages(ids: ["a"])
        }
    }

    @Test func noIDsMeansNoRequest() throws {
        let transport = ScriptedTransport()
        #expect(try makeGmailClient(transport).batchGetMessages(ids: []).isEmpty)
        #expect(transport.requests.isEmpty)
    }

    @Test func quotedBoundaryAndLFLineEnds() throws {
        let body = "preamble\n--b=x\nContent-Type: application/http\nContent-ID: <response-m1>\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\":\"a\"}\n--b=x--\nepilogue\n"
        let response = HTTPResponse(status: 200, headers: ["content-type": "multipart/mixed; boundary=\"b=x\""], body: Data(body.utf8))
        let results = try makeGmailClient(ScriptedTransport(responses: [response])).batchGetMessages(ids: ["a"])
        #expect(try results["a"]?.get().id == "a")
    }

    private func failure(_ result: Result<GmailMessage, GmailError>?) -> GmailError? {
        guard case .failure(let error)? = result else { return nil }
        return error
    }
}
