import Foundation
import MailFormat

extension REST.Batch {
    /// One part of a batch answer.
    public struct Answer: Sendable {
        /// The Content-ID of the request this answers: "m1" for `<response-m1>`. Empty when the part
        /// carried none or a bare `response-`; such a part cannot be matched to a request.
        public var contentID: String
        /// The part's own HTTP response, or `.badResponse` when it is not one (a garbage status line).
        public var response: Result<HTTPResponse, GmailError>
    }

    /// Splits a batch answer into its parts. The boundary comes from the answer's Content-Type;
    /// parts may come in any order. Throws `.badResponse` when the answer is not multipart at all.
    public static func answers(from response: HTTPResponse) throws(GmailError) -> [Answer] {
        guard let header = response.header("Content-Type"),
              let contentType = ContentType(headerValue: Array(header.utf8)),
              contentType.type == "multipart",
              let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
            throw .badResponse("batch: the answer is not multipart/mixed")
        }
        guard let parts = MIMEPart.parts(ofMultipartBody: [UInt8](response.body), boundary: boundary) else {
            throw .badResponse("batch: the answer has no parts")
        }
        return parts.map(answer(from:))
    }

    private static func answer(from part: MIMEPart) -> Answer {
        let contentID = part.headers.first("content-id")
            .map { requestID(fromResponseID: String(decoding: $0.value, as: UTF8.self)) } ?? ""
        guard let inner = HTTPHead.response(from: part.body) else {
            return Answer(contentID: contentID, response: .failure(.badResponse("batch: a part is not an HTTP response")))
        }
        return Answer(contentID: contentID, response: .success(inner))
    }

    /// "<response-m1>" → "m1"; "response-" or anything else → "".
    static func requestID(fromResponseID value: String) -> String {
        var id = value.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("<") { id.removeFirst() }
        if id.hasSuffix(">") { id.removeLast() }
        id = id.trimmingCharacters(in: .whitespaces)
        guard id.lowercased().hasPrefix("response-") else { return "" }
        return String(id.dropFirst("response-".count))
    }
}

/// Reads the HTTP response inside a batch part: its status line, header block and body.
enum HTTPHead {
    /// An embedded HTTP response: "HTTP/1.1 404 Not Found", headers, empty line, body. Nil when the
    /// first line is not a status line. The header block and body are read as a MIME entity's (the
    /// first of a repeated field wins).
    static func response(from bytes: ArraySlice<UInt8>) -> HTTPResponse? {
        var start = bytes.startIndex
        // Tolerate blank lines before the status line.
        while start < bytes.endIndex, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
        guard let status = statusCode(String(decoding: bytes[start..<lineEnd], as: UTF8.self)) else { return nil }
        let entity = Message(bytes: Array(bytes[min(lineEnd + 1, bytes.endIndex)...])).root
        var fields: [String: String] = [:]
        for header in entity.headers where fields[header.key] == nil {
            fields[header.key] = String(decoding: header.value, as: UTF8.self)
        }
        return HTTPResponse(status: status, headers: fields, body: Data(entity.body))
    }

    /// 404 from "HTTP/1.1 404 Not Found"; nil for anything else.
    static func statusCode(_ line: String) -> Int? {
        let fields = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/"),
              fields[1].count == 3, fields[1].allSatisfy(\.isASCII), let code = Int(fields[1]),
              (100...599).contains(code) else { return nil }
        return code
    }
}
