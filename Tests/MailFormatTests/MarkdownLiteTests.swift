import Testing
@testable import MailFormat

@Suite struct MarkdownLiteTests {
    // MARK: Detecting the subset

    @Test(arguments: [
        "Please *confirm* by Friday",
        "This is **important**",
        "It is _really_ good",
        "See [the pricing page](https://example.com/pricing)",
        "Write to [me](mailto:bob@acme.example)",
        "Agenda:\n- pricing\n- rollout",
        "* first\n* second",
        "Steps:\n1. sign\n2. return",
        "  - indented item",
    ])
    func formattingIsDetected(text: String) {
        #expect(MarkdownLite.hasFormatting(text))
    }

    @Test(arguments: [
        "",
        "Hi Anna,\n\nThanks for the call today.\n\nBob",
        "2*3*4 = 24",
        "a * b * c",
        "Reach me at first_last@example.com or first_middle_last@example.com",
        "Rename snake_case_name to other_snake_case",
        "__init__ and __main__",
        "**not closed",
        "The price is 5* and the rating 4*.",
        "Details at https://example.com/a_b_c?x=*y* and http://example.com",
        "[not a link](javascript:alert(1)) and [relative](/path) and [text] (https://x.example)",
        "-- \nBob",
        "-5 degrees outside\n1.5 million users\n*nix users",
        "** spaced ** and * spaced * and _ spaced _",
    ])
    func plainTextIsNotFormatting(text: String) {
        #expect(!MarkdownLite.hasFormatting(text))
    }

    // MARK: HTML

    @Test func paragraphsAndLineBreaks() {
        let text = "Hi Anna,\n\nThanks for the call.\nTalk soon.\n\n\n\nBob\r\nAcme\r\n"
        #expect(MarkdownLite.html(text) == """
        <p>Hi Anna,</p>
        <p>Thanks for the call.<br>
        Talk soon.</p>
        <p>Bob<br>
        Acme</p>
        """)
    }

    @Test func everythingIsEscaped() {
        let text = "<script>alert(\"x\")</script> & 'quotes' <b>not bold</b> &amp;"
        #expect(MarkdownLite.html(text) == """
        <p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &lt;b&gt;not bold&lt;/b&gt; &amp;amp;</p>
        """)
    }

    @Test func emphasisAndStrong() {
        let text = "**Note:** this is *important* and _urgent_, **bold with *nested* emphasis**."
        #expect(MarkdownLite.html(text) == """
        <p><strong>Note:</strong> this is <em>important</em> and <em>urgent</em>, \
        <strong>bold with <em>nested</em> emphasis</strong>.</p>
        """)
    }

    @Test func asterisksAndUnderscoresInProseAreLeftAlone() {
        let text = """
        2*3*4 = 24 and a * b * c; 5* hotel; first_last@example.com; snake_case_name; __init__; ***three***
        **unclosed and *unclosed
        """
        #expect(MarkdownLite.html(text) == """
        <p>2*3*4 = 24 and a * b * c; 5* hotel; first_last@example.com; snake_case_name; __init__; ***three***<br>
        **unclosed and *unclosed</p>
        """)
    }

    @Test func linksOnlyForWebAndMailAddresses() {
        let text = """
        [Pricing](https://example.com/p?a=1&b='2') [Mail me](MAILTO:bob@acme.example) \
        [Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) [bad](javascript:alert(1)) [local](/x) \
        [*styled* text](http://example.com)
        """
        #expect(MarkdownLite.html(text) == """
        <p><a href="https://example.com/p?a=1&amp;b=&#39;2&#39;">Pricing</a> \
        <a href="MAILTO:bob@acme.example">Mail me</a> \
        <a href="https://en.wikipedia.org/wiki/Foo_(bar)">Wiki</a> [bad](javascript:alert(1)) [local](/x) \
        <a href="http://example.com"><em>styled</em> text</a></p>
        """)
    }

    @Test func bareURLsBecomeLinksAndKeepTheirAsterisks() {
        let text = "See https://example.com/a_b_*c*/d, or (http://example.com/x). *Really*: https://example.com."
        #expect(MarkdownLite.html(text) == """
        <p>See <a href="https://example.com/a_b_*c*/d">https://example.com/a_b_*c*/d</a>, or \
        (<a href="http://example.com/x">http://example.com/x</a>). <em>Really</em>: \
        <a href="https://example.com">https://example.com</a>.</p>
        """)
    }

    @Test func listsNestByIndentation() {
        let text = """
        Next steps:
        - send the **contract**
        - book a demo
          (thirty minutes)
          * with sales
          * with support
        - sign

        3. third
        4. fourth
        - a new bullet list
        """
        #expect(MarkdownLite.html(text) == """
        <p>Next steps:</p>
        <ul>
        <li>send the <strong>contract</strong></li>
        <li>book a demo<br>
        (thirty minutes)
        <ul>
        <li>with sales</li>
        <li>with support</li>
        </ul></li>
        <li>sign</li>
        </ul>
        <ol start="3">
        <li>third</li>
        <li>fourth</li>
        </ol>
        <ul>
        <li>a new bullet list</li>
        </ul>
        """)
    }

    @Test func textAfterAListStartsAParagraph() {
        #expect(MarkdownLite.html("- one\n- two\nThanks,\nBob") == """
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        <p>Thanks,<br>
        Bob</p>
        """)
    }

    @Test func emptyTextIsEmpty() {
        #expect(MarkdownLite.html("") == "")
        #expect(MarkdownLite.html("\n  \n") == "")
    }

    // MARK: Round trip

    @Test func renderingTheHTMLReadsLikeTheOriginal() {
        let text = """
        Hi Anna,

        Thanks for the call. Next steps:
        - send the **revised quote** by Friday
        - book a demo with [our team](https://acme.example/demo)

        1. sign
        2. return

        Ping me at bob_miller@acme.example. 2*3*4 seats is *plenty*.
        Bob
        """
        #expect(HTMLText.render(MarkdownLite.html(text)) == """
        Hi Anna,

        Thanks for the call. Next steps:

        • send the revised quote by Friday
        • book a demo with our team [1]

        1. sign
        2. return

        Ping me at bob_miller@acme.example. 2*3*4 seats is plenty.
        Bob

        [1] https://acme.example/demo
        """)
    }

    @Test(arguments: [
        "Plain words only",
        "Hi *Anna*,\n\n**Pricing**: 50 seats at €19 — see [the page](https://acme.example/p?x=1&y=2).",
        "- a <b> & c\n- 2*3*4\n  - nested _one_\n\n10. ten\n11. eleven",
        "first_last@example.com wrote:\n> quoted? no, just text\n\n\tindented\ttabs",
        "Emoji 👍🏽 and ünïcödé, \"quotes\" and 'apostrophes' & ampersands <tags>",
    ])
    func roundTripKeepsEveryWord(text: String) {
        let rendered = HTMLText.render(MarkdownLite.html(text))
        var remaining = Substring(rendered)
        for word in Self.words(text) {
            guard let found = remaining.range(of: word) else {
                Issue.record("\"\(word)\" missing from:\n\(rendered)")
                return
            }
            remaining = remaining[found.upperBound...]
        }
    }

    /// The words of `text` without Markdown: runs of letters, digits and common punctuation.
    private static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || "@.,'\"&<>€—:?!".contains($0)) }
            .map(String.init)
            .filter { $0 != "." && $0 != "," }
    }
}
