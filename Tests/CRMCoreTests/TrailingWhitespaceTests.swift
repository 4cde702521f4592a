import CRMCore
import Testing

@Suite struct TrailingWhitespaceTests {
    @Test(arguments: [
        ("a  b   ", "a  b"), ("  lead stays", "  lead stays"), ("text\n\t \n", "text"), ("   ", ""), ("", ""),
        ("Grüße  ", "Grüße"), ("line\r\n", "line"),
    ])
    func onlyTheEndLosesItsWhitespace(text: String, expected: String) {
        #expect(text.droppingTrailingWhitespace() == expected)
    }
}
