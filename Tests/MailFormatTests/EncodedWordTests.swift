import DeterministicRandom
import Foundation
import Testing

@testable import MailFormat

@Suite("EncodedWord")
struct EncodedWordTests {
    private func decode(_ text: String) -> String { EncodedWord.decodeText(Array(text.utf8)) }

    // MARK: RFC 2047

    @Test(arguments: [
        // RFC 2047 section 8, the examples.
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
        ("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
        ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
         "If you can read this you understand the example."),
    ])
    func decodesTheRFCExamples(raw: String, expected: String) {
        #expect(decode(raw) == expected)
    }

    @Test func encodingLetterAndHexAreCaseInsensitive() {
        #expect(decode("=?utf-8?b?w6k=?=") == "é")
        #expect(decode("=?UTF-8?Q?=c3=a9?=") == "é")
        #expect(decode("=?utf-8?q?=C3=A9?=") == "é")
    }

    @Test func bAcceptsMissingPaddingAndConcatenatedRuns() {
        #expect(decode("=?utf-8?B?SGk?=") == "Hi")
        #expect(decode("=?utf-8?B?SGk=SGk=?=") == "HiHi")
        #expect(decode("=?utf-8?B??=") == "")
    }

    @Test func languageSuffixIsIgnored() {
        #expect(decode("=?UTF-8*en-US?Q?Hello?=") == "Hello")
        #expect(decode("=?*en?Q?Hello?=") == "Hello")
    }

    @Test func adjacentWordsInOneCharsetAreJoinedAsBytes() {
        // "€" (E2 82 AC) split across two Q words, and "日本" in Shift_JIS split across B words.
        #expect(decode("=?utf-8?Q?=E2=82?= =?utf-8?Q?=AC?=") == "€")
        #expect(decode("=?UTF-8?B?4oI=?=\r\n =?utf8?B?rA==?=") == "€")
        #expect(decode("=?shift_jis?B?k/o=?= =?Shift_JIS?B?lns=?=") == "日本")
        // Text between them stops the join; each half is then invalid on its own.
        #expect(decode("=?utf-8?Q?=E2=82?= x =?utf-8?Q?=AC?=").contains(" x "))
    }

    @Test func wordsInDifferentCharsetsAreNotJoined() {
        #expect(decode("=?iso-8859-1?Q?=E9?= =?koi8-r?Q?=F0?=") == "éП")
    }

    @Test func whiteSpaceBetweenWordAndTextIsKept() {
        #expect(decode("Re: =?utf-8?Q?caf=C3=A9?=  ok") == "Re: café  ok")
        #expect(decode("  =?utf-8?Q?x?=  ") == "  x  ")
    }

    // MARK: Leniency

    @Test(arguments: [
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?b?a$b?=", "=?utf-8?b?a$b?="),
        ("=?utf-8?q?abc", "=?utf-8?q?abc"),
        ("=?utf-8?q?abc?", "=?utf-8?q?abc?"),
        ("=?utf-8?q?abc?= x =?utf-8?q?d", "abc x =?utf-8?q?d"),
        ("=?", "=?"),
        ("=", "="),
        ("a=?b", "a=?b"),
        ("Is 1+1=?", "Is 1+1=?"),
        ("=?utf 8?q?a?=", "=?utf 8?q?a?="),
    ])
    func invalidWordsStayLiteral(raw: String, expected: String) {
        #expect(decode(raw) == expected)
    }

    @Test func wordsInsideOtherTextAreDecoded() {
        #expect(decode("abc=?utf-8?q?d?=") == "abcd")
        #expect(decode("[SPAM]=?utf-8?B?SGk=?=!") == "[SPAM]Hi!")
        #expect(decode("=?utf-8?q?a?==?utf-8?q?b?=") == "ab")
    }

    @Test func wordsWithoutACharsetAreDecodedAsUndeclared() {
        // Seen in real mail (mime-tools' test set): no charset, latin-1 bytes.
        #expect(decode("[l] =??Q?Re=3A_Bras=EDlia?=") == "[l] Re: Brasília")
        #expect(decode("=??B?w6k=?=") == "é")
    }

    @Test func wordsWithSpacesInsideAreDecoded() {
        #expect(decode("=?utf-8?q?a b?=") == "a b")
        #expect(decode("=?iso-8859-1?q?this is some text?=") == "this is some text")
    }

    @Test func foldsInsideAWordAreDropped() {
        #expect(decode("=?utf-8?Q?Hello\r\n _there!?=") == "Hello there!")
        #expect(decode("=?utf-8?B?SGVs\r\n\tbG8=?=") == "Hello")
    }

    @Test func foldsInLiteralTextReadAsOneSpace() {
        #expect(decode("Fwd: \r\n\tSaying \r\n Hello") == "Fwd: Saying Hello")
        #expect(decode("a\tb  c") == "a\tb  c")
    }

    @Test func emptyWordsDisappear() {
        #expect(decode("Some text =?utf-8?Q??=here") == "Some text here")
        #expect(decode("a =?utf-8?Q??= =?utf-8?Q?b?=") == "a b")
    }

    @Test func rawEightBitTextIsUTF8OrWindows1252PerRun() {
        #expect(EncodedWord.decodeText(Array("Grüße =?utf-8?q?=C3=A9?=".utf8)) == "Grüße é")
        #expect(EncodedWord.decodeText([0x47, 0x72, 0xFC, 0xDF, 0x65]) == "Grüße")
        // A UTF-8 run and a latin-1 run in one value.
        #expect(EncodedWord.decodeText(Array("né ".utf8) + [0xE9, 0x93]) == "né é“")
        #expect(EncodedWord.decodeText(Array("ハロー・ワールド".utf8)) == "ハロー・ワールド")
    }

    @Test func rawEightBitTextCanUseADeclaredCharset() {
        let koi8: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]
        #expect(EncodedWord.decodeText(koi8, rawCharset: "koi8-r") == "Привет")
        #expect(EncodedWord.decodeText(Array("Привет".utf8), rawCharset: "koi8-r") == "Привет")
        #expect(EncodedWord.decodeText(koi8 + Array(" =?utf-8?q?ok?=".utf8), rawCharset: "koi8-r") == "Привет ok")
    }

    @Test func encodedWordCharsetsAreNormalisedAndMayLie() {
        #expect(decode("=?\"utf-8\"?q?a?=") == "a")  // a quoted charset name
        #expect(decode("=?iso-8859-1?Q?R=C3=A9capitulatif?=") == "Récapitulatif")  // UTF-8 under a latin-1 label
        #expect(decode("=?x-unknown?Q?caf=E9?=") == "café")
        #expect(decode("=?gb2312?B?6UaGtA==?=") == "镕喆")
        #expect(decode("=?ks_c_5601-1987?B?jGM=?=") == "똠")
        #expect(decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=") == "日本語")
    }

    @Test func decodedControlCharactersAreKept() {
        // Rendering strips them; decoding must not lose information.
        #expect(decode("=?utf-8?q?a=0Ab=00c?=") == "a\nb\0c")
    }

    @Test func acceptsAnyCollectionOfBytes() {
        let bytes = Array("xx=?utf-8?q?hi?=xx".utf8)
        #expect(EncodedWord.decodeText(bytes[2..<16]) == "hi")
        #expect(EncodedWord.decodeText(NonContiguousBytes(Array("=?utf-8?q?hi?=".utf8))) == "hi")
        #expect(EncodedWord.decodeText([UInt8]()) == "")
    }

    // MARK: The stalwart vectors

    /// Where we deliberately read a vector differently from stalwart mail-parser, and why.
    static let deliberateDifferences: [String: (ours: String, reason: String)] = [
        "[SUSPECTED SPAM]=?utf-8?B?VGhpcyBpcyB0aGUgb3JpZ2luYWwgc3ViamVjdA==?=\n":
            ("[SUSPECTED SPAM]This is the original subject",
             "stalwart inserts a space before an encoded-word that touches text; Thunderbird, Apple Mail and Gmail do not, and the bytes have none"),
        "[SUSPECTED SPAM]=?utf-8?B?VGhpcyBpcyB0aGUgb\n 3JpZ2luYWwgc3ViamVjdA==?=\n":
            ("[SUSPECTED SPAM]This is the original subject", "as above, with a fold inside the word"),
        "[SUSPECTED SPAM]=?utf-8?B?VGhpcyBpcyB0aGUgb\r\n 3JpZ2luYWwgc3ViamVjdA==?=\r\n":
            ("[SUSPECTED SPAM]This is the original subject", "as above, with CRLF"),
        "Some text =?utf-8?Q??=here\n":
            ("Some text here", "stalwart inserts a space after an encoded-word that touches text; we add nothing the bytes do not have"),
    ]

    @Test func matchesStalwartUnstructuredVectors() {
        StalwartHeaderVectors.compare("unstructured", deliberateDifferences: Self.deliberateDifferences,
                                      ours: { EncodedWord.decodeText(StalwartHeaderVectors.foldedValue($0)) },
                                      theirs: { _, expected in expected as? String ?? "" })
        guard let entries = StalwartHeaderVectors.load("unstructured") else { return }
        // The same values after RFC 5322 unfolding (CR and LF removed), as HeaderField.value does.
        let unfolded = entries.filter { EncodedWord.decodeText(StalwartHeaderVectors.value($0.header)) == $0.expected as? String }
        print("unstructured.json: \(unfolded.count)/\(entries.count) match from the CRLF-stripped value")
        #expect(entries.count >= 30)
    }

    // MARK: Encoding

    @Test(arguments: ["", "Hello", "Re: Quarterly numbers (Q3) - draft #2", "Is 1+1=?", "a  b", " lead", "trail "])
    func plainASCIIComesBackUnchanged(text: String) {
        #expect(EncodedWord.encode(text) == text)
    }

    @Test(arguments: ["=?utf-8?q?x?=", "see =?UTF-8?B?SGk=?= here", "tab\there", "line\r\nbreak", "bell\u{7}", "del\u{7F}"])
    func asciiThatDecodingWouldChangeIsEncoded(text: String) {
        let encoded = EncodedWord.encode(text)
        #expect(encoded != text)
        #expect(decode(encoded) == text)
    }

    @Test func overlongASCIIWordsAreEncodedSoAFolderCanBreakThem() {
        let word = String(repeating: "x", count: 901)
        let encoded = EncodedWord.encode(word)
        #expect(encoded.split(separator: " ").count > 10)
        #expect(decode(encoded) == word)
        #expect(EncodedWord.encode(String(repeating: "x", count: 900)) == String(repeating: "x", count: 900))
    }

    @Test func picksTheShorterForm() {
        // One accent in a long line: Q (35 characters of text) beats B (44).
        #expect(EncodedWord.encode("Réunion planning for next week") == "=?UTF-8?Q?R=C3=A9union_planning_for_next_week?=")
        // Short or dense non-ASCII: B is shorter ("Caf=C3=A9" is 9 characters, "Q2Fmw6k=" 8).
        #expect(EncodedWord.encode("Café") == "=?UTF-8?B?Q2Fmw6k=?=")
        #expect(EncodedWord.encode("日本語") == "=?UTF-8?B?5pel5pys6Kqe?=")
    }

    @Test(arguments: EncodedWordTests.roundTripTexts)
    func roundTrips(text: String) {
        let encoded = EncodedWord.encode(text)
        #expect(decode(encoded) == text)
        Self.checkWords(encoded, of: text)
    }

    static let roundTripTexts: [String] = [
        "Café crème brûlée à la française", "Привет, как дела? Всё хорошо.", "Καλημέρα κόσμε",
        "日本語のテキストです。よろしくお願いします。", "中文测试：你好，世界！", "한국어 텍스트 테스트",
        "😀🎉👍🏽 family: 👨‍👩‍👧‍👦 flag: 🇫🇷", "مرحبا بالعالم", "שלום עולם", "ภาษาไทย",
        "Mixed: café, Привет, 日本, 😀, and ASCII", "  leading and trailing spaces é  ", " é", "é ",
        "=?utf-8?q?not a word?= café", "underscore_and=equals?question é", "tab\tand\nnewline é",
        "e\u{301} combining, Z\u{335}\u{30D}\u{31A}a\u{35C}\u{361}lgo", "\u{FEFF}BOM and \u{200B}zero width é",
        String(repeating: "Ünïcödé ", count: 40), String(repeating: "長い件名", count: 60),
        String(repeating: "😀", count: 50), String(repeating: "a", count: 200) + "é",
        "ends with space before word é " + String(repeating: "x", count: 70),
        "\u{10FFFF}\u{E000} private use", "NUL\u{0}inside é",
    ]

    @Test func randomTextsRoundTrip() {
        var generator = SeededRandom(seed: 0xE2C0_DE)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x20...0x7E, 0xA0...0x24F, 0x370...0x3FF, 0x400...0x4FF, 0x590...0x6FF,
            0xE00...0xE7F, 0x3040...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0x1F300...0x1F6FF,
            0x09...0x0D, 0x300...0x36F,
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...120, using: &generator) {
                let range = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            let encoded = EncodedWord.encode(text)
            #expect(decode(encoded) == text, "\(text.debugDescription)")
            Self.checkWords(encoded, of: text)
        }
    }

    /// Every word of `encoded` is a UTF-8 encoded-word of at most 75 characters holding whole
    /// characters, and words are separated by single spaces (unless the text stayed plain).
    static func checkWords(_ encoded: String, of text: String) {
        if encoded == text, EncodedWord.Encoder.isPlain(Array(text.utf8)) { return }
        let words = encoded.split(separator: " ", omittingEmptySubsequences: false)
        for word in words {
            let bytes = Array(word.utf8)
            #expect(bytes.count <= 75, "word too long: \(word)")
            #expect(bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "word not printable: \(word)")
            let parsed = bytes.withUnsafeBufferPointer { EncodedWord.TextDecoder.parseWord($0, at: 0) }
            #expect(parsed?.end == bytes.count, "not one encoded-word: \(word)")
            #expect(parsed?.charset == "UTF-8")
            if let parsed {
                #expect(String(validating: parsed.bytes, as: UTF8.self) != nil, "a character split across words: \(word)")
            }
        }
    }

    // MARK: Robustness

    @Test func mutatedHeadersNeverFail() {
        var generator = SeededRandom(seed: 0xF022)
        let seeds = [
            "=?utf-8?B?VGhpcyBpcyB0aGUgb3JpZ2luYWwgc3ViamVjdA==?=", "=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=",
            "Re: =?ISO-8859-1?Q?Andr=E9?= =?koi8-r?Q?=F0=D2?= x", "=?utf-16?B?//5IAGkA?=",
            "=?shift_jis?Q?=93=FA?==?gb2312?B?1tA=?=", "=?utf-7?Q?+Jjo-?=",
        ]
        let alphabet = Array("=?_ \t\r\nBbQq*-".utf8) + [0x80, 0xC3, 0xE9, 0xFF, 0x00, 0x1B]
        for round in 0..<4_000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0...bytes.count, using: &generator)
                let byte = Bool.random(using: &generator)
                    ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.insert(byte, at: position)
                case 1 where position < bytes.count: bytes.remove(at: position)
                default: if position < bytes.count { bytes[position] = byte }
                }
            }
            let text = EncodedWord.decodeText(bytes)
            #expect(text.unicodeScalars.count <= bytes.count * 2 + 1)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func pathologicalInputsStayLinear() {
        let size = 1 << 20
        let patterns = ["=?", "=?a?", "=?a?q?", "=?a?q?x", "=?utf-8?q?=", " =?utf-8?q?a?= ", "=?utf-8?b?a"]
        for pattern in patterns {
            let bytes = Array(String(repeating: pattern, count: size / pattern.utf8.count).utf8)
            #expect(!EncodedWord.decodeText(bytes).isEmpty)
        }
        let adjacent = Array(String(repeating: "=?utf-8?q?a?=", count: 200_000).utf8)
        #expect(EncodedWord.decodeText(adjacent).utf8.count == 200_000)
        let many = Array(String(repeating: "=?utf-8?q?a?= ", count: 50_000).utf8)
        let decoded = EncodedWord.decodeText(many)
        #expect(decoded.utf8.count == 50_001 && decoded.hasSuffix("a ") && !decoded.contains("="))
    }
}
