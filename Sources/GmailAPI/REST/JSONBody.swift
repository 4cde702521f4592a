import Foundation

/// Reads and writes the JSON bodies of Gmail calls.
enum JSONBody {
    /// Decodes a Gmail answer; any failure is `.badResponse` naming the method and the field path
    /// (never a value: values may be addresses or message text).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, method: GmailMethod) throws(GmailError) -> T {
        guard let first = data.first(where: { !isWhitespace($0) }) else {
            throw .badResponse("\(method.shortName): the answer was empty")
        }
        guard first == UInt8(ascii: "{") else {
            throw .badResponse("\(method.shortName): the answer is not a JSON object")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw .badResponse("\(method.shortName): the answer is not the expected JSON\(where: error)")
        } catch {
            throw .badResponse("\(method.shortName): the answer is not the expected JSON")
        }
    }

    /// Encodes a request body as compact JSON.
    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Encoding our own plain structs of strings cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

private extension String.StringInterpolation {
    /// " (at payload.parts[0].body)" for a decoding error, from its coding path.
    mutating func appendInterpolation(where error: DecodingError) {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        guard !path.isEmpty else { return }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        appendLiteral(" (at \(text))")
    }
}
