import Foundation

/// The reference fixtures in ../shared/reference/examples (found from this file's real location).
enum Examples {
    static let folder: URL? = {
        if let override = ProcessInfo.processInfo.environment["RAPPORT_GMAIL_EXAMPLES"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let examples = url.appendingPathComponent("shared/reference/examples")
        return FileManager.default.fileExists(atPath: examples.path) ? examples : nil
    }()

    static func bytes(_ name: String) -> [UInt8]? {
        folder.flatMap { FileManager.default.contents(atPath: $0.appendingPathComponent(name).path) }.map { [UInt8]($0) }
    }

    static func json(_ name: String) -> Any? {
        bytes(name).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) }
    }

    /// The structure of a JSON value: object keys (sorted) with the shapes of their values, arrays
    /// as the shapes of their elements, and "string"/"number" for scalars. Two values of the
    /// same shape differ only in scalar values.
    static func shape(_ value: Any) -> String {
        switch value {
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0):\(shape(object[$0]!))" }.joined(separator: ",") + "}"
        case let array as [Any]:
            return "[" + array.map(shape).joined(separator: ",") + "]"
        case is String:
            return "string"
        case is NSNumber:
            return "number"
        default:
            return "?"
        }
    }

    /// Shape with the values at the given keys kept (partId, mimeType, filename…), anywhere in the tree.
    static func shape(_ value: Any, keeping kept: Set<String>) -> String {
        switch value {
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { key in
                if kept.contains(key), let text = object[key] as? String { return "\(key):=\(text)" }
                return "\(key):\(shape(object[key]!, keeping: kept))"
            }.joined(separator: ",") + "}"
        case let array as [Any]:
            return "[" + array.map { shape($0, keeping: kept) }.joined(separator: ",") + "]"
        default:
            return shape(value)
        }
    }
}
