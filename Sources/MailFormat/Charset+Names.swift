extension Charset {
    /// How bytes declared in one charset are turned into text.
    enum Decoding: Equatable, Sendable {
        /// Nothing (or US-ASCII, or a name we do not know) was declared: UTF-8 where valid,
        /// windows-1252 for the other bytes.
        case undeclared
        /// UTF-8; invalid bytes are read as windows-1252.
        case utf8
        /// windows-1252, also used for ISO-8859-1 (its superset in practice).
        case windows1252
        /// UTF-16 in the given byte order, or by byte-order mark / guess when nil.
        case utf16(bigEndian: Bool?)
        /// ISO-2022-JP and its Microsoft variants (CP5022x), with NEC and IBM extensions.
        case iso2022JP
        /// A glibc iconv converter.
        case iconv(IconvTarget)
    }

    /// A charset glibc converts: the converter names to try, best first, and what the bytes are like.
    struct IconvTarget: Equatable, Sendable {
        /// iconv names, best first; when one leaves bad sequences the next is tried too and the
        /// reading with the fewest wins.
        var names: [String]
        /// ASCII bytes stand for ASCII characters (false for UTF-7, ISO-2022-*, UTF-32).
        var asciiCompatible: Bool = true
        /// A Latin-script single-byte charset: its real text is practically never valid UTF-8 with
        /// non-ASCII bytes, so valid UTF-8 is taken as the truth (the commonest mislabelling).
        var latinScript: Bool = false
    }

    /// The decoding for a declared charset name (nil when none was declared). Tolerates case,
    /// quotes, white space, "charset=", trailing junk ("utf-8;"), "x-" prefixes and ":1987" suffixes.
    static func decoding(forName name: String?) -> Decoding {
        guard let name else { return .undeclared }
        let key = nameKey(name)
        if key.isEmpty { return .undeclared }
        if let known = decoding(forKey: key) { return known }
        if key.hasPrefix("x"), let known = decoding(forKey: String(key.dropFirst())) { return known }
        return .undeclared
    }

    /// The comparison key of a charset name: its first token, lower-cased, letters and digits only.
    /// "ISO_8859-1:1987" → "iso88591", "\"UTF-8\";" → "utf8". Two names with the same key are the
    /// same charset.
    static func nameKey(_ name: String) -> String {
        var key: [UInt8] = []
        var started = false
        var consumed = 0
        for byte in name.utf8 {
            consumed += 1
            if consumed > 80 { break }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let isAlnum = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
            if !started {
                // Skip leading white space and quotes.
                if lower == 0x20 || lower == 0x09 || lower == 0x22 || lower == 0x27 { continue }
                started = true
            }
            if isAlnum {
                key.append(lower)
            } else if lower == 0x2D || lower == 0x5F || lower == 0x2E || lower == 0x2B {
                continue  // - _ . + separate parts of a name
            } else if lower == 0x3D, key == Array("charset".utf8) {
                key.removeAll()  // "charset=utf-8"
            } else {
                break  // ; : " space ( … end the name
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static func decoding(forKey key: String) -> Decoding? {
        switch key {
        case "utf8", "unicode11utf8", "unicode20utf8", "utf8bom":
            return .utf8
        case "usascii", "ascii", "ansix341968", "ansix341986", "iso646us", "iso646irv1991", "us",
             "cp367", "ibm367", "csascii", "646", "isoir6", "unknown8bit", "unknown", "default":
            return .undeclared
        case "iso88591", "latin1", "l1", "isolatin1", "isoir100", "cp819", "ibm819", "csisolatin1",
             "88591", "windows1252", "cp1252", "win1252", "mswin1252", "ms1252", "ansi1252":
            return .windows1252
        case "utf16", "ucs2", "iso10646ucs2", "csunicode":
            return .utf16(bigEndian: nil)
        case "utf16be", "unicodefffe", "ucs2be":
            return .utf16(bigEndian: true)
        case "utf16le", "unicode", "ucs2le":
            return .utf16(bigEndian: false)
        case "utf32", "ucs4":
            return .iconv(IconvTarget(names: ["UTF-32"], asciiCompatible: false))
        case "utf32be", "ucs4be":
            return .iconv(IconvTarget(names: ["UTF-32BE"], asciiCompatible: false))
        case "utf32le", "ucs4le":
            return .iconv(IconvTarget(names: ["UTF-32LE"], asciiCompatible: false))
        case "utf7", "unicode11utf7", "csunicode11utf7", "unicode20utf7":
            return .iconv(IconvTarget(names: ["UTF-7"], asciiCompatible: false))
        case "iso2022jp", "csiso2022jp", "iso2022jp1", "iso2022jp2", "csiso2022jp2", "iso2022jp3",
             "iso2022jpms", "cp50220", "cp50221", "cp50222", "jis", "jis7", "windowsiso2022jp":
            return .iso2022JP
        case "iso2022kr", "csiso2022kr":
            return .iconv(IconvTarget(names: ["ISO-2022-KR"], asciiCompatible: false))
        case "iso2022cn", "csiso2022cn":
            return .iconv(IconvTarget(names: ["ISO-2022-CN"], asciiCompatible: false))
        case "shiftjis", "sjis", "mskanji", "csshiftjis", "windows31j", "cswindows31j", "cp932",
             "mscp932", "ms932", "ibm943", "sjisopen", "sjiswin", "shiftjisx0213":
            return .iconv(IconvTarget(names: ["CP932", "SJIS"]))
        case "eucjp", "cseucpkdfmtjapanese", "eucjpms", "eucjpwin", "eucjpopen", "ujis":
            return .iconv(IconvTarget(names: ["EUC-JP-MS", "EUC-JP"]))
        case "ksc56011987", "ksc56011989", "ksc56011992", "ksc5601", "euckr", "cseuckr", "cp949",
             "uhc", "windows949", "mswin949", "korean", "csksc56011987", "isoir149":
            return .iconv(IconvTarget(names: ["CP949", "EUC-KR"]))
        case "johab":
            return .iconv(IconvTarget(names: ["JOHAB"]))
        case "gb2312", "gbk", "cp936", "windows936", "ms936", "gb18030", "euccn", "csgb2312",
             "chinese", "gb231280", "csiso58gb231280", "isoir58", "cngb":
            return .iconv(IconvTarget(names: ["GB18030", "GBK"]))
        case "big5", "csbig5", "xbig5", "cnbig5", "cp950", "windows950", "big5eten":
            return .iconv(IconvTarget(names: ["CP950", "BIG5-HKSCS"]))
        case "big5hkscs", "big5hkscs2004", "big5hkscs2008", "hkscs":
            return .iconv(IconvTarget(names: ["BIG5-HKSCS", "CP950"]))
        case "euctw", "cseuctw":
            return .iconv(IconvTarget(names: ["EUC-TW"]))
        case "koi8r", "cskoi8r", "koi8":
            return .iconv(IconvTarget(names: ["KOI8-R"]))
        case "koi8u", "koi8ru":
            return .iconv(IconvTarget(names: ["KOI8-U", "KOI8-RU"]))
        case "koi8t":
            return .iconv(IconvTarget(names: ["KOI8-T"]))
        case "tis620", "tis62025291", "tis62025330", "windows874", "cp874", "ibm874", "mswin874":
            return .iconv(IconvTarget(names: ["CP874", "TIS-620"]))
        case "macintosh", "mac", "macroman", "csmacintosh":
            return .iconv(IconvTarget(names: ["MACINTOSH"], latinScript: true))
        case "maccyrillic", "macukrainian", "macukrainian1":
            return .iconv(IconvTarget(names: ["MAC-CYRILLIC", "MACUKRAINIAN"]))
        case "macce", "maccentraleurope", "maccentraleurroman", "maclatin2":
            return .iconv(IconvTarget(names: ["MAC-CENTRALEUROPE"], latinScript: true))
        case "maciceland", "macicelandic":
            return .iconv(IconvTarget(names: ["MAC-IS"], latinScript: true))
        case "cp866", "ibm866", "866", "csibm866", "dos866":
            return .iconv(IconvTarget(names: ["CP866"]))
        case "cp850", "ibm850", "850", "csibm850":
            return .iconv(IconvTarget(names: ["CP850"], latinScript: true))
        case "cp437", "ibm437", "437", "cspc8codepage437":
            return .iconv(IconvTarget(names: ["CP437"], latinScript: true))
        case "cp1125":
            return .iconv(IconvTarget(names: ["CP1125"]))
        case "viscii", "csviscii":
            return .iconv(IconvTarget(names: ["VISCII"], latinScript: true))
        case "tcvn", "tcvn5712", "tcvn57121":
            return .iconv(IconvTarget(names: ["TCVN5712-1"], latinScript: true))
        case "armscii8":
            return .iconv(IconvTarget(names: ["ARMSCII-8"]))
        case "georgianps":
            return .iconv(IconvTarget(names: ["GEORGIAN-PS"]))
        case "georgianacademy":
            return .iconv(IconvTarget(names: ["GEORGIAN-ACADEMY"]))
        case "ptcp154", "pt154", "cp154", "csptcp154":
            return .iconv(IconvTarget(names: ["PT154"]))
        case "kz1048", "strk10482002", "rk1048":
            return .iconv(IconvTarget(names: ["RK1048"]))
        case "cyrillic":
            return isoLatin(5)
        case "arabic", "asmo708", "ecma114":
            return isoLatin(6)
        case "greek", "greek8", "elot928", "ecma118":
            return isoLatin(7)
        case "hebrew", "visual", "logical":
            return isoLatin(8)
        default:
            return numbered(key)
        }
    }

    /// Names that carry a number: iso-8859-N (with -i/-e suffixes), latinN, windows-125N / cp125N.
    private static func numbered(_ key: String) -> Decoding? {
        for prefix in ["iso8859", "8859", "isolatin", "latin", "l"] where key.hasPrefix(prefix) {
            var rest = Substring(key.dropFirst(prefix.count))
            if prefix.hasPrefix("iso") || prefix == "8859", let last = rest.last, last == "i" || last == "e" {
                rest = rest.dropLast()  // iso-8859-8-i, iso-8859-6-e
            }
            guard !rest.isEmpty, rest.count <= 2, let number = Int(rest) else { continue }
            if prefix.hasPrefix("iso8859") || prefix == "8859" { return isoLatin(number) }
            // latinN → the ISO-8859 part that holds it.
            let part: [Int: Int] = [1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]
            if let isoPart = part[number] { return isoLatin(isoPart) }
            return nil
        }
        for prefix in ["windows", "cp", "win", "mswin", "ms", "ansi"] where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard rest.count == 4, rest.hasPrefix("125"), let number = Int(rest) else { continue }
            switch number {
            case 1252: return .windows1252
            case 1250, 1254, 1257, 1258:
                return .iconv(IconvTarget(names: ["CP\(number)"], latinScript: true))
            case 1251, 1253, 1255, 1256:
                return .iconv(IconvTarget(names: ["CP\(number)"]))
            default: return nil
            }
        }
        return nil
    }

    /// ISO-8859-`part` (1 is read as windows-1252; 12 does not exist).
    private static func isoLatin(_ part: Int) -> Decoding? {
        switch part {
        case 1: return .windows1252
        case 2, 3, 4, 9, 10, 13, 14, 15, 16:
            return .iconv(IconvTarget(names: ["ISO-8859-\(part)"], latinScript: true))
        case 5, 6, 7, 8:
            return .iconv(IconvTarget(names: ["ISO-8859-\(part)"]))
        case 11:
            return .iconv(IconvTarget(names: ["ISO-8859-11", "CP874"]))
        default:
            return nil
        }
    }
}
