import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

@Suite struct ContentTypeTests {
    private func parse(_ value: String) -> ContentType? { ContentType(headerValue: Array(value.utf8)) }

    @Test func typeSubtypeAndParameters() throws {
        let type = try #require(parse("Text/HTML; Charset=\"UTF-8\"; format=flowed"))
        #expect(type.type == "text" && type.subtype == "html")
        #expect(type.mimeType == "text/html")
        #expect(type.parameters == ["charset": "UTF-8", "format": "flowed"])
        #expect(type.charset == "UTF-8")
    }

    @Test func commentsAndStraySpaces() throws {
        #expect(parse("(hello) text (x) / (y) plain (z) ; charset = us-ascii (Plain text)")
                == ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"]))
        #expect(parse(" image / jpeg ")?.mimeType == "image/jpeg")
    }

    @Test func missingSubtype() {
        #expect(parse("text") == ContentType(type: "text", subtype: "plain"))
        #expect(parse("TEXT; charset=utf-8") == ContentType(type: "text", subtype: "plain", parameters: ["charset": "utf-8"]))
        #expect(parse("text/") == ContentType(type: "text", subtype: "plain"))
        #expect(parse("multipart; boundary=abc") == ContentType(type: "multipart", subtype: "mixed",
                                                               parameters: ["boundary": "abc"]))
        #expect(parse("multipart") == nil)
        #expect(parse("image") == nil)
    }

    @Test(arguments: ["", "   ", ";", "/plain", "/", "; charset=utf-8", "(only a comment)", "charset=utf-8", "/ ; name=value"])
    func junkIsNil(value: String) {
        #expect(parse(value) == nil)
    }

    @Test func boundaryIsKeptExactly() {
        #expect(parse("multipart/mixed; boundary=\"----=_Part_1_=?x?=\"")?.boundary == "----=_Part_1_=?x?=")
        #expect(parse("multipart/mixed; boundary==_abc=?utf-8?Q?x?=")?.boundary == "=_abc=?utf-8?Q?x?=")
        #expect(parse("multipart/alternative; boundary=\"  spaced  \"")?.boundary == "  spaced  ")
        #expect(parse("multipart/mixed; boundary=gc0pJq0M:08jU534c0p")?.boundary == "gc0pJq0M:08jU534c0p")
    }

    /// Raw 8-bit parameter values: UTF-8 when valid, else in the header's own charset parameter.
    @Test func raw8BitValues() {
        #expect(parse("text/plain; name=\"Ünïcödé.txt\"")?.name == "Ünïcödé.txt")
        let koi8: [UInt8] = Array("text/plain; charset=koi8-r; name=\"".utf8) + [0xD4, 0xC5, 0xD3, 0xD4] + Array(".txt\"".utf8)
        #expect(ContentType(headerValue: koi8)?.name == "тест.txt")
        let latin1: [UInt8] = Array("application/pdf; name=\"caf".utf8) + [0xE9] + Array(".pdf\"".utf8)
        #expect(ContentType(headerValue: latin1)?.name == "café.pdf")
    }

    @Test func quotedWholeType() {
        #expect(parse("\"text/html\"; charset=utf-8")?.mimeType == "text/html")
    }

    @Test func foldedRawValues() {
        #expect(parse("multipart/mixed;\r\n\tboundary=\"foo\r\n bar\"")?.boundary == "foo bar")
        #expect(parse("text/plain;\r\n charset=utf-8;\r\n format=flowed")?.parameters == ["charset": "utf-8", "format": "flowed"])
    }

    @Test func defaultText() {
        #expect(ContentType.defaultText.mimeType == "text/plain")
        #expect(ContentType.defaultText.charset == "us-ascii")
    }

    // MARK: - stalwart's header vectors

    /// Entries of stalwart-mail-parser's content_type.json where we differ on purpose, with why.
    /// Each must still differ exactly as described, so a fix upstream or here shows up.
    static let deliberateExceptions: [String: String] = [
        // RFC 2047 §6.2: white space between adjacent encoded-words is not part of the text.
        // Senders split one file name into several encoded-words at arbitrary points (the
        // "Auftragsbestätigung" vector below is one), so keeping the spaces would corrupt those.
        "image/jpeg;\n   name=\"=?iso-8859-1?B?4Q==?= =?utf-8?B?w6k=?= =?iso-8859-1?q?=ED?=.jpeg\"\n": "áéí.jpeg",
    ]

    @Test func stalwartContentTypeVectors() throws {
        guard let root = DecoderCorpus.root else { return DecoderCorpus.skipNote("stalwart content_type.json") }
        let url = root.appendingPathComponent("stalwart-mail-parser/header-vectors/content_type.json")
        let data = try Data(contentsOf: url)
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(entries.count >= 100)
        var matched = 0
        var misses: [String] = []
        for entry in entries {
            let header = try #require(entry["header"] as? String)
            let actual = MIMEHeaderValue(Array(header.utf8))
            if let exception = Self.deliberateExceptions[header] {
                #expect(actual?.parameters["name"] == exception, "exception changed: \(header.debugDescription)")
                continue
            }
            let difference = Self.difference(actual, entry["expected"])
            if let difference {
                misses.append("\(header.debugDescription): \(difference)")
            } else {
                matched += 1
            }
        }
        let compared = entries.count - Self.deliberateExceptions.count
        print("stalwart content_type.json: \(matched)/\(compared) match, \(Self.deliberateExceptions.count) deliberate exception(s)")
        for miss in misses { print("  miss \(miss)") }
        #expect(misses.isEmpty)
    }

    /// Every Content-Type and Content-Disposition field of stalwart's 53 messages (RFC examples,
    /// Dovecot's malformed and third-party mail): the raw value, cut from the .eml at the offsets
    /// stalwart recorded (NNN.crlf.json's for files with CRLF line ends), must parse to what
    /// stalwart's whole-message JSON says. Fields of messages nested in a transfer-encoded part have
    /// offsets into the decoded bytes, not the file; those (no ":" before the value) are skipped.
    @Test func stalwartMessageHeaders() throws {
        guard let root = DecoderCorpus.root else { return DecoderCorpus.skipNote("stalwart message headers") }
        var compared = 0
        var skipped = 0
        var misses: [String] = []
        for folder in ["rfc", "malformed", "thirdparty"] {
            let directory = root.appendingPathComponent("stalwart-mail-parser/\(folder)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".eml") {
                let eml = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
                let crlf = zip(eml, eml.dropFirst()).contains { $0 == 0x0D && $1 == 0x0A }
                let jsonName = String(name.dropLast(4)) + (crlf ? ".crlf.json" : ".json")
                guard let json = try? Data(contentsOf: directory.appendingPathComponent(jsonName)) else { continue }
                guard let message = try JSONSerialization.jsonObject(with: json) as? [String: Any],
                      let parts = message["parts"] as? [[String: Any]] else { continue }
                for part in parts {
                    for header in part["headers"] as? [[String: Any]] ?? [] {
                        guard let field = header["name"] as? String,
                              field == "content_type" || field == "content_disposition" else { continue }
                        guard let start = header["offset_start"] as? Int, let end = header["offset_end"] as? Int,
                              start > 0, start <= end, end <= eml.count, eml[start - 1] == UInt8(ascii: ":") else {
                            skipped += 1
                            continue
                        }
                        let raw = Array(eml[start..<end])
                        var expected: Any? = nil
                        if let value = header["value"] as? [String: Any], let type = value["ContentType"] as? [String: Any] {
                            var converted = type
                            converted["attributes"] = (type["attributes"] as? [[String: Any]])?.map {
                                [$0["name"] as? String ?? "", $0["value"] as? String ?? ""]
                            }
                            expected = converted
                        }
                        compared += 1
                        if let difference = Self.difference(MIMEHeaderValue(raw), expected) {
                            misses.append("\(folder)/\(jsonName) \(String(decoding: raw, as: UTF8.self).debugDescription): \(difference)")
                        }
                    }
                }
            }
        }
        print("stalwart message headers: \(compared - misses.count)/\(compared) match, \(skipped) skipped (nested)")
        for miss in misses { print("  miss \(miss)") }
        #expect(compared >= 200)
        #expect(misses.isEmpty)
    }

    /// nil when `actual` says what stalwart's expected value says; else what differs. Languages are
    /// compared as stalwart lists them, as a "name-language" attribute.
    static func difference(_ actual: MIMEHeaderValue?, _ expected: Any?) -> String? {
        guard let expected = expected as? [String: Any] else {
            return actual == nil ? nil : "expected nothing, got \(actual?.type ?? "")/\(actual?.subtype ?? "-")"
        }
        guard let actual else { return "got nothing" }
        let type = expected["c_type"] as? String
        let subtype = expected["c_subtype"] as? String
        var wanted: [String: String] = [:]
        for pair in expected["attributes"] as? [[String]] ?? [] where pair.count == 2 {
            wanted[pair[0]] = pair[1]
        }
        var got = actual.parameters
        for (name, language) in actual.languages { got[name + "-language"] = language }
        var problems: [String] = []
        if actual.type != type { problems.append("type \(actual.type.debugDescription) ≠ \(type.debugDescription)") }
        if actual.subtype != subtype { problems.append("subtype \(actual.subtype.debugDescription) ≠ \(subtype.debugDescription)") }
        if got != wanted { problems.append("parameters \(got) ≠ \(wanted)") }
        return problems.isEmpty ? nil : problems.joined(separator: ", ")
    }

    // MARK: - Robustness

    @Test func survivesMutatedHeaderValues() throws {
        var generator = SeededRandom(seed: 2231)
        let seeds = [
            "multipart/mixed; boundary=\"----=_Part_0_1.2\"; charset=utf-8",
            "application/pdf; name*0*=utf-8''%E2%82%AC; name*1=\"x (1).pdf\"; name*2*=%ZZ",
            "text/plain; name=\"=?utf-8?B?w6k=?= =?utf-8?Q?a=C3=A9?=\"; (comment \\) ( nested ) ) x=y",
        ]
        let alphabet = Array(";=\"'*%\\()?/ \r\n\t".utf8) + [0x00, 0xC3, 0xFF]
        for seed in seeds {
            for _ in 0..<400 {
                var bytes = Array(seed.utf8)
                for _ in 0..<6 {
                    let position = Int(generator.next() % UInt64(bytes.count))
                    bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
                _ = ContentType(headerValue: bytes)
                _ = ContentDisposition(headerValue: bytes)
            }
        }
        let pathological = [
            String(repeating: "(", count: 50_000), String(repeating: "=?", count: 50_000),
            "a/b; " + String(repeating: "x ", count: 50_000), "a/b; n=" + String(repeating: "v ", count: 50_000),
            "a/b; " + String(repeating: "n*1*=%", count: 20_000), "a/b; n=\"" + String(repeating: "\\", count: 50_001),
            "a/b; n=" + String(repeating: "=?a?b?", count: 30_000),
        ]
        let start = Date()
        for value in pathological { _ = ContentType(headerValue: Array(value.utf8)) }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
