import CRMCore
import Testing

@Suite struct SearchSnippetTests {
    @Test func aroundTheFirstWantedWordOnOneLine() {
        let text = String(repeating: "filler words here ", count: 20) + "the Kestrel\nprice list\tis attached. "
            + String(repeating: "more filler ", count: 20)
        let snippet = SearchSnippet.make(text, around: ["price", "kestrel"], width: 60)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.contains("the Kestrel price list is attached"))
        #expect(!snippet.contains("\n") && !snippet.contains("\t"))
    }

    @Test func foldedAsSearchFoldsAndTheStartWhenNothingIsFound() {
        let text = String(repeating: "x ", count: 80) + "Señor Martín wrote"
        #expect(SearchSnippet.make(text, around: ["martin"], width: 40).contains("Martín"))
        #expect(SearchSnippet.make("Short text", around: ["absent"]) == "Short text")
        #expect(SearchSnippet.make(text, around: [], width: 10) == "x x x x x …")
    }

    @Test func wantedWordsLeaveOutWhatIsNegated() {
        let query = SearchQuery.parse("kestrel -pricing (subject:plan OR \"big deal\") from:carol")
        #expect(query?.wantedWords == ["kestrel", "plan", "big deal"])
    }
}
