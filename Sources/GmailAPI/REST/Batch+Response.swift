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
        guard let sections = MultipartSplitter.sections(of: [UInt8](response.body), boundary: Array(boundary.utf8)) else {
            throw .badResponse("batch: the answer has no parts")
        }
        return sections.map(answer(from:))
    }

    private static func answer(from section: ArraySlice<UInt8>) -> Answer {
        let (headers, content) = HTTPHead.split(section)
        let contentID = headers.first { $0.name.lowercased() == "content-id" }.map { requestID(fromResponseID: $0.value) } ?? ""
        guard let inner = HTTPHead.response(from: content) else {
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

/// Finds the parts of a multipart body between `--boundary` lines (CRLF or bare LF).
enum MultipartSplitter {
    /// The content of each part, without the line break before the next delimiter; nil when no
    /// delimiter line is found.
    static func sections(of body: [UInt8], boundary: [UInt8]) -> [ArraySlice<UInt8>]? {
        let delimiter = Array("--".utf8) + boundary
        var starts: [(lineStart: Int, after: Int, isClose: Bool)] = []
        var lineStart = 0
        while lineStart < body.count {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.count
            if body[lineStart..<lineEnd].starts(with: delimiter) {
                let rest = lineStart + delimiter.count
                let isClose = body[rest..<lineEnd].starts(with: Array("--".utf8))
                starts.append((lineStart, min(lineEnd + 1, body.count), isClose))
                if isClose { break }
            }
            lineStart = lineEnd + 1
        }
        guard !starts.isEmpty else { return nil }
        var sections: [ArraySlice<UInt8>] = []
        for (index, start) in starts.enumerated() where !start.isClose {
            var end = index + 1 < starts.count ? starts[index + 1].lineStart : body.count
            // The line break before a delimiter belongs to the delimiter.
            if end > start.after, body[end - 1] == 0x0A { end -= 1 }
            if end > start.after, body[end - 1] == 0x0D { end -= 1 }
            sections.append(body[start.after..<max(end, start.after)])
        }
        return sections
    }
}

/// Reads header blocks and HTTP status lines in batch parts.
enum HTTPHead {
    /// Splits at the first empty line: header fields (unfolded) and what follows.
    static func split(_ bytes: ArraySlice<UInt8>) -> (headers: [(name: String, value: String)], rest: ArraySlice<UInt8>) {
        var headers: [(name: String, value: String)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(lineEnd + 1, bytes.endIndex)
            if line.isEmpty { return (headers, bytes[index...]) }
            let text = String(decoding: line, as: UTF8.self)
            if let first = text.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + text.trimmingCharacters(in: .whitespaces)
            } else if let colon = text.firstIndex(of: ":") {
                headers.append((String(text[..<colon]).trimmingCharacters(in: .whitespaces),
                                String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, bytes[bytes.endIndex...])
    }

    /// An embedded HTTP response: "HTTP/1.1 404 Not Found", headers, empty line, body. Nil when the
    /// first line is not a status line.
    static func response(from bytes: ArraySlice<UInt8>) -> HTTPResponse? {
        var start = bytes.startIndex
        // Tolerate blank lines before the status line.
        while start < bytes.endIndex, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
        guard let status = statusCode(String(decoding: bytes[start..<lineEnd], as: UTF8.self)) else { return nil }
        let (headers, body) = split(bytes[min(lineEnd + 1, bytes.endIndex)...])
        var fields: [String: String] = [:]
        for header in headers where fields[header.name.lowercased()] == nil {
            fields[header.name.lowercased()] = header.value
        }
        return HTTPResponse(status: status, headers: fields, body: Data(body))
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
