import Foundation
@testable import MailFormat

/// Test helper for the transfer decoders: reads messages of the shared MIME corpus
/// (../shared/corpus/mime, never copied into the project) and cuts out leaf bodies with a deliberately
/// small splitter, so each decoder can be compared with mime4j's `NAME_decoded_<path>` files on its
/// own, before and apart from the real MessageParser.
enum DecoderCorpus {
    static var root: URL? { MIMECorpus.root }

    static func skipNote(_ what: String) {
        print("MIME corpus not found at ../shared/corpus/mime (set RAPPORT_MIME_CORPUS): \(what) skipped")
    }

    /// A corpus file's bytes, e.g. `bytes("mime4j/testmsgs/qp-body.msg")`.
    static func bytes(_ relativePath: String) -> [UInt8]? {
        guard let root else { return nil }
        return try? [UInt8](Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    /// Every `.msg` of the mime4j folders, as paths relative to the corpus root.
    static func mime4jMessages() -> [String] {
        guard let root else { return [] }
        var result: [String] = []
        for folder in ["mime4j/testmsgs", "mime4j/mimetools-testmsgs"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            result += names.filter { $0.hasSuffix(".msg") }.sorted().map { folder + "/" + $0 }
        }
        return result
    }

    /// Every message of the corpus (`.msg`, `.eml`, `.raw`, cpython's `msg_*.txt`), relative paths.
    static func allMessages() -> [String] {
        guard let root, let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [String] = []
        for case let path as String in enumerator {
            let name = (path as NSString).lastPathComponent
            if name.hasSuffix(".msg") || name.hasSuffix(".eml") || name.hasSuffix(".raw")
                || (name.hasPrefix("msg_") && name.hasSuffix(".txt")) {
                result.append(path)
            }
        }
        return result.sorted()
    }

    /// One leaf of a message: mime4j's path ("1_2_1"), its header fields and its raw body.
    struct Leaf {
        var path: String
        var headers: [(name: String, value: [UInt8])]
        var body: ArraySlice<UInt8>

        func header(_ name: String) -> [UInt8]? {
            headers.first { $0.name.lowercased() == name }?.value
        }

        var transferEncoding: TransferEncoding {
            TransferEncoding(headerValue: header("content-transfer-encoding").map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// The leaves of a message, named as mime4j names its decoded files: the message is "1", parts
    /// of a multipart add "_n", a message/rfc822 inside adds "_1".
    static func leaves(of message: [UInt8]) -> [Leaf] {
        var leaves: [Leaf] = []
        visit(message[...], path: "1", defaultType: .defaultText, outer: [], depth: 0, into: &leaves)
        return leaves
    }

    private static func visit(_ entity: ArraySlice<UInt8>, path: String, defaultType: ContentType,
                              outer: [[UInt8]], depth: Int, into leaves: inout [Leaf]) {
        let (headers, body) = split(entity)
        let type = headers.first { $0.name.lowercased() == "content-type" }.flatMap { ContentType(headerValue: $0.value) }
            ?? defaultType
        let leaf = Leaf(path: path, headers: headers, body: body)
        if depth < 20, type.type == "multipart", let boundary = type.boundary, !boundary.isEmpty,
           let parts = parts(body, boundary: Array(boundary.utf8), outer: outer) {
            let childType = type.subtype == "digest" ? ContentType(type: "message", subtype: "rfc822") : .defaultText
            for (index, part) in parts.enumerated() {
                visit(part, path: "\(path)_\(index + 1)", defaultType: childType, outer: outer + [Array(boundary.utf8)],
                      depth: depth + 1, into: &leaves)
            }
        } else if depth < 20, type.type == "message", type.subtype == "rfc822" {
            let inner = leaf.transferEncoding.decode(body)
            visit(inner[...], path: path + "_1", defaultType: .defaultText, outer: outer, depth: depth + 1, into: &leaves)
        } else {
            leaves.append(leaf)
        }
    }

    /// Header fields (unfolded) and the body after the first empty line.
    static func split(_ entity: ArraySlice<UInt8>) -> ([(name: String, value: [UInt8])], ArraySlice<UInt8>) {
        var headers: [(name: String, value: [UInt8])] = []
        var index = entity.startIndex
        while index < entity.endIndex {
            var lineEnd = index
            while lineEnd < entity.endIndex, entity[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, entity.endIndex)
            var contentEnd = lineEnd
            if contentEnd > index, entity[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == index { return (headers, entity[next...]) }
            let line = entity[index..<contentEnd]
            if let first = line.first, first == 0x20 || first == 0x09 {
                if !headers.isEmpty { headers[headers.count - 1].value += line }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                headers.append((String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces),
                                Array(line[(colon + 1)...])))
            } else {
                return (headers, entity[index...])
            }
            index = next
        }
        return (headers, entity[entity.endIndex...])
    }

    /// The parts between "--boundary" lines; each ends before the line break preceding the next
    /// delimiter; an enclosing multipart's delimiter (`outer`) ends them all; nil when there is no
    /// delimiter at all.
    static func parts(_ body: ArraySlice<UInt8>, boundary: [UInt8], outer: [[UInt8]] = []) -> [ArraySlice<UInt8>]? {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            var lineEnd = index
            while lineEnd < body.endIndex, body[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, body.endIndex)
            let line = body[index..<lineEnd]
            for candidate in [boundary] + outer where line.starts(with: [0x2D, 0x2D] + candidate) {
                var rest = line.dropFirst(2 + candidate.count)
                var close = rest.starts(with: [0x2D, 0x2D])
                if close { rest = rest.dropFirst(2) }
                if candidate != boundary { close = true }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart {
                        var end = index
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[start..<max(start, end)])
                    }
                    if close { return parts }
                    partStart = next
                    break
                }
            }
            index = next
        }
        guard let start = partStart else { return nil }
        parts.append(body[start...])
        return parts
    }
}
