/// The request line and header fields of one HTTP/1.x request, and what they say about the body
/// and the connection.
struct RequestHead {
    var method: String
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: [(name: String, value: String)]

    /// How the body is framed.
    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// Why a head cannot be served.
    enum Failure: Error, Equatable {
        case badRequest
        case versionNotSupported
        case notImplemented
        case payloadTooLarge
    }

    /// Parses the head bytes (everything before the blank line; CRLF or bare LF line ends).
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Failure) -> RequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.endIndex {
            var end = bytes.endIndex
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(bytes[start..<end])
        }
        // RFC 9112 §2.2: ignore empty lines before the request line.
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let requestLine = lines.first else { throw .badRequest }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .badRequest }
        let method = parts[0]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { throw .badRequest }
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .badRequest }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == UInt8(ascii: "."),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(version[5]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(version[7]) else { throw .badRequest }
        guard version[5] == UInt8(ascii: "1") else { throw .versionNotSupported }

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard !line.isEmpty else { continue }
            // Obsolete line folding and other junk are refused (RFC 9112 §5.2).
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { throw .badRequest }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy(isTokenByte) else { throw .badRequest }
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = line[valueStart..<valueEnd]
            guard !value.contains(where: { $0 == 0 || $0 == 0x0D || $0 == 0x0A }) else { throw .badRequest }
            headers.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return RequestHead(method: String(decoding: method, as: UTF8.self),
                           target: String(decoding: target, as: UTF8.self),
                           minorVersion: Int(version[7] - UInt8(ascii: "0")), headers: headers)
    }

    func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Comma-separated tokens of every field named `name`, lower-cased.
    func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmed(of: " \t").lowercased() }
            .filter { !$0.isEmpty }
    }

    /// The body framing: chunked when Transfer-Encoding ends in chunked, else Content-Length.
    func bodyFraming(limit: Int) throws(Failure) -> BodyFraming {
        let encodings = tokens("Transfer-Encoding")
        if !encodings.isEmpty {
            guard encodings.last == "chunked" else { throw .notImplemented }
            guard encodings.allSatisfy({ $0 == "chunked" || $0 == "identity" }) else { throw .notImplemented }
            return .chunked
        }
        let lengths = Set(values("Content-Length").flatMap { $0.split(separator: ",") }
            .map { $0.trimmed(of: " \t") })
        guard !lengths.isEmpty else { return .none }
        guard lengths.count == 1, let text = lengths.first, !text.isEmpty, text.count <= 18,
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let length = Int(text) else { throw .badRequest }
        guard length <= limit else { throw .payloadTooLarge }
        return length == 0 ? .none : .length(length)
    }

    /// Whether the connection stays open after the response: HTTP/1.1 unless "Connection: close";
    /// HTTP/1.0 always closes.
    var keepsAlive: Bool {
        minorVersion >= 1 && !tokens("Connection").contains("close")
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension Substring {
    fileprivate func trimmed(of set: String) -> String {
        var start = startIndex
        var end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}
