import DeterministicRandom
import Foundation
import Testing

@testable import MailFormat

/// One charset sample: the declared name, real bytes in that charset, and the text they are.
struct CharsetSample: CustomTestStringConvertible, Sendable {
    let charset: String
    let bytes: [UInt8]
    let text: String
    var testDescription: String { charset }
}

@Suite("Charset")
struct CharsetTests {
    // MARK: Names

    @Test(arguments: [
        ("utf-8", Charset.Decoding.utf8), ("UTF8", .utf8), ("unicode-1-1-utf-8", .utf8),
        ("\"utf-8\"", .utf8), ("utf-8;", .utf8), ("  UTF-8 ", .utf8), ("'utf-8'", .utf8),
        ("charset=utf-8", .utf8), ("utf-8 (Unicode)", .utf8),
        ("us-ascii", .undeclared), ("ANSI_X3.4-1968", .undeclared), ("", .undeclared),
        ("x-unknown-thing", .undeclared), ("unknown-8bit", .undeclared),
        ("iso-8859-1", .windows1252), ("latin1", .windows1252), ("ISO_8859-1:1987", .windows1252),
        ("l1", .windows1252), ("cp1252", .windows1252), ("x-cp1252", .windows1252),
        ("windows-1252", .windows1252), ("iso8859-1", .windows1252),
        ("utf-16", .utf16(bigEndian: nil)), ("UTF-16LE", .utf16(bigEndian: false)),
        ("utf-16be", .utf16(bigEndian: true)),
        ("iso-2022-jp", .iso2022JP), ("ISO-2022-JP-2", .iso2022JP), ("csISO2022JP", .iso2022JP),
    ])
    func resolvesNames(name: String, expected: Charset.Decoding) {
        #expect(Charset.decoding(forName: name) == expected)
    }

    @Test func resolvesNoNameAsUndeclared() {
        #expect(Charset.decoding(forName: nil) == .undeclared)
    }

    @Test(arguments: [
        ("x-sjis", "CP932"), ("shift-jis", "CP932"), ("sjis", "CP932"), ("Shift_JIS", "CP932"),
        ("ks_c_5601-1987", "CP949"), ("euc-kr", "CP949"), ("gb2312", "GB18030"), ("GBK", "GB18030"),
        ("x-gbk", "GB18030"), ("big5", "CP950"), ("big5-hkscs", "BIG5-HKSCS"), ("koi8-r", "KOI8-R"),
        ("koi8-u", "KOI8-U"), ("iso8859-15", "ISO-8859-15"), ("iso-8859-8-i", "ISO-8859-8"),
        ("ISO-8859-6-E", "ISO-8859-6"), ("latin2", "ISO-8859-2"), ("latin9", "ISO-8859-15"),
        ("tis-620", "CP874"), ("windows-874", "CP874"), ("x-mac-roman", "MACINTOSH"),
        ("macintosh", "MACINTOSH"), ("windows-1251", "CP1251"), ("cp1250", "CP1250"),
        ("utf-7", "UTF-7"), ("euc-jp", "EUC-JP-MS"), ("iso-2022-kr", "ISO-2022-KR"),
        ("ibm866", "CP866"), ("ISO-8859-16", "ISO-8859-16"),
    ])
    func resolvesIconvNames(name: String, firstConverter: String) {
        guard case .iconv(let target) = Charset.decoding(forName: name) else {
            Issue.record("\(name) does not go to iconv")
            return
        }
        #expect(target.names.first == firstConverter)
    }

    @Test func everyConverterTheTableNamesExistsInGlibc() {
        // A typo in the table would silently turn a charset into a guess.
        let names = [
            "utf-32", "utf-7", "iso-2022-kr", "iso-2022-cn", "shift_jis", "euc-jp",
            "euc-kr", "johab", "gb2312", "big5", "big5-hkscs", "euc-tw", "koi8-r", "koi8-u", "koi8-t",
            "tis-620", "iso-8859-11", "macintosh", "x-mac-cyrillic", "x-mac-ce", "x-mac-icelandic",
            "cp866", "cp850", "cp437", "cp1125", "viscii", "tcvn", "armscii-8", "georgian-ps",
            "georgian-academy", "pt154", "kz-1048", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255",
            "cp1256", "cp1257", "cp1258",
        ] + (2...16).filter { $0 != 12 }.map { "iso-8859-\($0)" }
        for name in names {
            guard case .iconv(let target) = Charset.decoding(forName: name) else {
                Issue.record("\(name) does not go to iconv")
                continue
            }
            for converter in target.names {
                let opened = [UInt8](repeating: 0x41, count: 1).withUnsafeBufferPointer {
                    Charset.Iconv.convert($0, from: converter) != nil
                }
                #expect(opened, "glibc has no \(converter) (for \(name))")
            }
        }
    }

    // MARK: Real bytes in every charset

    static let samples: [CharsetSample] = [
        .init(charset: "us-ascii", bytes: Array("Hello, world".utf8), text: "Hello, world"),
        .init(charset: "utf-8", bytes: Array("Привет, 世界 🌍".utf8), text: "Привет, 世界 🌍"),
        .init(charset: "utf8", bytes: Array("naïve".utf8), text: "naïve"),
        .init(charset: "unicode-1-1-utf-8", bytes: Array("ça".utf8), text: "ça"),
        .init(charset: "iso-8859-1", bytes: [0x63, 0x61, 0x66, 0xE9, 0x20, 0xA3, 0x35], text: "café £5"),
        .init(charset: "latin1", bytes: [0x63, 0x61, 0x66, 0xE9], text: "café"),
        .init(charset: "iso_8859-1:1987", bytes: [0xFC, 0x62, 0x65, 0x72], text: "über"),
        .init(charset: "windows-1252", bytes: [0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x32, 0x30, 0x80], text: "“q” – 20€"),
        .init(charset: "cp1252", bytes: [0x8A, 0x9A, 0x85], text: "Šš…"),
        .init(charset: "iso-8859-15", bytes: [0x50, 0x72, 0x69, 0x78, 0x20, 0x3A, 0x20, 0x32, 0x30, 0x20, 0xA4, 0x20, 0xBD, 0x75, 0x76, 0x72, 0x65], text: "Prix : 20 € œuvre"),
        .init(charset: "iso8859-15", bytes: [0xA4], text: "€"),
        .init(charset: "koi8-r", bytes: [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], text: "Привет"),
        .init(charset: "koi8-u", bytes: [0xB7, 0xD6, 0xC1, 0xCB, 0x20, 0xA6, 0x20, 0xAD, 0xC1, 0xCE, 0xCF, 0xCB], text: "Їжак і ґанок"),
        .init(charset: "windows-1250", bytes: [0xA3, 0xF3, 0x64, 0x9F, 0x2C, 0x20, 0x8E, 0x6C, 0x75, 0x9D, 0x6F, 0x75, 0xE8, 0x6B, 0xFD, 0x20, 0x6B, 0xF9, 0xF2], text: "Łódź, Žluťoučký kůň"),
        .init(charset: "windows-1251", bytes: [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0], text: "Привет, мир"),
        .init(charset: "windows-1253", bytes: [0xCA, 0xE1, 0xEB, 0xE7, 0xEC, 0xDD, 0xF1, 0xE1], text: "Καλημέρα"),
        .init(charset: "windows-1254", bytes: [0x47, 0xFC, 0x6E, 0x61, 0x79, 0x64, 0xFD, 0x6E, 0x20, 0xDD, 0x73, 0x74, 0x61, 0x6E, 0x62, 0x75, 0x6C], text: "Günaydın İstanbul"),
        .init(charset: "windows-1255", bytes: [0xF9, 0xEC, 0xE5, 0xED], text: "שלום"),
        .init(charset: "windows-1256", bytes: [0xE3, 0xD1, 0xCD, 0xC8, 0xC7], text: "مرحبا"),
        .init(charset: "windows-1257", bytes: [0x4C, 0x61, 0x62, 0x64, 0x69, 0x65, 0x6E, 0x2C, 0x20, 0xE0, 0xE8, 0xE6, 0xEB, 0xE1, 0xF0, 0xF8, 0xFB, 0xFE], text: "Labdien, ąčęėįšųūž"),
        .init(charset: "windows-1258", bytes: [0x43, 0xE1, 0x63, 0x68, 0x20, 0xD0], text: "Cách Đ"),
        .init(charset: "iso-8859-2", bytes: [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6, 0x20, 0x67, 0xEA, 0xB6, 0x6C, 0xB1, 0x20, 0x6A, 0x61, 0xBC, 0xF1], text: "Zażółć gęślą jaźń"),
        .init(charset: "iso-8859-3", bytes: [0xA1, 0x61, 0x62, 0x69, 0x62, 0x2C, 0x20, 0xE5, 0x20, 0xF5], text: "Ħabib, ċ ġ"),
        .init(charset: "iso-8859-4", bytes: [0xD3, 0xEF, 0x6C, 0x61, 0x20, 0xB3, 0x20, 0xBC], text: "Ķīla ŗ ŧ"),
        .init(charset: "iso-8859-5", bytes: [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], text: "Привет"),
        .init(charset: "iso-8859-6", bytes: [0xE5, 0xD1, 0xCD, 0xC8, 0xC7], text: "مرحبا"),
        .init(charset: "iso-8859-7", bytes: [0xCA, 0xE1, 0xEB, 0xE7, 0xEC, 0xDD, 0xF1, 0xE1], text: "Καλημέρα"),
        .init(charset: "iso-8859-8", bytes: [0xF9, 0xEC, 0xE5, 0xED], text: "שלום"),
        .init(charset: "iso-8859-8-i", bytes: [0xF9, 0xEC, 0xE5, 0xED], text: "שלום"),
        .init(charset: "iso-8859-9", bytes: [0x47, 0xFC, 0x6E, 0x61, 0x79, 0x64, 0xFD, 0x6E, 0x20, 0xDD, 0x73, 0x74, 0x61, 0x6E, 0x62, 0x75, 0x6C], text: "Günaydın İstanbul"),
        .init(charset: "iso-8859-10", bytes: [0xAF, 0x20, 0xBB, 0x20, 0xFF], text: "Ŋ ŧ ĸ"),
        .init(charset: "iso-8859-11", bytes: [0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], text: "ภาษาไทย"),
        .init(charset: "iso-8859-13", bytes: [0xE0, 0xE8, 0xE6, 0xEB, 0xE1, 0xF0, 0xF8, 0xFB, 0xFE], text: "ąčęėįšųūž"),
        .init(charset: "iso-8859-14", bytes: [0xD0, 0x20, 0xFE, 0x20, 0xB8, 0x20, 0xA1], text: "Ŵ ŷ ẁ Ḃ"),
        .init(charset: "iso-8859-16", bytes: [0xAA, 0x74, 0x69, 0x69, 0x6E, 0xFE, 0xE3, 0x20, 0xFE], text: "Știință ț"),
        .init(charset: "tis-620", bytes: [0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], text: "ภาษาไทย"),
        .init(charset: "windows-874", bytes: [0x80, 0x20, 0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], text: "€ ภาษาไทย"),
        .init(charset: "x-mac-roman", bytes: [0x63, 0x61, 0x66, 0x8E, 0x20, 0xA7, 0x20, 0xB0], text: "café ß ∞"),
        .init(charset: "macintosh", bytes: [0x8E, 0x8A], text: "éä"),
        .init(charset: "shift_jis", bytes: [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], text: "日本語"),
        .init(charset: "x-sjis", bytes: [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], text: "日本語"),
        .init(charset: "shift-jis", bytes: [0x93, 0xFA, 0x96, 0x7B], text: "日本"),
        .init(charset: "sjis", bytes: [0x83, 0x65, 0x83, 0x58, 0x83, 0x67], text: "テスト"),
        // NEC extensions (circled digits, ㈱) that real "Shift_JIS" mail uses: CP932 has them.
        .init(charset: "shift_jis", bytes: [0x87, 0x40, 0x87, 0x8A], text: "①㈱"),
        .init(charset: "euc-jp", bytes: [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC], text: "日本語"),
        .init(charset: "iso-2022-jp", bytes: [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x1B, 0x28, 0x42], text: "日本語"),
        .init(charset: "ISO-2022-JP", bytes: Array("Re: ".utf8) + [0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x1B, 0x28, 0x42] + Array(" ok".utf8), text: "Re: こん ok"),
        // ㈱ and ① (NEC row 13), which glibc's own ISO-2022-JP refuses.
        .init(charset: "iso-2022-jp", bytes: [0x1B, 0x24, 0x42, 0x2D, 0x6A, 0x2D, 0x21, 0x1B, 0x28, 0x42], text: "㈱①"),
        .init(charset: "iso-2022-jp", bytes: [0x1B, 0x28, 0x49, 0x31, 0x32, 0x1B, 0x28, 0x42], text: "ｱｲ"),
        .init(charset: "iso-2022-jp", bytes: [0x41, 0x0E, 0x31, 0x32, 0x0F, 0x42], text: "AｱｲB"),
        .init(charset: "iso-2022-jp", bytes: [0x1B, 0x28, 0x4A, 0x61, 0x1B, 0x28, 0x42], text: "a"),
        .init(charset: "iso-2022-jp", bytes: [0x1B, 0x24, 0x28, 0x44, 0x22, 0x2F, 0x1B, 0x28, 0x42], text: "˘"),
        // ISO-2022-JP-2 with GB2312 (ESC $ A) goes to glibc's ISO-2022-JP-2.
        .init(charset: "iso-2022-jp-2", bytes: [0x1B, 0x24, 0x41, 0x56, 0x50, 0x4E, 0x44, 0x1B, 0x28, 0x42], text: "中文"),
        .init(charset: "iso-2022-kr", bytes: [0x1B, 0x24, 0x29, 0x43, 0x0E, 0x47, 0x51, 0x31, 0x39, 0x0F], text: "한국"),
        .init(charset: "gb2312", bytes: [0xD6, 0xD0, 0xCE, 0xC4], text: "中文"),
        // GBK characters outside GB2312, as real "gb2312" mail carries them.
        .init(charset: "gb2312", bytes: [0xE9, 0x46, 0x86, 0xB4], text: "镕喆"),
        .init(charset: "gbk", bytes: [0xE9, 0x46, 0x86, 0xB4], text: "镕喆"),
        .init(charset: "x-gbk", bytes: [0xD6, 0xD0], text: "中"),
        .init(charset: "gb18030", bytes: [0x95, 0x32, 0x82, 0x36, 0xA2, 0xE3], text: "𠀀€"),
        .init(charset: "big5", bytes: [0xA4, 0xA4, 0xA4, 0xE5], text: "中文"),
        .init(charset: "big5", bytes: [0xA3, 0xE1], text: "€"),
        .init(charset: "big5-hkscs", bytes: [0x9D, 0xEE, 0xA4, 0xA4], text: "㗎中"),
        // A Hong Kong character under a plain "big5" label: CP950 lacks it, BIG5-HKSCS has it.
        .init(charset: "big5", bytes: [0x9D, 0xEE], text: "㗎"),
        .init(charset: "euc-kr", bytes: [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE], text: "한국어"),
        // CP949 (UHC) syllables outside EUC-KR, sent as "ks_c_5601-1987" by Outlook.
        .init(charset: "ks_c_5601-1987", bytes: [0x8C, 0x63, 0xB9, 0xE6, 0xB0, 0xA2, 0xC7, 0xCF], text: "똠방각하"),
        .init(charset: "euc-kr", bytes: [0x8C, 0x63], text: "똠"),
        .init(charset: "utf-7", bytes: Array("Hi Mom -+Jjo--!".utf8), text: "Hi Mom -☺-!"),
        .init(charset: "utf-16", bytes: [0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00, 0x3D, 0xD8, 0x00, 0xDE], text: "Hi😀"),
        .init(charset: "utf-16", bytes: [0xFE, 0xFF, 0x00, 0x48, 0x00, 0x69, 0x65, 0xE5], text: "Hi日"),
        .init(charset: "utf-16", bytes: [0x00, 0x48, 0x00, 0x69], text: "Hi"),
        .init(charset: "utf-16", bytes: [0x48, 0x00, 0x69, 0x00], text: "Hi"),
        .init(charset: "utf-16le", bytes: [0x48, 0x00, 0x69, 0x00], text: "Hi"),
        .init(charset: "utf-16be", bytes: [0x00, 0x48, 0x65, 0xE5], text: "H日"),
        .init(charset: "UTF-16LE", bytes: [0xFF, 0xFE, 0x41, 0x00], text: "A"),
        .init(charset: "utf-32", bytes: [0x00, 0x00, 0xFE, 0xFF, 0x00, 0x01, 0xF6, 0x00], text: "😀"),
        .init(charset: "cp866", bytes: [0x8F, 0xE0, 0xA8, 0xA2, 0xA5, 0xE2], text: "Привет"),
        .init(charset: "ansi_x3.4-1968", bytes: Array("plain".utf8), text: "plain"),
        .init(charset: "\"UTF-8\"", bytes: Array("ß".utf8), text: "ß"),
        .init(charset: "utf-8;", bytes: Array("ß".utf8), text: "ß"),
    ]

    @Test(arguments: samples)
    func decodesRealBytes(sample: CharsetSample) {
        #expect(Charset.decode(sample.bytes, charset: sample.charset) == sample.text)
    }

    @Test func acceptsAnyCollectionOfBytes() {
        let bytes: [UInt8] = [0x00, 0x63, 0x61, 0x66, 0xE9, 0x00]
        #expect(Charset.decode(bytes[1..<5], charset: "latin1") == "café")
        #expect(Charset.decode(Data([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]), charset: "koi8-r") == "Привет")
        #expect(Charset.decode(NonContiguousBytes([0x63, 0xE9]), charset: "latin1") == "cé")
        #expect(Charset.decode([UInt8](), charset: "utf-16") == "")
    }

    @Test func windows1252TableMatchesGlibc() {
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let ours = [byte].withUnsafeBufferPointer { Charset.Windows1252.decode($0) }
            let glibc = [byte].withUnsafeBufferPointer { Charset.Iconv.convert($0, from: "CP1252") }
            guard let glibc, glibc.errors == 0 else {
                // The five bytes windows-1252 leaves undefined read as C1 controls (as browsers do).
                #expect([0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte))
                #expect(ours.unicodeScalars.first?.value == UInt32(byte))
                continue
            }
            #expect(ours == String(decoding: glibc.utf8, as: UTF8.self), "byte \(byte)")
        }
    }

    @Test func latin1LabelReadsC1BytesAsWindows1252() {
        // Mail labelled iso-8859-1 uses 0x80–0x9F for curly quotes and the euro, never C1 controls.
        #expect(Charset.decode([0x93, 0x48, 0x69, 0x94, 0x20, 0x80], charset: "iso-8859-1") == "“Hi” €")
    }

    @Test func vietnameseCombiningMarksCompose() {
        // windows-1258 writes "ồ" as ô + combining grave; glibc composes it.
        let text = Charset.decode([0xD0, 0xF4, 0xCC, 0x6E, 0x67], charset: "windows-1258")
        #expect(text == "Đồng" || text == "Đô\u{300}ng")
        #expect(text.unicodeScalars.first?.value == 0x110)
    }

    // MARK: Missing, unknown and lying charsets

    @Test func undeclaredEightBitIsUTF8WhenValid() {
        #expect(Charset.decode(Array("Grüße".utf8), charset: nil) == "Grüße")
        #expect(Charset.decode(Array("Grüße".utf8), charset: "us-ascii") == "Grüße")
    }

    @Test func undeclaredEightBitIsWindows1252WhenNotUTF8() {
        #expect(Charset.decode([0x47, 0x72, 0xFC, 0xDF, 0x65], charset: nil) == "Grüße")
        #expect(Charset.decode([0x93, 0x61, 0x94], charset: "us-ascii") == "“a”")
    }

    @Test func unknownCharsetFallsBack() {
        #expect(Charset.decode(Array("日本".utf8), charset: "x-no-such-charset") == "日本")
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9], charset: "x-no-such-charset") == "café")
        #expect(Charset.decode([0x63, 0xE9], charset: "../../etc/passwd") == "cé")
        #expect(Charset.decode([0x63, 0xE9], charset: "UTF-8//TRANSLIT") == "cé")
    }

    @Test func latin1LabelOnUTF8IsUTF8() {
        #expect(Charset.decode(Array("Récapitulatif".utf8), charset: "iso-8859-1") == "Récapitulatif")
        #expect(Charset.decode(Array("naïve – “ok”".utf8), charset: "windows-1252") == "naïve – “ok”")
        #expect(Charset.decode(Array("Zażółć".utf8), charset: "iso-8859-2") == "Zażółć")
    }

    @Test func utf8LabelOnLatin1IsWindows1252() {
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x78, 0x94], charset: "utf-8") == "café “x”")
    }

    @Test func utf8WithOneStrayByteKeepsTheUTF8() {
        let bytes = Array("日本語 ".utf8) + [0xE9] + Array(" ok".utf8)
        #expect(Charset.decode(bytes, charset: "utf-8") == "日本語 é ok")
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        #expect(Charset.decode([0xEF, 0xBB, 0xBF, 0x68, 0x69], charset: "utf-8") == "hi")
        #expect(Charset.decode([0xEF, 0xBB, 0xBF, 0x68, 0xC3, 0xA9], charset: nil) == "hé")
    }

    @Test func undeclaredUTF16WithByteOrderMarkIsUTF16() {
        #expect(Charset.decode([0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00], charset: nil) == "Hi")
    }

    @Test func cyrillicLabelOnConvincingUTF8IsUTF8() {
        #expect(Charset.decode(Array("Привет".utf8), charset: "koi8-r") == "Привет")
        #expect(Charset.decode(Array("Привет".utf8), charset: "windows-1251") == "Привет")
        #expect(Charset.decode(Array("中文字".utf8), charset: "gb2312") == "中文字")
        #expect(Charset.decode(Array("한국어".utf8), charset: "euc-kr") == "한국어")
        #expect(Charset.decode(Array("日本語".utf8), charset: "shift_jis") == "日本語")
        #expect(Charset.decode(Array("日本語".utf8), charset: "iso-2022-jp") == "日本語")
    }

    @Test func shortLegacyTextThatHappensToBeValidUTF8StaysLegacy() {
        // KOI8-U "ні" is CE A6 (valid UTF-8 for "Φ"): two bytes are too little evidence of a lie.
        #expect(Charset.decode([0xCE, 0xA6], charset: "koi8-u") == "ні")
    }

    @Test func badSequencesBecomeReplacementCharacters() {
        // Shift_JIS: 日, then a lead byte with an impossible trail byte, then 本.
        let text = Charset.decode([0x93, 0xFA, 0x81, 0x20, 0x96, 0x7B], charset: "shift_jis")
        #expect(text.hasPrefix("日"))
        #expect(text.hasSuffix("本"))
        #expect(text.contains("\u{FFFD}"))
    }

    @Test func truncatedMultiByteCharacterAtTheEndIsReplaced() {
        #expect(Charset.decode([0xC7, 0xD1, 0xB1], charset: "euc-kr") == "한\u{FFFD}")
        #expect(Charset.decode([0xB0, 0x31, 0xC7, 0xD1, 0xB1], charset: "euc-kr").hasSuffix("한\u{FFFD}"))
    }

    @Test func eightBitBytesInISO2022JPAreShiftJISOrUTF8() {
        #expect(Charset.decode([0x93, 0xFA, 0x96, 0x7B], charset: "iso-2022-jp") == "日本")
        #expect(Charset.decode(Array("こんにちは".utf8), charset: "iso-2022-jp") == "こんにちは")
    }

    @Test func brokenISO2022JPKeepsWhatItCan() {
        // A kanji mode that ends mid-character and an escape nobody knows.
        let text = Charset.decode([0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x1B, 0x28, 0x42, 0x61], charset: "iso-2022-jp")
        #expect(text.hasPrefix("日"))
        #expect(text.hasSuffix("a"))
        #expect(text.contains("\u{FFFD}"))
        let odd = Charset.decode([0x61, 0x1B, 0x7A, 0x62], charset: "iso-2022-jp")
        #expect(odd.hasPrefix("a") && odd.hasSuffix("b"))
    }

    @Test func utf16LabelOnAsciiIsAscii() {
        #expect(Charset.decode(Array("Hello\r\n".utf8), charset: "utf-16") == "Hello\r\n")
        #expect(Charset.decode(Array("héllo".utf8), charset: "utf-16le") == "héllo")
    }

    @Test func utf16OddLengthAndLoneSurrogatesAreReplaced() {
        #expect(Charset.decode([0x00, 0x41, 0x00], charset: "utf-16be") == "A\u{FFFD}")
        #expect(Charset.decode([0xD8, 0x3D, 0x00, 0x41], charset: "utf-16be") == "\u{FFFD}A")
    }

    @Test func utf7LabelOnUTF8IsUTF8() {
        #expect(Charset.decode(Array("Grüße".utf8), charset: "utf-7") == "Grüße")
    }

    // MARK: Robustness

    static let fuzzNames: [String?] = [
        nil, "", "utf-8", "us-ascii", "iso-8859-1", "windows-1252", "koi8-r", "koi8-u", "shift_jis",
        "euc-jp", "iso-2022-jp", "iso-2022-jp-2", "iso-2022-kr", "iso-2022-cn", "gb2312", "gb18030",
        "big5", "big5-hkscs", "euc-kr", "ks_c_5601-1987", "utf-16", "utf-16le", "utf-16be", "utf-32",
        "utf-7", "hz-gb-2312", "tis-620", "x-mac-roman", "iso-8859-8-i", "windows-1258", "tcvn",
        "viscii", "euc-tw", "johab", "x-unknown", "\"", ";", "utf-8\0", "ISO-8859-99", "cp125",
        String(repeating: "x", count: 500),
    ]

    @Test func randomBytesWithRandomCharsetsNeverFail() {
        var generator = SeededRandom(seed: 0x5EED_C0DE)
        for round in 0..<3_000 {
            let length = Int.random(in: 0...64, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 3 == 0 {
                // Bias towards escape sequences, shifts and plausible multi-byte leads.
                let specials: [UInt8] = [0x1B, 0x24, 0x28, 0x42, 0x40, 0x49, 0x44, 0x0E, 0x0F, 0x2B, 0x2D, 0x7E, 0x7B, 0x7D, 0xA4, 0x8E, 0x8F, 0xE3]
                bytes = bytes.map { $0 % 2 == 0 ? specials[Int($0) % specials.count] : $0 }
            }
            let name = round % 5 == 4
                ? String(decoding: (0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0...127, using: &generator) }, as: UTF8.self)
                : Self.fuzzNames[Int.random(in: 0..<Self.fuzzNames.count, using: &generator)]
            let text = Charset.decode(bytes, charset: name)
            // Never more than a few characters per byte (plus a replacement for a trailing odd byte).
            #expect(text.unicodeScalars.count <= bytes.count * 2 + 1, "charset \(name ?? "nil")")
        }
    }

    @Test func concurrentDecodingMatchesSequential() async {
        let inputs: [([UInt8], String)] = Self.samples.map { ($0.bytes, $0.charset) }
        let expected = inputs.map { Charset.decode($0.0, charset: $0.1) }
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<200 {
                        let index = (worker * 7 + round) % inputs.count
                        if Charset.decode(inputs[index].0, charset: inputs[index].1) != expected[index] { return false }
                    }
                    return true
                }
            }
            for await agreed in group { #expect(agreed) }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func largeInputsDecodeInLinearTime() {
        // 4 MB through each path; quadratic work would not finish within the limit.
        let size = 4 << 20
        let latin = [UInt8](repeating: 0xE9, count: size)
        #expect(Charset.decode(latin, charset: "iso-8859-1").unicodeScalars.count == size)
        #expect(Charset.decode(latin, charset: nil).unicodeScalars.count == size)
        let cyrillic = [UInt8](repeating: 0xD2, count: size)
        #expect(Charset.decode(cyrillic, charset: "koi8-r").unicodeScalars.count == size)
        let broken = [UInt8](repeating: 0xA0, count: size)  // every byte a bad Shift_JIS sequence
        #expect(!Charset.decode(broken, charset: "shift_jis").isEmpty)
        let kanji: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C]
        var jis: [UInt8] = []
        jis.reserveCapacity(size)
        for _ in 0..<(size / 5) { jis.append(contentsOf: kanji) }
        #expect(Charset.decode(jis, charset: "iso-2022-jp").unicodeScalars.count == size / 5)
    }
}

/// A byte collection without contiguous storage, to exercise the copying path.
struct NonContiguousBytes: Collection {
    let storage: [UInt8]
    init(_ storage: [UInt8]) { self.storage = storage }
    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }
    func index(after index: Int) -> Int { index + 1 }
    subscript(position: Int) -> UInt8 { storage[position] }
}
