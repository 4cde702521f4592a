import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

@Suite struct Base64Tests {
    private func decode(_ text: String) -> String {
        String(decoding: Base64.decode(Array(text.utf8)), as: UTF8.self)
    }

    /// RFC 4648 §10.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                      ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == Array(encoded.utf8))
        #expect(decode(encoded) == plain)
    }

    @Test func skipsWhiteSpaceAndJunk() {
        #expect(decode("Zm9v\r\nYmFy\r\n") == "foobar")
        #expect(decode("  Zm9v\tYm Fy  ") == "foobar")
        #expect(decode("Zm9v!!YmFy*") == "foobar")
        #expect(decode("Zm9v\u{00}YmFy") == "foobar")
    }

    /// RFC 4648 §5, with and without padding; 0xFB 0xFF uses both characters that differ.
    @Test(arguments: [([UInt8](), "", ""), ([0xFB, 0xFF], "-_8=", "-_8"), ([0xFB], "-w==", "-w"),
                      ([0xFB, 0xFF, 0xBF], "-_-_", "-_-_"), (Array("foobar".utf8), "Zm9vYmFy", "Zm9vYmFy")])
    func urlSafeEncoding(bytes: [UInt8], padded: String, unpadded: String) {
        #expect(Base64.encodeURLSafe(bytes) == padded)
        #expect(Base64.encodeURLSafe(bytes, padded: false) == unpadded)
        #expect(Base64.decode(Array(padded.utf8)) == bytes)
        #expect(Base64.decode(Array(unpadded.utf8)) == bytes)
    }

    @Test func urlSafeEncodingIsOneLongLine() {
        let encoded = Base64.encodeURLSafe([UInt8](repeating: 0xFF, count: 300))
        #expect(encoded.count == 400 && !encoded.contains("\r") && !encoded.contains("/"))
        #expect(encoded == String(repeating: "_", count: 400))
    }

    @Test func acceptsTheURLSafeAlphabet() {
        #expect(Base64.decode(Array("-_8".utf8)) == [0xFB, 0xFF])
        #expect(Base64.decode(Array("-_8=".utf8)) == [0xFB, 0xFF])
        #expect(Base64.decode(Array("+/8=".utf8)) == [0xFB, 0xFF])
    }

    /// In standard base64 (a "+" or "/" somewhere), "-" and "_" are junk such as a boundary glued to
    /// the last line, as in mime4j's multi-frag.msg.
    @Test func dashesAreJunkInStandardBase64() {
        #expect(Base64.decode(Array("+/8A--".utf8)) == [0xFB, 0xFF, 0x00])
        #expect(Base64.decode(Array("+/8A__".utf8)) == [0xFB, 0xFF, 0x00])
    }

    @Test func paddingIsOptional() {
        #expect(decode("Zg") == "f")
        #expect(decode("Zm8") == "fo")
        #expect(decode("Zm9vYg") == "foob")
        #expect(decode("Zm9vYg\r\n") == "foob")
    }

    @Test func aLoneSextetIsDropped() {
        #expect(decode("Zm9vY") == "foo")
        #expect(decode("Zm9vY=") == "foo")
    }

    /// After junk the data is broken: an unfinished final group is dropped as mime4j does.
    @Test func unfinishedGroupAfterJunkIsDropped() {
        #expect(decode("Zm9vYm!") == "foo")
        #expect(decode("Zm9v\r\n** \r\nYm") == "foo")
    }

    @Test func theFirstPaddingEndsTheData() {
        #expect(decode("Zg==Zm9v") == "f")
        #expect(decode("Zm8=\r\nZm9v") == "fo")
        #expect(decode("Zm9v=Zm9v") == "foo")
        #expect(decode("Zm9vYmFy\r\n=\r\n--boundary--\r\ntrailing text") == "foobar")
        #expect(decode("Zg=") == "f")
    }

    @Test func emptyAndAllJunk() {
        #expect(Base64.decode([UInt8]()) == [])
        #expect(Base64.decode(Array("!!! ***\r\n".utf8)) == [])
        #expect(Base64.decode(Array("====".utf8)) == [])
    }

    @Test func decodesANonContiguousCollection() {
        #expect(Base64.decode(Array("Zm9vYmFy".utf8).lazy.map { $0 }) == Array("foobar".utf8))
        #expect(Base64.encode(Array("foobar".utf8).lazy.map { $0 }) == Array("Zm9vYmFy".utf8))
    }

    @Test func encodesInLinesOf76WithCRLF() {
        let data = [UInt8](repeating: 0xAB, count: 57 * 2 + 1)
        let encoded = Base64.encode(data)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.map(\.count) == [76, 76, 4])
        #expect(!encoded.contains(0x0A) || encoded.last != 0x0A)
        #expect(Base64.encode(data, lineLength: nil).count == 156)
        #expect(!Base64.encode(data, lineLength: nil).contains(0x0D))
        #expect(String(decoding: Base64.encode(Array("foobar".utf8), lineLength: 4), as: UTF8.self) == "Zm9v\r\nYmFy")
    }

    @Test func encodeThenDecodeRoundTrips() {
        var generator = SeededRandom(seed: 4648)
        for length in 0..<300 {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(Base64.decode(Base64.encode(data)) == data)
            #expect(Base64.decode(Base64.encode(data, lineLength: nil)) == data)
            #expect(Base64.decode(Base64.encode(data, lineLength: 7)) == data)
        }
    }

    @Test func matchesFoundation() {
        var generator = SeededRandom(seed: 64)
        let data = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let foundation = Data(data).base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn,
                                                                 .endLineWithLineFeed])
        #expect(Base64.encode(data) == [UInt8](foundation))
    }

    // MARK: - Real mail, against mime4j

    /// bluedot-simple.msg is one base64 JPEG; its body, cut after the blank line, must decode to
    /// mime4j's file byte for byte.
    @Test func mime4jSinglePartImage() throws {
        try expectMime4jSinglePart("mime4j/mimetools-testmsgs/bluedot-simple", file: "_decoded_1.bin")
    }

    /// infinite.msg: "BASE64" in capitals, LF line ends.
    @Test func mime4jUpperCaseHeaderAndLineFeeds() throws {
        try expectMime4jSinglePart("mime4j/mimetools-testmsgs/infinite", file: "_decoded_1.txt")
    }

    /// multi-frag.msg's second GIF has "XXXXXX--unique-boundary-2--" glued to its last line and no
    /// close delimiter: the junk letters decode as mime4j decodes them, dashes are skipped, and the
    /// three sextets left at the end are dropped.
    @Test func mime4jJunkAfterTheData() throws {
        guard let message = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/multi-frag.msg"),
              let expected = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/multi-frag_decoded_1_3_2.bin") else {
            return DecoderCorpus.skipNote("multi-frag")
        }
        let leaf = try #require(DecoderCorpus.leaves(of: message).first { $0.path == "1_3_2" })
        #expect(leaf.body.count > 0)
        #expect(Base64.decode(leaf.body) == expected)
    }

    private func expectMime4jSinglePart(_ base: String, file: String) throws {
        guard let message = DecoderCorpus.bytes(base + ".msg"), let expected = DecoderCorpus.bytes(base + file) else {
            return DecoderCorpus.skipNote(base)
        }
        let (_, body) = DecoderCorpus.split(message[...])
        #expect(Base64.decode(body) == expected)
    }

    // MARK: - Robustness

    @Test func survivesEveryByteAndMutatedInput() {
        let everyByte = (0...255).map { UInt8($0) }
        _ = Base64.decode(everyByte)
        var generator = SeededRandom(seed: 99)
        for _ in 0..<500 {
            let length = Int(generator.next() % 200)
            let junk = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let decoded = Base64.decode(junk)
            #expect(decoded.count <= length * 3 / 4 + 2)
        }
        let start = Date()
        _ = Base64.decode([UInt8](repeating: 0x41, count: 4_000_000))
        _ = Base64.decode([UInt8](repeating: 0x21, count: 4_000_000))
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
