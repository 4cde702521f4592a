import Foundation
import LoopbackHTTP

/// POST /batch/gmail/v1 and /batch (gmail-api.md §9): a multipart/mixed of application/http parts,
/// each run as its own call (and charged as one), answered as a multipart/mixed with Content-IDs.
extension GmailSimulator {
    static let batchLimit = 100

    func serveBatch(_ request: ServerRequest) -> ServerResponse {
        let outerAccount = authenticate(request)?.account
        func fail(_ error: APIError) -> ServerResponse {
            log(request, method: .batch, account: outerAccount, status: error.code, units: 0, inBatch: false)
            return error.response()
        }
        guard let contentType = request.header("Content-Type"), contentType.lowercased().hasPrefix("multipart/mixed"),
              let parts = MultipartBody.parts(of: request.body, contentType: contentType) else {
            return fail(.badRequest("Batch requests must be multipart/mixed with a boundary."))
        }
        guard !parts.isEmpty else { return fail(.badRequest("The batch request has no parts.")) }
        guard parts.count <= Self.batchLimit else {
            return fail(.badRequest("A batch request may hold at most \(Self.batchLimit) calls; this one holds \(parts.count)."))
        }
        if let outerAccount {
            if let error = enterRequest(account: outerAccount) { return fail(error) }
        }
        defer { if let outerAccount { leaveRequest(account: outerAccount) } }
        waitLatency()

        var answers: [(contentID: String, response: ServerResponse)] = []
        for part in parts {
            let contentID = Self.responseContentID(part.header("Content-ID"))
            guard let inner = Self.innerRequest(part.body, outer: request) else {
                answers.append((contentID, APIError.badRequest("Could not parse the HTTP request in this part.").response()))
                continue
            }
            switch Route.resolve(httpMethod: inner.method, path: inner.path) {
            case .gmail(let call) where !call.upload:
                answers.append((contentID, serveGmail(inner, call, inBatch: true)))
            default:
                log(inner, method: nil, account: outerAccount, status: 404, units: 0, inBatch: true)
                answers.append((contentID, APIError.notFound.response()))
            }
        }
        let boundary = state.withLock { state -> String in
            if state.configuration.shuffleBatchResponses { answers.shuffle(using: &state.random) }
            return "batch_" + state.token(24)
        }
        let body = MultipartBody.build(answers.map { answer in
            ([("Content-Type", "application/http"), ("Content-ID", answer.contentID)], Self.wire(answer.response))
        }, boundary: boundary)
        log(request, method: .batch, account: outerAccount, status: 200, units: 0, inBatch: false)
        return ServerResponse(status: 200, headers: [("Content-Type", "multipart/mixed; boundary=\(boundary)")], body: body)
    }

    /// "<response-m1>" for "<m1>" (or "m1"); the bare "response-" when the part had no Content-ID.
    static func responseContentID(_ requestID: String?) -> String {
        guard let requestID, !requestID.trimmingCharacters(in: .whitespaces).isEmpty else { return "response-" }
        let bare = requestID.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        return "<response-\(bare)>"
    }

    /// The request inside a part: "GET /gmail/v1/…[ HTTP/1.1]", header lines, a blank line, a body.
    /// The outer request's Authorization applies unless the part has its own.
    static func innerRequest(_ bytes: [UInt8], outer: ServerRequest) -> ServerRequest? {
        var lines: [String] = []
        var index = 0
        var bodyStart = bytes.count
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(end + 1, bytes.count)
            if line.isEmpty {
                if lines.isEmpty { continue }  // blank lines before the request line
                bodyStart = index
                break
            }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        guard let requestLine = lines.first else { return nil }
        let pieces = requestLine.split(separator: " ")
        guard pieces.count == 2 || pieces.count == 3 else { return nil }
        var target = String(pieces[1])
        if let schemeEnd = target.range(of: "://") {
            let afterHost = target[schemeEnd.upperBound...].firstIndex(of: "/") ?? target.endIndex
            target = String(target[afterHost...])
        }
        guard target.hasPrefix("/") else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if !headers.contains(where: { $0.name.lowercased() == "authorization" }), let auth = outer.header("Authorization") {
            headers.append(("Authorization", auth))
        }
        var body = bodyStart < bytes.count ? Array(bytes[bodyStart...]) : []
        // The part's last line break belongs to the multipart framing.
        while body.last == 0x0A || body.last == 0x0D { body.removeLast() }
        return ServerRequest(method: String(pieces[0]), target: target, headers: headers, body: body)
    }

    /// A response as the body of an application/http part.
    static func wire(_ response: ServerResponse) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + response.body
    }
}
