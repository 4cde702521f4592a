import Foundation
import RapportTestSupport

/// A minimal HTTP/1.1 client, one request per connection: no redirects followed, no headers added,
/// so tests see exactly what the simulator answers.
struct SimulatorHTTP {
    typealias Response = RawHTTPClient.Response

    let port: UInt16

    init(_ url: URL) {
        port = UInt16(url.port!)
    }

    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> Response {
        let client = try RawHTTPClient(port: port, timeout: 20)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse()
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle {
            return index
        }
        return nil
    }

    // MARK: - Conveniences

    func get(_ target: String, token: String?) throws -> Response {
        try send("GET", target, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    func post(_ target: String, token: String?, json: Any) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: json)
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try send("POST", target, headers: headers, body: [UInt8](data))
    }

    func postForm(_ target: String, _ fields: [(String, String)]) throws -> Response {
        let body = fields.map { "\($0)=\(Self.formEncode($1))" }.joined(separator: "&")
        return try send("POST", target, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                        body: Array(body.utf8))
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}

extension RawHTTPClient.Response {
    /// The body as a JSON object ([:] when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// Top-level keys in the order the server wrote them.
    var keyOrder: [String] { JSONKeys.topLevel(body) }

    /// The v1 error's reason (errors[0].reason), if any.
    var reason: String? {
        ((json["error"] as? [String: Any])?["errors"] as? [[String: Any]])?.first?["reason"] as? String
    }

    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
}

/// The top-level keys of a JSON object in written order (JSONSerialization loses the order).
enum JSONKeys {
    static func topLevel(_ bytes: [UInt8]) -> [String] {
        var keys: [String] = []
        var depth = 0
        var index = 0
        var inString = false
        var stringStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 {
                        var next = index + 1
                        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x0A { next += 1 }
                        if next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                            keys.append(String(decoding: bytes[stringStart..<index], as: UTF8.self))
                        }
                    }
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                stringStart = index + 1
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            }
            index += 1
        }
        return keys
    }
}
