/// One header field as written: its name and its raw value (still folded, not decoded).
public struct HeaderField: Sendable {
    /// The name as written, e.g. "Content-Type".
    public let name: String
    /// The name lower-cased, for lookups.
    public let key: String
    /// The raw value after the colon, line breaks included.
    public let rawValue: ArraySlice<UInt8>

    public init(name: String, rawValue: ArraySlice<UInt8>) {
        self.name = name
        self.key = name.lowercased()
        self.rawValue = rawValue
    }

    /// The value unfolded (CR and LF removed) with surrounding white space trimmed.
    public var value: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(rawValue.count)
        for byte in rawValue where byte != 0x0D && byte != 0x0A { result.append(byte) }
        var start = 0
        var end = result.count
        while start < end, result[start] == 0x20 || result[start] == 0x09 { start += 1 }
        while end > start, result[end - 1] == 0x20 || result[end - 1] == 0x09 { end -= 1 }
        return start == 0 && end == result.count ? result : Array(result[start..<end])
    }

    /// The raw value without the white space and line breaks around it (folds inside are kept).
    public var trimmedRawValue: ArraySlice<UInt8> {
        var start = rawValue.startIndex
        var end = rawValue.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while start < end, isSpace(rawValue[start]) { start += 1 }
        while end > start, isSpace(rawValue[end - 1]) { end -= 1 }
        return rawValue[start..<end]
    }

    /// The value as text: unfolded and RFC 2047 decoded (the decoder unfolds, so it gets the folds).
    public var text: String { EncodedWord.decodeText(trimmedRawValue) }
}

extension Array where Element == HeaderField {
    /// The first field named `name` (case-insensitive).
    public func first(_ name: String) -> HeaderField? {
        let key = name.lowercased()
        return first { $0.key == key }
    }

    /// Every field named `name` (case-insensitive), in order.
    public func all(_ name: String) -> [HeaderField] {
        let key = name.lowercased()
        return filter { $0.key == key }
    }
}
