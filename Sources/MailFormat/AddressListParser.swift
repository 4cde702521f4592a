/// Turns the tokens of an address-list header into mailboxes, tolerating what real mail does:
/// groups (flattened), comments, missing or unclosed angle brackets, missing commas, route
/// addresses, addresses without a domain and stray separators. Linear in the header's length.
struct AddressListParser {
    /// One address-list entry being read: the tokens before its `<`, inside it, and after its `>`.
    private struct Entry {
        var before: [Int] = []
        var inside: [Int] = []
        var after: [Int] = []
        var comments: [Int] = []
        var hasAngle = false
        var sawAt = false

        var isEmpty: Bool { before.isEmpty && inside.isEmpty && after.isEmpty && comments.isEmpty && !hasAngle }
    }

    private let bytes: [UInt8]
    private let tokens: [AddressToken]
    private var result: [MailAddress] = []

    static func parse(_ bytes: [UInt8]) -> [MailAddress] {
        var parser = AddressListParser(bytes: bytes)
        parser.run()
        return parser.result
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.tokens = AddressLexer.tokens(bytes)
    }

    private func isSpecial(_ index: Int, _ character: Unicode.Scalar) -> Bool {
        let token = tokens[index]
        return token.kind == .special && bytes[token.start] == UInt8(ascii: character)
    }

    private mutating func run() {
        var entry = Entry()
        var inAngle = false
        var inRoute = false
        for index in tokens.indices {
            let token = tokens[index]
            if token.kind == .comment {
                entry.comments.append(index)
                continue
            }
            if inAngle {
                if isSpecial(index, ">") {
                    inAngle = false
                    continue
                }
                let closesImplicitly = isSpecial(index, "<") || isSpecial(index, ";")
                    || (isSpecial(index, ",") && !inRoute)
                if !closesImplicitly {
                    if entry.inside.isEmpty && isSpecial(index, "@") { inRoute = true }
                    if inRoute && isSpecial(index, ":") { inRoute = false }
                    entry.inside.append(index)
                    continue
                }
                inAngle = false
            }
            if token.kind != .special {
                entry.hasAngle ? entry.after.append(index) : entry.before.append(index)
                continue
            }
            switch bytes[token.start] {
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                emit(entry)
                entry = Entry()
            case UInt8(ascii: ":") where !entry.hasAngle && !entry.sawAt:
                // A group's name: drop it (and its comments); its members follow as ordinary entries.
                entry = Entry()
            case UInt8(ascii: "<"):
                if entry.hasAngle {
                    // A second address without a comma between: what followed the first `>` names the next.
                    let next = Entry(before: entry.after)
                    entry.after = []
                    emit(entry)
                    entry = next
                }
                entry.hasAngle = true
                inAngle = true
                inRoute = false
            case UInt8(ascii: ">"):
                continue
            default:
                if bytes[token.start] == UInt8(ascii: "@") && !entry.hasAngle { entry.sawAt = true }
                entry.hasAngle ? entry.after.append(index) : entry.before.append(index)
            }
        }
        emit(entry)
    }

    // MARK: - Emitting mailboxes

    private mutating func emit(_ entry: Entry) {
        if entry.isEmpty { return }
        if entry.hasAngle {
            var inside = entry.inside[...]
            // Obsolete routes "@a,@b:" are ignored (RFC 5322 §4.4), however many there are.
            while let first = inside.first, isSpecial(first, "@"),
                  let colon = inside.firstIndex(where: { isSpecial($0, ":") }) {
                inside = inside[(colon + 1)...]
            }
            let address = addressText(inside)
            let name = displayName(phrase: entry.before, entry.after, comments: entry.comments[...])
            append(name: name, address: address)
        } else {
            emitBare(entry)
        }
    }

    /// An entry without angle brackets: `addr-spec`s (several when commas are missing), each named by
    /// the words before it, or a lone word as an address without a domain, or only a name.
    private mutating func emitBare(_ entry: Entry) {
        let words = entry.before
        var spans: [(start: Int, end: Int)] = []  // positions in `words`
        var position = 0
        while position < words.count {
            guard isSpecial(words[position], "@") else {
                position += 1
                continue
            }
            var start = position
            if start > 0, isWordLike(words[start - 1]) && (spans.last?.end ?? 0) <= start - 1 {
                start -= 1
                // Local part: dot-atoms written without spaces.
                while start >= 2, isSpecial(words[start - 1], "."), isWordLike(words[start - 2]),
                      (spans.last?.end ?? 0) <= start - 2,
                      !tokens[words[start]].spaceBefore, !tokens[words[start - 1]].spaceBefore {
                    start -= 2
                }
            }
            var end = position + 1
            if end < words.count, isWordLike(words[end]) {
                end += 1
                // Domain: dot-atoms, obsolete white space around the dots allowed.
                while end + 1 < words.count, isSpecial(words[end], "."), isWordLike(words[end + 1]) {
                    end += 2
                }
            }
            spans.append((start, end))
            position = end
        }
        if spans.isEmpty {
            let comments = entry.comments[...]
            let oneRun = words.dropFirst().allSatisfy { !tokens[$0].spaceBefore }
            if let first = words.first, tokens[first].kind == .word, oneRun, !entry.comments.isEmpty {
                // "NO (posting not allowed)", "root (Cron Daemon)": an address without a domain, named
                // by its comment. A lone word without one ("Whomever") is taken as a name, as stalwart does.
                append(name: displayName(phrase: [], [], comments: comments), address: addressText(words[...]))
            } else {
                append(name: displayName(phrase: words, [], comments: comments), address: nil)
            }
            return
        }
        var commentIndex = entry.comments.startIndex
        var previousEnd = 0
        for (number, span) in spans.enumerated() {
            let isLast = number == spans.count - 1
            // Comments before the end of the next span belong to this one (the old "addr (Name)" form).
            let limit = isLast ? Int.max : words[spans[number + 1].start]
            var commentEnd = commentIndex
            while commentEnd < entry.comments.endIndex, entry.comments[commentEnd] < limit { commentEnd += 1 }
            let phrase = Array(words[previousEnd..<span.start])
            let trailing = isLast ? Array(words[span.end...]) : []
            let name = displayName(phrase: phrase, trailing, comments: entry.comments[commentIndex..<commentEnd])
            append(name: name, address: addressText(words[span.start..<span.end]))
            commentIndex = commentEnd
            previousEnd = span.end
        }
    }

    private mutating func append(name: String?, address: String?) {
        if name == nil && address == nil { return }
        result.append(MailAddress(name: name, address: address))
    }

    private func isWordLike(_ index: Int) -> Bool {
        tokens[index].kind == .word || tokens[index].kind == .quoted
    }

    // MARK: - Text

    /// An address as written, without comments or white space; nil when empty.
    private func addressText(_ indices: ArraySlice<Int>) -> String? {
        let text = text(of: indices)
        return text.isEmpty ? nil : text
    }

    /// The tokens' raw bytes joined without white space (quoted strings keep their quotes).
    private func text(of indices: ArraySlice<Int>) -> String {
        var output: [UInt8] = []
        for index in indices {
            let token = tokens[index]
            switch token.kind {
            case .quoted:
                // Kept with quotes and escapes, as written; control bytes inside become spaces.
                for byte in bytes[(token.start - 1)...token.end] where byte != 0x0D && byte != 0x0A {
                    output.append(AddressLexer.isSpace(byte) ? 0x20 : byte)
                }
            case .comment: continue
            case .word, .special: output.append(contentsOf: bytes[token.start..<token.end])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The display name: the phrase (RFC 2047 decoded), with any comments after it in parentheses,
    /// or the comments alone when there is no phrase; nil when both are empty.
    private func displayName(phrase: [Int], _ trailing: [Int], comments: ArraySlice<Int>) -> String? {
        var raw: [UInt8] = []
        appendPhrase(phrase, to: &raw)
        if !trailing.isEmpty {
            if !raw.isEmpty { raw.append(0x20) }
            appendPhrase(trailing, to: &raw)
        }
        let phraseText = raw.isEmpty ? "" : MailAddress.normalized(EncodedWord.decodeText(raw))
        var commentText = ""
        for index in comments {
            var content: [UInt8] = []
            AddressLexer.unescaped(bytes, tokens[index].start, tokens[index].end, into: &content)
            let decoded = MailAddress.normalized(EncodedWord.decodeText(content))
            if decoded.isEmpty { continue }
            if !commentText.isEmpty { commentText += " " }
            commentText += decoded
        }
        switch (phraseText.isEmpty, commentText.isEmpty) {
        case (true, true): return nil
        case (false, true): return phraseText
        case (true, false): return commentText
        case (false, false): return phraseText + " (" + commentText + ")"
        }
    }

    /// Appends the phrase's words, quoted strings unquoted, one space where white space separated them.
    private func appendPhrase(_ indices: [Int], to raw: inout [UInt8]) {
        for index in indices {
            let token = tokens[index]
            if token.spaceBefore && !raw.isEmpty { raw.append(0x20) }
            switch token.kind {
            case .quoted: AddressLexer.unescaped(bytes, token.start, token.end, into: &raw)
            case .comment: continue
            case .word, .special: raw.append(contentsOf: bytes[token.start..<token.end])
            }
        }
    }
}
