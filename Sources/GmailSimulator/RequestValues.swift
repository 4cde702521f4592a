import Foundation
import LoopbackHTTP
import MailFormat

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

    /// Whether `text` holds only base64 characters of one alphabet (standard or URL-safe), padding
    /// and white space: what Google's front end decodes rather than refusing.
    static func isWellFormedBase64(_ text: String) -> Bool {
        var sawStandard = false
        var sawURLSafe = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "="), 0x20, 0x09, 0x0D, 0x0A:
                continue
            case UInt8(ascii: "+"), UInt8(ascii: "/"): sawStandard = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"): sawURLSafe = true
            default: return false
            }
        }
        return !(sawStandard && sawURLSafe)
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
        Base64.encodeURLSafe(Array(("rp1|" + parts.joined(separator: "|")).utf8), padded: false)
    }

    static func read(_ token: String) -> [String]? {
        guard RequestValues.isWellFormedBase64(token) else { return nil }
        let text = String(decoding: Base64.decode(Array(token.utf8)), as: UTF8.self)
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "rp1" else { return nil }
        return Array(parts.dropFirst())
    }
}
