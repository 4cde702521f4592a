/// RFC 2047 encoded-words ("=?utf-8?B?…?=") in header text.
public enum EncodedWord {
    /// Decodes an unstructured header value (already unfolded): encoded-words in B and Q form are
    /// decoded (adjacent ones joined without the white space between them), invalid ones are left as
    /// they are, and raw 8-bit bytes are read as UTF-8, falling back to windows-1252.
    ///
    /// Still-folded values are fine too, and better: a line break with the white space around it
    /// reads as one space, and one inside an encoded-word (a broken folder's work) is dropped.
    /// Leading and trailing white space is kept; callers trim. Linear time; never fails.
    public static func decodeText(_ raw: some Collection<UInt8>) -> String {
        decodeText(raw, rawCharset: nil)
    }

    /// Decodes like `decodeText(_:)`, but reads raw 8-bit text outside encoded-words that is not
    /// valid UTF-8 in `rawCharset` (for instance the message's body charset) instead of windows-1252.
    public static func decodeText(_ raw: some Collection<UInt8>, rawCharset: String?) -> String {
        if let text = raw.withContiguousStorageIfAvailable({ TextDecoder.decode($0, rawCharset: rawCharset) }) {
            return text
        }
        return Array(raw).withUnsafeBufferPointer { TextDecoder.decode($0, rawCharset: rawCharset) }
    }

    /// Encodes `text` for an unstructured header (Subject) or a display name when it is not plain
    /// ASCII: UTF-8 encoded-words, each at most 67 characters; plain ASCII comes back unchanged.
    ///
    /// "Plain" means printable ASCII and space only, with nothing `decodeText` would take for an
    /// encoded-word. Otherwise the whole text becomes encoded-words (Q or B, whichever is shorter)
    /// separated by single spaces, split only between Unicode scalars; Q uses the RFC 2047 phrase
    /// alphabet, so the result is also a valid display name. `decodeText` gives back `text` exactly.
    public static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        if Encoder.isPlain(bytes) { return text }
        let q = Encoder.words(for: text, form: .q)
        let b = Encoder.words(for: text, form: .b)
        return q.utf8.count <= b.utf8.count ? q : b
    }
}
