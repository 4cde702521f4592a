import Foundation
import Testing
@testable import MailFormat

@Suite struct TransferEncodingTests {
    @Test(arguments: [
        (nil, TransferEncoding.sevenBit), ("", .sevenBit), ("  ", .sevenBit), ("7bit", .sevenBit),
        ("7BIT", .sevenBit), ("8bit", .eightBit), (" 8Bit ", .eightBit), ("binary", .binary),
        ("quoted-printable", .quotedPrintable), ("Quoted-Printable", .quotedPrintable),
        ("\tquoted-printable\r\n", .quotedPrintable), ("base64", .base64), (" BASE64 ", .base64),
        ("base64 (it is)", .base64), ("(it is) base64", .base64), ("\"base64\"", .base64),
        ("base64; junk", .base64), ("x-uuencode", .uuencode), ("uuencode", .uuencode), ("X-UUE", .uuencode),
        ("x-gzip64", .other("x-gzip64")), ("Weird-Thing", .other("weird-thing")), ("(only a comment)", .sevenBit),
    ] as [(String?, TransferEncoding)])
    func readsTheHeaderValue(value: String?, expected: TransferEncoding) {
        #expect(TransferEncoding(headerValue: value) == expected)
    }

    @Test func headerValueNamesTheEncoding() {
        for encoding in [TransferEncoding.sevenBit, .eightBit, .binary, .quotedPrintable, .base64, .uuencode] {
            #expect(TransferEncoding(headerValue: encoding.headerValue) == encoding)
        }
        #expect(TransferEncoding.other("x-gzip64").headerValue == "x-gzip64")
    }

    @Test func decodeDispatchesOnTheEncoding() {
        let text = Array("Caf=C3=A9 =\r\nau lait\r\n".utf8)[...]
        #expect(TransferEncoding.quotedPrintable.decode(text) == Array("Café au lait\r\n".utf8))
        #expect(TransferEncoding.base64.decode(Array("Q2Fmw6k=\r\n".utf8)[...]) == Array("Café".utf8))
        #expect(TransferEncoding.uuencode.decode(Array("begin 644 a.txt\r\n#0V%T\r\n`\r\nend\r\n".utf8)[...])
                == Array("Cat".utf8))
        for encoding in [TransferEncoding.sevenBit, .eightBit, .binary, .other("x-gzip64")] {
            #expect(encoding.decode(text) == Array(text))
        }
    }

    @Test func uuencodeWithoutABlockKeepsTheBytes() {
        let text = Array("no begin line here\r\n".utf8)[...]
        #expect(TransferEncoding.uuencode.decode(text) == Array(text))
    }

    @Test func decodesASliceInTheMiddleOfABuffer() {
        let buffer = Array("junk=41QUJD=42".utf8)
        #expect(TransferEncoding.base64.decode(buffer[7..<11]) == Array("ABC".utf8))
        #expect(TransferEncoding.quotedPrintable.decode(buffer[4..<7]) == Array("A".utf8))
    }

    /// Every base64 and quoted-printable leaf of mime4j's test messages, cut out by a small splitter
    /// and decoded by TransferEncoding alone, must equal mime4j's decoded file byte for byte.
    ///
    /// One deliberate exception: frag.msg's last JPEG is cut off after 27 base64 characters on its
    /// last line, without padding. mime4j drops the 3 sextets left over; we keep the 2 bytes they
    /// carry (padding is optional; see Base64.decode), so our body is mime4j's plus 2 bytes.
    @Test func mime4jLeavesDecodeByteForByte() throws {
        guard DecoderCorpus.root != nil else { return DecoderCorpus.skipNote("mime4j leaf comparison") }
        // Mail bodies drop an unfinished final group as mime4j does (Base64.decode(_:keepsUnpaddedTail:)).
        let exceptions: [String: Int] = [:]
        var compared: [String: Int] = [:]
        var differences: [String] = []
        for message in DecoderCorpus.mime4jMessages() {
            guard let bytes = DecoderCorpus.bytes(message) else { continue }
            let base = String(message.dropLast(4))
            for leaf in DecoderCorpus.leaves(of: bytes) {
                let encoding = leaf.transferEncoding
                guard encoding == .base64 || encoding == .quotedPrintable else { continue }
                let expected = DecoderCorpus.bytes("\(base)_decoded_\(leaf.path).txt")
                    ?? DecoderCorpus.bytes("\(base)_decoded_\(leaf.path).bin")
                guard let expected else { continue }
                compared[encoding.headerValue, default: 0] += 1
                let decoded = encoding.decode(leaf.body)
                if let extra = exceptions["\(base) \(leaf.path)"] {
                    #expect(decoded.count == expected.count + extra && decoded.starts(with: expected))
                } else if decoded != expected {
                    differences.append("\(base) \(leaf.path) \(encoding): \(decoded.count) vs \(expected.count) bytes")
                }
            }
        }
        let total = compared.values.reduce(0, +)
        print("mime4j transfer decoding: \(total - differences.count)/\(total) leaves equal \(compared)")
        for difference in differences { print("  differs: \(difference)") }
        #expect(differences.isEmpty)
        #expect(compared["base64", default: 0] >= 30)
        #expect(compared["quoted-printable", default: 0] >= 8)
        #expect(differences.isEmpty)
    }

    /// Every message of the corpus (mime4j, stalwart, cpython, enmime's deliberately low-quality
    /// mail): every leaf goes through every decoder and every header through the header parsers,
    /// without a trap and in reasonable time.
    @Test func everyCorpusMessageSurvivesEveryDecoder() {
        let messages = DecoderCorpus.allMessages()
        guard !messages.isEmpty else { return DecoderCorpus.skipNote("corpus survival") }
        #expect(messages.count >= 250)
        let start = Date()
        var leaves = 0
        for message in messages {
            guard let bytes = DecoderCorpus.bytes(message) else { continue }
            for leaf in DecoderCorpus.leaves(of: bytes) {
                leaves += 1
                _ = leaf.transferEncoding.decode(leaf.body)
                _ = Base64.decode(leaf.body)
                _ = QuotedPrintable.decode(leaf.body)
                _ = QuotedPrintable.encode(leaf.body)
                _ = UUDecoder.decode(leaf.body)
                _ = UUDecoder.attachments(in: leaf.body)
                for header in leaf.headers {
                    _ = ContentType(headerValue: header.value)
                    _ = ContentDisposition(headerValue: header.value)
                    _ = TransferEncoding(headerValue: String(decoding: header.value, as: UTF8.self))
                }
            }
        }
        print("corpus survival: \(messages.count) messages, \(leaves) leaves")
        #expect(leaves >= messages.count)
        #expect(Date().timeIntervalSince(start) < 60)
    }
}
