/// Comma-separated phrase lists such as the Keywords header (RFC 5322 §3.6.5).
public enum PhraseList {
    /// The phrases of an unfolded header value, in order: quoted strings unquoted (their commas kept),
    /// white space runs made one space, RFC 2047 encoded-words decoded, empty items dropped.
    public static func parse(_ raw: some Collection<UInt8>) -> [String] {
        let bytes = Array(raw)
        let tokens = AddressLexer.tokens(bytes)
        var phrases: [String] = []
        var current: [UInt8] = []
        func finish() {
            let text = MailAddress.normalized(EncodedWord.decodeText(current))
            if !text.isEmpty { phrases.append(text) }
            current.removeAll(keepingCapacity: true)
        }
        for token in tokens {
            if token.kind == .special && bytes[token.start] == UInt8(ascii: ",") {
                finish()
                continue
            }
            if token.spaceBefore && !current.isEmpty { current.append(0x20) }
            switch token.kind {
            case .quoted:
                AddressLexer.unescaped(bytes, token.start, token.end, into: &current)
            case .comment:
                // Kept as written: in keywords, "(EMEA)" is more likely text than a comment.
                current.append(contentsOf: bytes[(token.start - 1)...token.end])
            case .word, .special:
                current.append(contentsOf: bytes[token.start..<token.end])
            }
        }
        finish()
        return phrases
    }
}
