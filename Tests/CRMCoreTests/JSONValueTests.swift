import Foundation
import Testing
@testable import CRMCore

@Suite("JSONValue")
struct JSONValueTests {
    static let document: JSONValue = .object([
        ("id", .int(3)),
        ("name", .string("Ann Lee")),
        ("tags", .array([.string("vip"), .bool(true), .bool(false), .null])),
        ("empty_object", .object([])),
        ("empty_array", .array([])),
        ("score", .double(1.5)),
        ("nested", .object([("deep", .array([.object([("x", .int(-1))])]))])),
    ])

    @Test func prettyRendering() {
        #expect(Self.document.rendered() == """
            {
              "id": 3,
              "name": "Ann Lee",
              "tags": [
                "vip",
                true,
                false,
                null
              ],
              "empty_object": {},
              "empty_array": [],
              "score": 1.5,
              "nested": {
                "deep": [
                  {
                    "x": -1
                  }
                ]
              }
            }
            """)
    }

    @Test func compactRendering() {
        #expect(Self.document.rendered(pretty: false)
                == #"{"id":3,"name":"Ann Lee","tags":["vip",true,false,null],"empty_object":{},"empty_array":[],"score":1.5,"nested":{"deep":[{"x":-1}]}}"#)
    }

    @Test func keyOrderIsKeptAsWritten() {
        let value: JSONValue = .object([("zeta", .int(1)), ("alpha", .int(2)), ("mid", .int(3))])
        #expect(value.rendered(pretty: false) == #"{"zeta":1,"alpha":2,"mid":3}"#)
    }

    @Test func scalars() {
        #expect(JSONValue.null.rendered() == "null")
        #expect(JSONValue.bool(true).rendered() == "true")
        #expect(JSONValue.int(0).rendered() == "0")
        #expect(JSONValue.int(Int64.min).rendered() == "-9223372036854775808")
        #expect(JSONValue.int(Int64.max).rendered() == "9223372036854775807")
        #expect(JSONValue.string("").rendered() == "\"\"")
        #expect(JSONValue.array([]).rendered() == "[]")
        #expect(JSONValue.object([]).rendered() == "{}")
    }

    @Test func doubles() {
        #expect(JSONValue.double(2).rendered() == "2")
        #expect(JSONValue.double(-3).rendered() == "-3")
        #expect(JSONValue.double(0.1).rendered() == "0.1")
        #expect(JSONValue.double(-0.25).rendered() == "-0.25")
        #expect(JSONValue.double(.nan).rendered() == "null")
        #expect(JSONValue.double(.infinity).rendered() == "null")
        #expect(JSONValue.double(-.infinity).rendered() == "null")
        // Large and tiny values stay valid JSON numbers.
        for value in [1e20, 1e-7, 123456.789, 1e300] {
            let text = JSONValue.array([.double(value)]).rendered(pretty: false)
            let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [NSNumber]
            #expect(parsed?.map(\.doubleValue) == [value], "\(text)")
        }
    }

    @Test func optionalHelpers() {
        #expect(JSONValue.string(nil as String?).rendered() == "null")
        #expect(JSONValue.string("x" as String?).rendered() == "\"x\"")
        #expect(JSONValue.int(nil as Int64?).rendered() == "null")
        #expect(JSONValue.int(7 as Int64?).rendered() == "7")
        #expect(JSONValue.int(42 as Int).rendered() == "42")
    }

    @Test func escaping() {
        let cases: [(String, String)] = [
            ("say \"hi\"", #""say \"hi\"""#),
            (#"C:\path"#, #""C:\\path""#),
            ("a\nb", #""a\nb""#),
            ("a\rb\tc", #""a\rb\tc""#),
            ("\u{1B}[31mred", #""\u001b[31mred""#),
            ("\u{0}", #""\u0000""#),
            ("\u{8}\u{C}\u{1F}", #""\u0008\u000c\u001f""#),
            ("\u{7F}", #""\u007f""#),
            ("\u{85}\u{9B}", #""\u0085\u009b""#),
            ("line\u{2028}sep\u{2029}", #""line\u2028sep\u2029""#),
            ("é 日本 😀 /", "\"é 日本 😀 /\""),
        ]
        for (input, expected) in cases {
            #expect(JSONValue.string(input).rendered() == expected, "\(input.debugDescription)")
        }
    }

    @Test func keysAreEscapedToo() {
        let value: JSONValue = .object([("a\"b\n", .null)])
        #expect(value.rendered(pretty: false) == #"{"a\"b\n":null}"#)
    }

    @Test func outputParsesWithJSONSerialization() throws {
        let nasty = "q\"b\\s/n\nr\rt\tesc\u{1B}]0;x\u{7}nul\u{0}del\u{7F}c1\u{85}\u{9B}ls\u{2028}ps\u{2029}日😀"
        let value: JSONValue = .object([
            (nasty, .string(nasty)),
            ("list", .array([.int(1), .double(2.5), .bool(false), .null, .string(nasty)])),
        ])
        for pretty in [true, false] {
            let data = Data(value.rendered(pretty: pretty).utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object[nasty] as? String == nasty)
            let list = try #require(object["list"] as? [Any])
            try #require(list.count == 5)
            #expect((list[0] as? NSNumber)?.intValue == 1)
            #expect((list[1] as? NSNumber)?.doubleValue == 2.5)
            #expect(list[3] is NSNull)
            #expect(list[4] as? String == nasty)
        }
    }

    @Test func compactOutputHasNoLineBreaks() {
        let text = JSONValue.object([("text", .string("a\nb"))]).rendered(pretty: false)
        #expect(!text.contains("\n"))
        #expect(!JSONValue.string("\u{2028}").rendered().unicodeScalars.contains("\u{2028}"))
    }

    @Test func equalityFollowsRendering() {
        #expect(JSONValue.object([("a", .int(1))]) == .object([("a", .int(1))]))
        #expect(JSONValue.object([("a", .int(1)), ("b", .int(2))]) != .object([("b", .int(2)), ("a", .int(1))]))
        #expect(JSONValue.string("1") != .int(1))
        #expect(JSONValue.null == .string(nil as String?))
    }
}
