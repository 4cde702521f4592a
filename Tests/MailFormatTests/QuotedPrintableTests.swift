import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

@Suite struct QuotedPrintableTests {
    private func decode(_ text: String) -> String {
        String(decoding: QuotedPrintable.decode(Array(text.utf8)), as: UTF8.self)
    }

    private func encode(_ bytes: [UInt8]) -> String {
        String(decoding: QuotedPrintable.encode(bytes), as: UTF8.self)
    }

    // MARK: - Decoding

    @Test func softLineBreaksJoinLines() {
        #expect(decode("long line=\r\ncontinued") == "long linecontinued")
        #expect(decode("long line=\ncontinued") == "long linecontinued")
        #expect(decode("white space after=  \t\r\nthe soft break") == "white space afterthe soft break")
        #expect(decode("white space after= \ncontinued") == "white space aftercontinued")
        #expect(decode("kept before =\r\nthe break") == "kept before the break")
    }

    @Test func escapesInEitherCase() {
        #expect(QuotedPrintable.decode(Array("=C3=A9=c3=a9=3D=3d".utf8)) == [0xC3, 0xA9, 0xC3, 0xA9, 0x3D, 0x3D])
        #expect(decode("caf=C3=A9 =E2=82=AC5") == "café €5")
    }

    @Test func invalidEscapesStayAsTheyAre() {
        #expect(decode("=ZZtop") == "=ZZtop")
        #expect(decode("100% =4x") == "100% =4x")
        #expect(decode("a = b") == "a = b")
        #expect(decode("end=4") == "end=4")
        // Unescaped "=" in mislabelled text: the byte after it is read normally (mime4j swallows
        // it, turning "a=b" + CRLF into "a=b" + CR CR LF).
        #expect(decode("x=y\r\nnext") == "x=y\r\nnext")
        #expect(decode("==41") == "=A")
    }

    @Test func doubledEqualsBeforeALineBreakIsALiteralAndASoftBreak() {
        #expect(decode("a==\r\nb") == "a=b")
        #expect(decode("a==\nb") == "a=b")
    }

    @Test func lineBreaksComeOutAsCRLF() {
        #expect(decode("one\ntwo\r\nthree\n") == "one\r\ntwo\r\nthree\r\n")
        #expect(decode("\n\n") == "\r\n\r\n")
    }

    @Test func trailingWhiteSpaceOnALineIsDropped() {
        #expect(decode("trailing  \r\nspace\t\nkept=20\r\nend") == "trailing\r\nspace\r\nkept \r\nend")
        #expect(decode("inner  spaces\tstay") == "inner  spaces\tstay")
        #expect(decode("at the end   ") == "at the end")
    }

    @Test func bareCRIsKept() {
        #expect(decode("a\rb") == "a\rb")
        #expect(decode("a \rb") == "a\rb")
    }

    @Test func equalsAtTheVeryEndIsASoftBreak() {
        // A part body ends before the line break that precedes its boundary: "text=" then means
        // "no line break here".
        #expect(decode("no newline at end=") == "no newline at end")
        #expect(decode("no newline at end= ") == "no newline at end")
    }

    @Test func emptyInput() {
        #expect(QuotedPrintable.decode([UInt8]()) == [])
        #expect(QuotedPrintable.encode([UInt8]()) == [])
    }

    @Test func decodesANonContiguousCollection() {
        let bytes = Array("a=3Db=\r\nc".utf8)
        #expect(QuotedPrintable.decode(bytes.lazy.map { $0 }) == Array("a=bc".utf8))
    }

    // MARK: - Encoding

    @Test func encodesTextForTheWriter() {
        #expect(encode(Array("Café = 5€\r\n".utf8)) == "Caf=C3=A9 =3D 5=E2=82=AC\r\n")
        #expect(encode(Array("tab\there".utf8)) == "tab\there")
        #expect(encode([0x00, 0x1B, 0x7F, 0x41]) == "=00=1B=7FA")
    }

    @Test func trailingWhiteSpaceBeforeALineBreakIsEscaped() {
        #expect(encode(Array("space \r\ntab\t\r\nend ".utf8)) == "space=20\r\ntab=09\r\nend=20")
        #expect(encode(Array("a  b".utf8)) == "a  b")
    }

    @Test func bareLineFeedIsAHardBreakAndBareCRIsEscaped() {
        #expect(encode(Array("a\nb\rc".utf8)) == "a\r\nb=0Dc")
    }

    @Test func linesAreAtMost76Characters() {
        let exact = String(repeating: "a", count: 76)
        #expect(encode(Array(exact.utf8)) == exact)
        let longer = String(repeating: "a", count: 77)
        #expect(encode(Array(longer.utf8)) == String(repeating: "a", count: 75) + "=\r\naa")
        // The escape that would leave no room for the soft break's "=" moves to the next line whole.
        let escaped = String(repeating: "a", count: 72) + "é"
        #expect(encode(Array(escaped.utf8)) == String(repeating: "a", count: 72) + "=C3=\r\n=A9")
        let later = String(repeating: "a", count: 73) + "é"
        #expect(encode(Array(later.utf8)) == String(repeating: "a", count: 73) + "=\r\n=C3=A9")
    }

    @Test func encodingRoundTripsAndKeepsTheLineRules() {
        var generator = SeededRandom(seed: 2045)
        let alphabet: [UInt8] = Array("ab =\t\r\n.é".utf8) + [0x00, 0xFF, 0x7F]
        for length in 0..<400 {
            let input = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let encoded = QuotedPrintable.encode(input)
            for line in split(encoded) {
                #expect(line.count <= 76)
                #expect(!(line.last == 0x20 || line.last == 0x09))
                var index = 0
                while index < line.count {
                    if line[index] == 0x3D && index != line.count - 1 {
                        #expect(index + 2 < line.count && isHex(line[index + 1]) && isHex(line[index + 2]))
                        index += 3
                    } else {
                        #expect(line[index] >= 0x20 && line[index] < 0x7F || line[index] == 0x09)
                        index += 1
                    }
                }
            }
            #expect(QuotedPrintable.decode(encoded) == crlfNormalized(input))
        }
    }

    private func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        return lines
    }

    private func isHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) }

    /// What the encoder promises: bare LF becomes CRLF, everything else comes back as it was.
    private func crlfNormalized(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { output.append(0x0D) }
            output.append(byte)
        }
        return output
    }

    // MARK: - Real mail, against mime4j

    /// qp-body.msg is a single quoted-printable part; its body, cut after the blank line, must decode
    /// to mime4j's file byte for byte (the "=20" before the final CRLF is kept).
    @Test func mime4jQPBody() throws {
        try expectMime4jSinglePart("mime4j/testmsgs/qp-body")
    }

    /// german-qp.msg has LF line ends and every line ends in a soft break after "=0A": mime4j's
    /// output keeps the encoded LFs and turns the bare LF line breaks into CRLF.
    @Test func mime4jGermanQPWithBareLineFeeds() throws {
        try expectMime4jSinglePart("mime4j/mimetools-testmsgs/german-qp")
    }

    @Test func mime4jGermanQP() throws {
        try expectMime4jSinglePart("mime4j/mimetools-testmsgs/german")
    }

    private func expectMime4jSinglePart(_ base: String) throws {
        guard let message = DecoderCorpus.bytes(base + ".msg"),
              let expected = DecoderCorpus.bytes(base + "_decoded_1.txt") else {
            return DecoderCorpus.skipNote(base)
        }
        let (headers, body) = DecoderCorpus.split(message[...])
        let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value
        #expect(encoding.map { TransferEncoding(headerValue: String(decoding: $0, as: UTF8.self)) } == .quotedPrintable)
        #expect(QuotedPrintable.decode(body) == expected)
    }

    // MARK: - Robustness

    /// Mutated real bodies and pathological runs: no trap, and time linear in the input.
    @Test func survivesMutatedAndPathologicalInput() throws {
        var generator = SeededRandom(seed: 7)
        var samples: [[UInt8]] = [
            Array(repeating: 0x3D, count: 200_000), Array(repeating: 0x20, count: 200_000),
            Array(repeating: 0x0D, count: 200_000), Array("= \r".utf8) + Array(repeating: 0x20, count: 100_000),
            Array(String(repeating: "=\r\n", count: 50_000).utf8), Array(String(repeating: "=4", count: 50_000).utf8),
        ]
        if let body = DecoderCorpus.bytes("mime4j/mimetools-testmsgs/german-qp.msg") {
            for _ in 0..<200 {
                var mutated = body
                for _ in 0..<8 {
                    let position = Int(generator.next() % UInt64(mutated.count))
                    mutated[position] = [0x3D, 0x0D, 0x0A, 0x20, 0x00, 0xFF][Int(generator.next() % 6)]
                }
                samples.append(mutated)
            }
        }
        let start = Date()
        for sample in samples {
            let decoded = QuotedPrintable.decode(sample)
            #expect(decoded.count <= sample.count * 2)
            _ = QuotedPrintable.encode(sample)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
