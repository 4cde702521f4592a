import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

@Suite struct UUDecoderTests {
    /// "Cat" as `uuencode` writes it (checked against Python's binascii.b2a_uu).
    private let cat = "begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n"

    @Test func decodesTheFirstBlock() {
        #expect(UUDecoder.decode(Array(cat.utf8)) == Array("Cat".utf8))
        let two = cat + "begin 644 dog.txt\r\n#1&]G\r\n`\r\nend\r\n"
        #expect(UUDecoder.decode(Array(two.utf8)) == Array("Cat".utf8))
    }

    @Test func noBeginLineIsNil() {
        #expect(UUDecoder.decode(Array("just text\r\nend\r\n".utf8)) == nil)
        #expect(UUDecoder.decode(Array("begin here\r\n#0V%T\r\n".utf8)) == nil)
        #expect(UUDecoder.decode([UInt8]()) == nil)
    }

    @Test func toleratesWhatTransportDoes() {
        // LF line ends, no "`" line, no "end".
        #expect(UUDecoder.decode(Array("begin 600 cat.txt\n#0V%T\n".utf8)) == Array("Cat".utf8))
        // Trailing blanks stripped in transit: the missing characters count as zero.
        let zeros = [UInt8](repeating: 0, count: 3)
        #expect(UUDecoder.decode(Array("begin 644 z\r\n#\r\nend\r\n".utf8)) == zeros)
        #expect(UUDecoder.decode(Array("begin 644 z\r\n#    \r\nend\r\n".utf8)) == zeros)
        #expect(UUDecoder.decode(Array("begin 644 z\r\n#````\r\nend\r\n".utf8)) == zeros)
    }

    @Test func findsAttachmentsInsideText() {
        let text = "Hello,\r\n\r\nthe file:\r\n\r\n" + cat + "\r\nRegards\r\n"
        let found = UUDecoder.attachments(in: Array(text.utf8))
        #expect(found.count == 1)
        #expect(found.first?.filename == "cat.txt")
        #expect(found.first?.data == Array("Cat".utf8))
        let blocks = UUDecoder.blocks(in: Array(text.utf8))
        let bytes = Array(text.utf8)
        let outside = Array(bytes[..<(blocks.first?.range.lowerBound ?? 0)]) + Array(bytes[(blocks.first?.range.upperBound ?? 0)...])
        #expect(String(decoding: outside, as: UTF8.self) == "Hello,\r\n\r\nthe file:\r\n\r\n\r\nRegards\r\n")
    }

    @Test func attachmentsNeedAnEndLine() {
        #expect(UUDecoder.attachments(in: Array("begin 644 a\r\n#0V%T\r\nbut then prose\r\n".utf8)).isEmpty)
        #expect(UUDecoder.attachments(in: Array("begin 644 a\r\n#0V%T\r\n".utf8)).isEmpty)
        #expect(UUDecoder.attachments(in: Array("We begin at 9.\r\nbegin now\r\nend\r\n".utf8)).isEmpty)
    }

    @Test func base64Blocks() {
        let text = "begin-base64 644 cat.txt\r\nQ2F0\r\n====\r\n"
        #expect(UUDecoder.decode(Array(text.utf8)) == Array("Cat".utf8))
        #expect(UUDecoder.attachments(in: Array(text.utf8)).first?.data == Array("Cat".utf8))
    }

    /// uu-zeegee.msg carries two GIFs uuencoded in a plain text body; uu-junk-target.msg carries the
    /// same two GIFs in base64, and mime4j decoded those: the bytes must be identical.
    @Test func mime4jGIFsMatchTheirBase64Twins() throws {
        guard let message = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/uu-zeegee.msg"),
              let up = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/uu-junk-target_decoded_1_2_2.bin"),
              let zeegee = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/uu-junk-target_decoded_1_2_3.bin") else {
            return DecoderCorpus.skipNote("uu-zeegee")
        }
        let (_, body) = DecoderCorpus.split(message[...])
        let found = UUDecoder.attachments(in: body)
        #expect(found.map(\.filename) == ["up.gif", "zeegee.gif"])
        #expect(found.first?.data == up)
        #expect(found.last?.data == zeegee)
        #expect(UUDecoder.decode(body) == up)
        #expect(TransferEncoding.uuencode.decode(body) == up)
    }

    /// sig-uu.msg: LF line ends, a ".signature" block and a block with an empty file name.
    @Test func mime4jSignatureAndNamelessBlock() throws {
        guard let message = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/sig-uu.msg") else {
            return DecoderCorpus.skipNote("sig-uu")
        }
        let found = UUDecoder.attachments(in: message)
        #expect(found.map(\.filename) == [".signature", ""])
        #expect(found.map(\.data.count) == [276, 236])
        let digest = SHA256.hex(found.last?.data ?? [])
        #expect(digest.hasPrefix("025b56cc60fb9cd2"))
        #expect(found.last?.data.starts(with: Array("GIF89a".utf8)) == true)
    }

    @Test func survivesMutatedBlocks() throws {
        guard let message = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/uu-zeegee.msg") else {
            return DecoderCorpus.skipNote("uu-zeegee mutations")
        }
        var generator = SeededRandom(seed: 644)
        for _ in 0..<200 {
            var mutated = message
            for _ in 0..<10 {
                let position = Int(generator.next() % UInt64(mutated.count))
                mutated[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = UUDecoder.decode(mutated)
            _ = UUDecoder.attachments(in: mutated)
        }
        let many = Array(String(repeating: "begin 644 x\r\nM\r\n", count: 20_000).utf8)
        let start = Date()
        #expect(UUDecoder.attachments(in: many).isEmpty)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
