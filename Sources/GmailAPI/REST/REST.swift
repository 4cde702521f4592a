import Foundation

/// Gmail's REST resources as namespaces, so each method reads like its ID:
/// `REST.Messages.List` is `users.messages.list`.
public enum REST {
    /// `users.getProfile`.
    public enum Profile {}
    /// `users.messages.*`.
    public enum Messages {
        /// `users.messages.attachments.*`.
        public enum Attachments {}
    }
    /// `users.history.*`.
    public enum History {}
    /// `users.labels.*`.
    public enum Labels {}

    /// The path every method lives under (`userId` is always `me`).
    static let usersMe = "gmail/v1/users/me"

    /// Percent-encodes one path segment (a message or attachment ID): only RFC 3986 unreserved
    /// characters stay as they are.
    static func segment(_ text: String) -> String {
        percentEncode(text)
    }

    /// Encodes query items strictly: unlike `URLComponents`, "+" becomes %2B (servers read a bare "+"
    /// as a space) and a space becomes %20.
    static func queryString(_ items: [URLQueryItem]) -> String {
        items.map { item in
            percentEncode(item.name) + "=" + percentEncode(item.value ?? "")
        }.joined(separator: "&")
    }

    /// `count` random bytes as lower-case hex (multipart boundaries).
    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return text
    }

    private static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
