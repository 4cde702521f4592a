import CRMCore
import Testing
@testable import CRMStore

@Suite struct JSONStringListTests {
    @Test func listsSurviveTheRoundTrip() {
        let lists: [[String]] = [[], ["a@x.example"], ["a@x.example", "b@y.example"], ["INBOX", "Label/with \"quotes\""],
                                 ["back\\slash", "line\nbreak", "tab\there", "é ü 日本", "\u{1}\u{7F}\u{2028}"], [""]]
        for list in lists {
            #expect(JSONStringList.strings(JSONStringList.encode(list)) == list)
        }
    }

    @Test func plainListsAreWrittenAsAnyJSONWriterWould() {
        for list in [[], ["a@x.example"], ["INBOX", "CATEGORY_UPDATES", "Label_12"], ["with space", "a/b"]] {
            #expect(JSONStringList.encode(list) == JSONValue.array(list.map { .string($0) }).rendered(pretty: false))
        }
        #expect(JSONStringList.encode(["a@x.example", "b@y.example"]) == #"["a@x.example","b@y.example"]"#)
    }

    @Test func jsonWrittenElsewhereIsReadToo() {
        #expect(JSONStringList.strings(#"[ "a" , "b" ]"#) == ["a", "b"])
        #expect(JSONStringList.strings(#"["caf\u00e9"]"#) == ["café"])
    }

    @Test func whatIsNotAListReadsAsEmpty() {
        for text in ["", "[", "]", "[\"a\"", "{\"a\":1}", "[1,2]", "not json", "[\"a\"\"b\"]"] {
            #expect(JSONStringList.strings(text).isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func storedAddressesComeBackAsStored() {
        let stored = JSONStringList.encode([EmailAddress("ann@x.example")!, EmailAddress("bob@y.example")!])
        #expect(JSONStringList.addresses(stored).map(\.value) == ["ann@x.example", "bob@y.example"])
    }
}
