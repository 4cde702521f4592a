/// Quoted-printable (RFC 2045 §6.7).
public enum QuotedPrintable {
    /// Decodes quoted-printable bytes; soft line breaks are removed, invalid escapes kept as they are.
    ///
    /// Byte for byte what mime4j's `QuotedPrintableInputStream` gives, line breaks included: every
    /// line break (CRLF or a bare LF) comes out as CRLF, white space at the end of a line is
    /// dropped, "=" followed by optional white space and a line break is a soft break, and a bare CR
    /// is kept. Two deliberate differences on broken input: an invalid escape keeps only its "=" as
    /// literal and goes on with the next byte (mime4j also swallows the byte after it, so "a=b" at
    /// the end of a line became "a=b\r\r\n"), and a "=" at the very end is a soft break.
    public static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Encodes bytes as quoted-printable with CRLF line breaks and lines of at most 76 characters.
    ///
    /// For text: CRLF (or a bare LF) is a hard line break written as CRLF; "=", control bytes
    /// (but tab), a bare CR and bytes above 0x7E are escaped, and so is a space or tab that would
    /// end a line. Escapes are never split by a soft line break.
    public static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return encoded }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0) }
    }

    // MARK: - Decoding

    private static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, equals: UInt8 = 0x3D

    /// Java's `Character.isWhitespace` on a byte, as mime4j tests it.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
    }


    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = buffer.count
        // Only a bare LF grows (to CRLF); everything else comes out at most as long as it went in.
        var lineFeeds = 0
        for byte in buffer where byte == lf { lineFeeds += 1 }
        return [UInt8](unsafeUninitializedCapacity: count + lineFeeds) { output, initialized in
            var out = 0
            // White space seen since the last output byte (mime4j's "blanks"): written out when more
            // text follows on the line, dropped at the end of a line. A soft break makes it start
            // with "=". It is always a run of the input, `blankStart..<blankEnd`.
            var blankStart = 0
            var blankEnd = 0
            @inline(__always) func flushBlanks() {
                while blankStart < blankEnd {
                    output[out] = buffer[blankStart]
                    out += 1
                    blankStart += 1
                }
            }
            var lastWasCR = false
            var index = 0
            while index < count {
                let byte = buffer[index]
                index += 1
                if byte > 0x20 && byte != equals && !lastWasCR {
                    // The common case: an ordinary character.
                    flushBlanks()
                    output[out] = byte
                    out += 1
                    continue
                }
                if lastWasCR && byte != lf {
                    // A CR without LF is kept; white space before it is dropped.
                    blankEnd = blankStart
                    output[out] = cr
                    out += 1
                }
                if byte == cr {
                    lastWasCR = true
                    continue
                }
                lastWasCR = false
                if byte == lf {
                    if blankStart == blankEnd || buffer[blankStart] != equals {
                        output[out] = cr
                        output[out + 1] = lf
                        out += 2
                    }
                    blankEnd = blankStart
                } else if byte == equals {
                    guard index < count else {
                        // "=" at the very end: a soft break whose line break was cut off.
                        blankEnd = blankStart
                        break
                    }
                    let next = buffer[index]
                    if isBlank(next) {
                        // A soft line break, possibly with white space before the line break.
                        index += 1
                        if index < count, buffer[index] == lf { lastWasCR = next == cr }
                        flushBlanks()
                        if next != lf {
                            blankStart = index - 2
                            blankEnd = index
                        }
                    } else if index + 1 < count, let high = HexDigit.value(next), let low = HexDigit.value(buffer[index + 1]) {
                        index += 2
                        flushBlanks()
                        output[out] = high << 4 | low
                        out += 1
                    } else {
                        // Not an escape: the "=" stays, and the next byte is read on its own ("==" before
                        // a line break is thus a literal "=" and a soft break, as mime4j reads it).
                        flushBlanks()
                        output[out] = equals
                        out += 1
                    }
                } else if isBlank(byte) {
                    if blankStart == blankEnd { blankStart = index - 1 }
                    blankEnd = index
                } else {
                    flushBlanks()
                    output[out] = byte
                    out += 1
                }
            }
            // Trailing white space (and a trailing CR) at the very end is dropped, as mime4j does.
            initialized = out
        }
    }

    // MARK: - Encoding

    private static let maximumLine = 76
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func encode(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = buffer.count
        var output: [UInt8] = []
        output.reserveCapacity(count + count / 8 + 16)
        var column = 0
        var index = 0
        while index < count {
            let byte = buffer[index]
            // Hard line breaks: CRLF, or a bare LF.
            if byte == lf || (byte == cr && index + 1 < count && buffer[index + 1] == lf) {
                output.append(cr)
                output.append(lf)
                column = 0
                index += byte == cr ? 2 : 1
                continue
            }
            let next = index + 1
            let endsLine = next == count || buffer[next] == lf || (buffer[next] == cr && next + 1 < count && buffer[next + 1] == lf)
            let escaped: Bool
            switch byte {
            case 0x20, 0x09: escaped = endsLine
            case 0x21...0x7E: escaped = byte == equals
            default: escaped = true
            }
            let width = escaped ? 3 : 1
            // Room must stay for the "=" of a soft break unless this is the line's last character.
            let limit = endsLine ? maximumLine : maximumLine - 1
            if column + width > limit {
                output.append(equals)
                output.append(cr)
                output.append(lf)
                column = 0
            }
            if escaped {
                output.append(equals)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            } else {
                output.append(byte)
            }
            column += width
            index += 1
        }
        return output
    }
}
