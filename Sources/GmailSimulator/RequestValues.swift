import Foundation
import LoopbackHTTP

/// Reading parameters and bodies the way Google's front end does, with its error texts.
enum RequestValues {
    /// A uint32 page size: default when absent or 0, capped at `maximum`; an error when not a number.
    static func pageSize(_ request: ServerRequest, default fallback: Int, maximum: Int) -> Result<Int, APIError> {
        guard let text = request.queryValue("maxResults") else { return .success(fallback) }
        guard let value = UInt32(text) else {
            return .failure(.invalidArgument("Invalid value at 'max_results' (TYPE_UINT32), \"\(text)\""))
        }
        return .success(value == 0 ? fallback : min(Int(value), maximum))
    }

    /// A JSON object body.
    static func object(_ body: [UInt8]) -> Result<[String: Any], APIError> {
        guard !body.isEmpty else { return .success([:]) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return .failure(.parseError("Unexpected token."))
        }
        guard let object = value as? [String: Any] else {
            return .failure(.parseError("Root element must be a message."))
        }
        return .success(object)
    }

    /// A list of strings under `key` (missing = empty); nil when it is not one.
    static func strings(_ object: [String: Any], _ key: String) -> [String]? {
        guard let value = object[key] else { return [] }
        return value as? [String]
    }

    /// Gmail ids are hex digits.
    static func isWellFormedID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 24 && id.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}

/// Opaque page tokens: the position to continue after, base64url-encoded.
enum PageToken {
    static func make(_ parts: [String]) -> String {
        Base64URL.encode(Array(("rp1|" + parts.joined(separator: "|")).utf8)).replacingOccurrences(of: "=", with: "")
    }

    static func read(_ token: String) -> [String]? {
        guard Base64URL.isWellFormed(token) else { return nil }
        let text = String(decoding: Base64URL.decode(token), as: UTF8.self)
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "rp1" else { return nil }
        return Array(parts.dropFirst())
    }
}
