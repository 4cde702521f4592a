/// One piece of HTML as the tokenizer sees it.
enum HTMLToken: Equatable {
    /// Character data with references decoded (raw for script and style content).
    case text(String)
    case startTag(HTMLTag)
    /// Lower-cased name.
    case endTag(String)
    /// `<!-- … -->`, `<!…>`, `<?…>`: content never shown, kept for tests.
    case comment(String)
    case doctype
    /// `<![CDATA[ … ]]>`: its content, as written.
    case cdata(String)
}

/// A start tag: lower-cased name, attributes in order (first of a name wins, values decoded).
struct HTMLTag: Equatable {
    var name: String
    var attributes: [(name: String, value: String)] = []
    var selfClosing = false

    /// The value of the attribute `name` (lower case), if present.
    subscript(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name {
            return attribute.value
        }
        return nil
    }

    static func == (lhs: HTMLTag, rhs: HTMLTag) -> Bool {
        lhs.name == rhs.name && lhs.selfClosing == rhs.selfClosing
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// Splits HTML into tokens the way HTML 5 tokenizes, in one forward pass with no backtracking,
/// so any input takes linear time. Tolerant like a browser: a `<` that starts nothing is text,
/// a tag cut off by the end of input is dropped, an unclosed comment runs to the end.
struct HTMLTokenizer: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0
    /// Set after a start tag whose content is raw text (script, style…): the end tag to look for.
    private var rawTextEnd: [UInt8]?
    private var rawTextDecodesReferences = false

    /// How the content of a start tag `name` is read: as markup (nil), or as raw text up to its
    /// end tag, with references decoded (title, textarea) or not (script, style…).
    static func rawTextDecodesReferences(_ name: String) -> Bool? {
        switch name {
        case "script", "style", "xmp", "iframe", "noembed", "noframes": return false
        case "title", "textarea": return true
        default: return nil
        }
    }

    init(_ html: String) {
        var bytes = Array(html.utf8)
        // HTML 5 input preprocessing: CR LF and lone CR become LF.
        if bytes.contains(UInt8(ascii: "\r")) {
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\r") {
                    normalized.append(UInt8(ascii: "\n"))
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                } else {
                    normalized.append(bytes[i])
                }
                i += 1
            }
            bytes = normalized
        }
        self.bytes = bytes
    }

    mutating func next() -> HTMLToken? {
        if let end = rawTextEnd {
            rawTextEnd = nil
            if let text = rawText(until: end), !text.isEmpty { return .text(text) }
        }
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<"), let token = markup() {
                return token
            }
            // markup() returns nil having consumed markup that yields no token (`</>`, a tag cut off
            // by the end), or having consumed nothing when the "<" is text.
            if position < bytes.count, let text = text() {
                return .text(text)
            }
        }
        return nil
    }

    // MARK: Text

    /// Character data up to the next markup; "<" that starts no markup is kept as text.
    private mutating func text() -> String? {
        var out: [UInt8] = []
        while position < bytes.count {
            let runStart = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "<"), bytes[position] != UInt8(ascii: "&"),
                  bytes[position] != 0 {
                position += 1
            }
            out.append(contentsOf: bytes[runStart..<position])
            guard position < bytes.count else { break }
            switch bytes[position] {
            case UInt8(ascii: "&"):
                if let (value, end) = HTMLEntities.reference(in: bytes, at: position, inAttribute: false) {
                    out.append(contentsOf: value.utf8)
                    position = end
                } else {
                    out.append(UInt8(ascii: "&"))
                    position += 1
                }
            case 0:
                position += 1
            default:
                if startsMarkup(at: position) { return out.isEmpty ? nil : String(decoding: out, as: UTF8.self) }
                out.append(UInt8(ascii: "<"))
                position += 1
            }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    private func startsMarkup(at index: Int) -> Bool {
        guard index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        if isASCIILetter(next) || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") { return true }
        // "</" followed by anything is markup (an end tag, `</>`, or a bogus comment).
        return next == UInt8(ascii: "/") && index + 2 < bytes.count
    }

    /// Script or style content: everything up to `</name` followed by a space, "/" or ">".
    private mutating func rawText(until name: [UInt8]) -> String? {
        let start = position
        var i = position
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"),
               matchesEndTag(name, at: i + 2) {
                break
            }
            i += 1
        }
        position = i
        guard i > start else { return nil }
        guard rawTextDecodesReferences else { return String(decoding: bytes[start..<i], as: UTF8.self) }
        return HTMLEntities.decode(bytes, in: start..<i, inAttribute: false)
    }

    private func matchesEndTag(_ name: [UInt8], at index: Int) -> Bool {
        guard index + name.count < bytes.count else { return false }
        for (offset, byte) in name.enumerated() where bytes[index + offset] | 0x20 != byte {
            return false
        }
        let after = bytes[index + name.count]
        return isSpace(after) || after == UInt8(ascii: "/") || after == UInt8(ascii: ">")
    }

    // MARK: Markup

    /// The token for the markup at `position` (a "<"), or nil when it yields none.
    private mutating func markup() -> HTMLToken? {
        guard startsMarkup(at: position) else { return nil }
        let next = bytes[position + 1]
        if next == UInt8(ascii: "!") {
            if hasPrefix("<!--") { return comment() }
            if hasPrefix("<![CDATA[") { return cdata() }
            let body = bogusComment(from: position + 2)
            return body.lowercased().hasPrefix("doctype") ? .doctype : .comment(body)
        }
        if next == UInt8(ascii: "?") {
            return .comment(bogusComment(from: position + 1))
        }
        if next == UInt8(ascii: "/") {
            let nameStart = position + 2
            if bytes[nameStart] == UInt8(ascii: ">") {
                position = nameStart + 1
                return nil
            }
            guard isASCIILetter(bytes[nameStart]) else { return .comment(bogusComment(from: nameStart)) }
            position = nameStart
            guard let tag = tag() else { return nil }
            return .endTag(tag.name)
        }
        position += 1
        guard let tag = tag() else { return nil }
        if tag.selfClosing {
            // `<script/>`: nothing to read (the renderer closes it at once).
        } else if let decodes = HTMLTokenizer.rawTextDecodesReferences(tag.name) {
            rawTextEnd = Array(tag.name.utf8)
            rawTextDecodesReferences = decodes
        } else if tag.name == "plaintext" {
            rawTextEnd = [0] // never matches: the rest of the input is text
            rawTextDecodesReferences = false
        }
        return .startTag(tag)
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[position + offset] != expected[offset] {
                return false
            }
            return true
        }
    }

    /// `<!-- … -->` (also closed by `--!>`; `<!-->` and `<!--->` are empty); unclosed runs to the end.
    private mutating func comment() -> HTMLToken {
        let start = position + 4
        var i = start
        if i < bytes.count, bytes[i] == UInt8(ascii: ">") {
            position = i + 1
            return .comment("")
        }
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: ">") {
            position = i + 2
            return .comment("")
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "-"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                if bytes[i + 2] == UInt8(ascii: ">") {
                    position = i + 3
                    return .comment(String(decoding: bytes[start..<i], as: UTF8.self))
                }
                if bytes[i + 2] == UInt8(ascii: "!"), i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: ">") {
                    position = i + 4
                    return .comment(String(decoding: bytes[start..<i], as: UTF8.self))
                }
            }
            i += 1
        }
        position = bytes.count
        return .comment(String(decoding: bytes[start..<bytes.count], as: UTF8.self))
    }

    /// `<![CDATA[ … ]]>`; unclosed runs to the end.
    private mutating func cdata() -> HTMLToken {
        let start = position + 9
        var i = start
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: "]"), bytes[i + 2] == UInt8(ascii: ">") {
                position = i + 3
                return .cdata(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            i += 1
        }
        position = bytes.count
        return .cdata(String(decoding: bytes[Swift.min(start, bytes.count)..<bytes.count], as: UTF8.self))
    }

    /// Everything from `start` to the next ">" (doctype, `<?xml …?>`, `<![if …]>`, `</ junk>`).
    private mutating func bogusComment(from start: Int) -> String {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
        position = Swift.min(i + 1, bytes.count)
        return String(decoding: bytes[Swift.min(start, bytes.count)..<i], as: UTF8.self)
    }

    /// A tag from its name (at `position`) to its ">"; nil (and everything consumed) when the
    /// input ends first, as in a browser.
    private mutating func tag() -> HTMLTag? {
        let nameStart = position
        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
              bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        var tag = HTMLTag(name: lowercased(bytes[nameStart..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if isSpace(byte) {
                position += 1
            } else if byte == UInt8(ascii: ">") {
                position += 1
                return tag
            } else if byte == UInt8(ascii: "/") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: ">") {
                    tag.selfClosing = true
                }
            } else {
                guard let attribute = attribute() else { break }
                if tag[attribute.name] == nil { tag.attributes.append(attribute) }
            }
        }
        position = bytes.count
        return nil
    }

    /// `name`, `name=value`, `name="value"` or `name='value'`; nil when the input ends inside a quote.
    private mutating func attribute() -> (name: String, value: String)? {
        let nameStart = position
        position += 1 // the first character may be "=" itself
        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
              bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "=") {
            position += 1
        }
        let name = lowercased(bytes[nameStart..<position])
        var i = position
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return (name, "") }
        i += 1
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        position = i
        guard i < bytes.count else { return (name, "") }
        let valueStart: Int
        let valueEnd: Int
        if bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
            let quote = bytes[i]
            valueStart = i + 1
            var j = valueStart
            while j < bytes.count, bytes[j] != quote { j += 1 }
            guard j < bytes.count else { return nil }
            valueEnd = j
            position = j + 1
        } else {
            valueStart = i
            var j = i
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
            valueEnd = j
            position = j
        }
        return (name, HTMLEntities.decode(bytes, in: valueStart..<valueEnd, inAttribute: true))
    }

    private func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(where: isASCIIUpper) else { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: slice.map { isASCIIUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func isASCIIUpper(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
