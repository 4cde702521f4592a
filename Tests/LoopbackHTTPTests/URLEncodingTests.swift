import Testing
import LoopbackHTTP

@Suite("URLEncoding")
struct URLEncodingTests {
    @Test("only RFC 3986 unreserved characters stay as they are")
    func reservedSet() {
        let unreserved = "ABCXYZabcxyz0189-._~"
        #expect(URLEncoding.encode(unreserved) == unreserved)
        // Every reserved gen-delim and sub-delim, the space and "%" itself are escaped.
        let reserved = ":/?#[]@!$&'()*+,;= %"
        for character in reserved {
            let encoded = URLEncoding.encode(String(character))
            let byte = character.asciiValue!
            let hex = String(byte, radix: 16, uppercase: true)
            #expect(encoded == "%" + (hex.count == 1 ? "0" + hex : hex), "\(character)")
        }
        #expect(URLEncoding.encode("a+b c") == "a%2Bb%20c")
    }

    @Test("bytes are escaped one by one, in upper-case hex, control bytes padded to two digits")
    func utf8AndControls() {
        #expect(URLEncoding.encode("é") == "%C3%A9")
        #expect(URLEncoding.encode("\n\u{7F}") == "%0A%7F")
    }

    @Test("a caller may keep more (or fewer) characters than the unreserved set")
    func customKeep() {
        let keepAt = { (byte: UInt8) in URLEncoding.isUnreserved(byte) || byte == UInt8(ascii: "@") }
        #expect(URLEncoding.encode("ann@x.com/~", keeping: keepAt) == "ann@x.com%2F~")
        #expect(URLEncoding.encode("a~b", keeping: { $0 != UInt8(ascii: "~") }) == "a%7Eb")
    }

    @Test("encoding then decoding gives the text back, whatever it holds")
    func roundTrip() {
        for text in ["", "plain", "a+b=c&d", "100% ✓ naïve", "q=from:ann@x.com is:unread"] {
            #expect(URLEncoding.decode(URLEncoding.encode(text), plusAsSpace: true) == text)
        }
    }

    @Test("a form keeps its order and repeated names, and reads back as the same pairs")
    func form() {
        let fields = [("scope", "a b+c"), ("state", "x&y=z"), ("scope", "")]
        let text = URLEncoding.form(fields)
        #expect(text == "scope=a%20b%2Bc&state=x%26y%3Dz&scope=")
        #expect(URLEncoding.pairs(text).map { [$0.name, $0.value] } == fields.map { [$0.0, $0.1] })
    }
}
