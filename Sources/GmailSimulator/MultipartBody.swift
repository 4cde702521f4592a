import Foundation
import MailFormat

/// multipart/mixed and multipart/related bodies (batch, uploads), read with MailFormat's MIME parser.
enum MultipartBody {
    struct Part {
        /// Header fields of the part.
        let headers: [HeaderField]
        /// The body bytes as carried.
        let body: [UInt8]
        let mimeType: String

        func header(_ name: String) -> String? {
            headers.first(name).map { String(decoding: $0.value, as: UTF8.self) }
        }
    }

    /// The parts of a body whose Content-Type is `contentType`; nil when it is not multipart or has
    /// no boundary.
    static func parts(of body: [UInt8], contentType: String) -> [Part]? {
        guard let type = ContentType(headerValue: Array(contentType.utf8)), type.type == "multipart",
              let boundary = type.boundary, !boundary.isEmpty else { return nil }
        let parts = MIMEPart.parts(ofMultipartBody: body, boundary: boundary) ?? []
        return parts.map { part in
            Part(headers: part.headers, body: Array(part.body), mimeType: part.contentType.mimeType.lowercased())
        }
    }

    /// A multipart body: each part's header lines, a blank line, its bytes; then the close delimiter.
    static func build(_ parts: [(headers: [(String, String)], body: [UInt8])], boundary: String) -> [UInt8] {
        var output: [UInt8] = []
        for part in parts {
            output.append(contentsOf: Array("--\(boundary)\r\n".utf8))
            for (name, value) in part.headers { output.append(contentsOf: Array("\(name): \(value)\r\n".utf8)) }
            output.append(contentsOf: [0x0D, 0x0A])
            output.append(contentsOf: part.body)
            output.append(contentsOf: [0x0D, 0x0A])
        }
        output.append(contentsOf: Array("--\(boundary)--\r\n".utf8))
        return output
    }
}

/// Small edits to a message's header section.
enum HeaderEditing {
    /// The bytes with `lines` ("Name: value") put before the first header field.
    static func prepending(_ lines: [String], to raw: [UInt8]) -> [UInt8] {
        guard !lines.isEmpty else { return raw }
        return Array(lines.map { $0 + "\r\n" }.joined().utf8) + raw
    }

    /// The bytes without any header field named `name` (folded continuation lines included).
    static func removing(_ name: String, from raw: [UInt8]) -> [UInt8] {
        let key = Array(name.lowercased().utf8) + [UInt8(ascii: ":")]
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        var skipping = false
        while index < raw.count {
            var end = index
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            let lineEnd = min(end + 1, raw.count)
            let line = raw[index..<lineEnd]
            let isBlank = line.allSatisfy { $0 == 0x0D || $0 == 0x0A }
            if isBlank {
                output.append(contentsOf: raw[index...])
                return output
            }
            let continues = line.first == 0x20 || line.first == 0x09
            if !continues {
                skipping = line.count >= key.count && zip(line.prefix(key.count), key).allSatisfy { a, b in
                    (a >= 0x41 && a <= 0x5A ? a + 0x20 : a) == b
                }
            }
            if !skipping { output.append(contentsOf: line) }
            index = lineEnd
        }
        return output
    }
}
