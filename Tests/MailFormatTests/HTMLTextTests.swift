import Foundation
import Testing
@testable import MailFormat

@Suite struct HTMLTextTests {
    // MARK: Real mail

    @Test func outlookReplyWithQuotedHistory() {
        let html = """
        <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
        xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
        <head>
        <meta http-equiv=Content-Type content="text/html; charset=utf-8">
        <meta name=Generator content="Microsoft Word 15 (filtered medium)">
        <!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}
        o\\:* {behavior:url(#default#VML);}
        </style><![endif]--><style><!--
        /* Font Definitions */
        @font-face
        \t{font-family:"Cambria Math";
        \tpanose-1:2 4 5 3 5 4 6 3 2 4;}
        p.MsoNormal, li.MsoNormal, div.MsoNormal
        \t{margin:0in;
        \tfont-size:11.0pt;
        \tfont-family:"Calibri",sans-serif;}
        --></style><!--[if gte mso 9]><xml>
        <o:shapedefaults v:ext="edit" spidmax="1026" />
        </xml><![endif]-->
        </head>
        <body lang=EN-US link="#0563C1" vlink="#954F72" style='word-wrap:break-word'>
        <div class=WordSection1>
        <p class=MsoNormal>Hi Anna,<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Thanks for the call today. As promised, here are the next steps:<o:p></o:p></p>
        <ul style='margin-top:0in' type=disc>
        <li class=MsoListParagraph style='margin-left:0in;mso-list:l0 level1 lfo1'>Send the revised \
        quote by <b>Friday</b><o:p></o:p></li>
        <li class=MsoListParagraph style='margin-left:0in;mso-list:l0 level1 lfo1'>Book a demo with our \
        <a href="https://example.com/demo">solutions team</a><o:p></o:p></li>
        </ul>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Best regards,<o:p></o:p></p>
        <p class=MsoNormal><b><span style='color:#1F3864'>Bob Miller</span></b><o:p></o:p></p>
        <p class=MsoNormal>Account Executive | Acme Corp<o:p></o:p></p>
        <p class=MsoNormal><a href="mailto:bob.miller@acme.example">bob.miller@acme.example</a><o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <div>
        <div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'>
        <p class=MsoNormal><b>From:</b> Anna Berg &lt;anna.berg@globex.example&gt; <br><b>Sent:</b> Monday, \
        March 3, 2025 9:14 AM<br><b>To:</b> Bob Miller &lt;bob.miller@acme.example&gt;<br><b>Subject:</b> RE: \
        Pricing for 50 seats<o:p></o:p></p>
        </div>
        </div>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Hi Bob,<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Could you send pricing for 50 seats? We&#8217;d like to start in Q2.<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Anna<o:p></o:p></p>
        </div>
        </body>
        </html>
        """
        #expect(HTMLText.render(html) == """
        Hi Anna,

        Thanks for the call today. As promised, here are the next steps:

        • Send the revised quote by Friday
        • Book a demo with our solutions team [1]

        Best regards,
        Bob Miller
        Account Executive | Acme Corp
        bob.miller@acme.example

        From: Anna Berg <anna.berg@globex.example>
        Sent: Monday, March 3, 2025 9:14 AM
        To: Bob Miller <bob.miller@acme.example>
        Subject: RE: Pricing for 50 seats

        Hi Bob,

        Could you send pricing for 50 seats? We’d like to start in Q2.

        Anna

        [1] https://example.com/demo
        """)
    }

    @Test func gmailReplyQuotesTheHistory() {
        let html = """
        <div dir="ltr">Sounds good, see you Tuesday.<div><br></div><div>Bob</div></div><br>\
        <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 3, 2025 at 9:14 AM Anna Berg \
        &lt;<a href="mailto:anna@globex.example">anna@globex.example</a>&gt; wrote:<br></div>\
        <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);\
        padding-left:1ex"><div dir="ltr">Hi Bob,<div><br></div><div>Does Tuesday at 10 work? Agenda:</div>\
        <ol><li>Pricing</li><li>Rollout</li></ol>\
        <blockquote type="cite">Earlier: can we meet next week?</blockquote>\
        <div>Anna</div></div>
        </blockquote></div>
        """
        #expect(HTMLText.render(html) == """
        Sounds good, see you Tuesday.

        Bob

        On Mon, Mar 3, 2025 at 9:14 AM Anna Berg <anna@globex.example> wrote:

        > Hi Bob,
        >
        > Does Tuesday at 10 work? Agenda:
        >
        > 1. Pricing
        > 2. Rollout
        >
        > > Earlier: can we meet next week?
        >
        > Anna
        """)
    }

    @Test func newsletterWithLayoutTables() {
        let html = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
        "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml">
        <head>
        <meta name="viewport" content="width=device-width, initial-scale=1.0">
        <title>Globex Monthly — March</title>
        <style type="text/css">
          body { margin:0; padding:0; } .btn a { color:#fff; }
          @media only screen and (max-width:600px) { .col { width:100% !important; } }
        </style>
        <!--[if mso]><style>table{border-collapse:collapse;}</style><![endif]-->
        </head>
        <body style="margin:0;padding:0;background:#f4f4f4">
        <div style="display:none;max-height:0;overflow:hidden;mso-hide:all">Spring pricing is \
        here&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&#847;&nbsp;&#847;</div>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f4f4">
        <tr><td align="center">
          <!--[if mso]><table width="600"><tr><td><![endif]-->
          <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0">
            <tr>
              <td style="padding:10px;font-size:12px"><a href="https://news.globex.example/view?id=42">View in \
        browser</a></td>
            </tr>
            <tr>
              <td align="center"><a href="https://globex.example/"><img src="https://cdn.globex.example/logo.png" \
        width="120" alt="Globex"></a></td>
            </tr>
            <tr>
              <td style="padding:20px">
                <h1 style="font-size:24px">Spring pricing is here</h1>
                <p>Hi Anna,</p>
                <p>From April&nbsp;1, Team plans drop to <strong>&euro;19</strong> per seat&mdash;and annual \
        plans get two months free.</p>
                <table role="presentation" cellpadding="0" cellspacing="0"><tr><td class="btn" bgcolor="#0052cc">
                  <!--[if mso]><v:roundrect href="https://globex.example/pricing" style="height:40px;" \
        fillcolor="#0052cc"><center>See pricing</center></v:roundrect><![endif]-->
                  <!--[if !mso]><!-- --><a href="https://globex.example/pricing?utm_source=news&amp;utm_medium=email" \
        style="color:#ffffff;display:inline-block">See pricing&nbsp;&rarr;</a><!--<![endif]-->
                </td></tr></table>
              </td>
            </tr>
            <tr>
              <td>
                <table role="presentation" width="100%"><tr>
                  <td class="col" width="50%" valign="top"><h3>Webinar</h3><p>Join us on March&nbsp;20 for a \
        live demo.</p></td>
                  <td class="col" width="50%" valign="top"><h3>Case study</h3><p>How Initech cut onboarding \
        time by 40%.</p></td>
                </tr></table>
              </td>
            </tr>
            <tr>
              <td style="font-size:11px;color:#999;padding:20px" align="center">
                Globex Corp &middot; 1 Main St &middot; Springfield<br>
                <a href="https://news.globex.example/unsubscribe?u=abc">Unsubscribe</a> | \
        <a href="https://news.globex.example/prefs?u=abc">Preferences</a>
              </td>
            </tr>
          </table>
          <!--[if mso]></td></tr></table><![endif]-->
        </td></tr>
        </table>
        <img src="https://news.globex.example/open.gif?u=abc" width="1" height="1" alt="" style="display:block">
        </body>
        </html>
        """
        #expect(HTMLText.render(html) == """
        View in browser [1]
        [Globex] [2]

        Spring pricing is here

        Hi Anna,

        From April 1, Team plans drop to €19 per seat—and annual plans get two months free.

        See pricing → [3]

        Webinar

        Join us on March 20 for a live demo.

        Case study

        How Initech cut onboarding time by 40%.

        Globex Corp · 1 Main St · Springfield
        Unsubscribe [4] | Preferences [5]

        [1] https://news.globex.example/view?id=42
        [2] https://globex.example/
        [3] https://globex.example/pricing?utm_source=news&utm_medium=email
        [4] https://news.globex.example/unsubscribe?u=abc
        [5] https://news.globex.example/prefs?u=abc
        """)
    }

    @Test func wordListParagraphsAndDownlevelRevealedComments() {
        let html = """
        <?xml:namespace prefix = o ns = "urn:schemas-microsoft-com:office:office" />
        <p class=MsoListParagraphCxSpFirst style='text-indent:-.25in;mso-list:l0 level1 lfo1'>\
        <![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>\
        &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Kick-off<o:p></o:p></p>
        <p class=MsoListParagraphCxSpLast style='text-indent:-.25in;mso-list:l0 level1 lfo1'>\
        <![if !supportLists]><span>2.<span>&nbsp;&nbsp; </span></span><![endif]>Pilot<o:p></o:p></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal>Done.</p>
        """
        #expect(HTMLText.render(html) == """
        · Kick-off
        2. Pilot

        Done.
        """)
    }

    // MARK: What is never shown

    @Test func scriptsStylesHeadTemplatesAndCommentsShowNothing() {
        let html = """
        <!DOCTYPE html><HTML><HEAD><TITLE>Secret title</TITLE>
        <STYLE>p { color: red } /* <p>not a tag</p> */</STYLE>
        <script type="text/javascript">if (a < b && c > d) { document.write("<p>no</p>") }</script>
        <meta charset="utf-8"></HEAD>
        <BODY><!-- a comment with <b>tags</b> --><template><p>template</p></template>
        <p>Visible</p><script>var x = "</scr" + "ipt>";</script><noscript>No script</noscript>
        <svg><text>drawing</text></svg><![CDATA[kept as text]]><!--[if mso]><p>Outlook only</p><![endif]-->
        </BODY></HTML>
        """
        #expect(HTMLText.render(html) == """
        Visible

        No script
        kept as text
        """)
    }

    @Test func hiddenElementsAndPreheadersShowNothing() {
        let html = """
        <div style="DISPLAY: none !important; font-size:1px">Preview text&zwnj;&nbsp;&zwnj;</div>
        <span hidden>hidden attribute</span>
        <div style="visibility:hidden">invisible</div>
        <div style="display:none"><div>nested</div>still hidden</div>
        <p>Shown <span style="display:none">not shown</span>too</p>
        <div style="mso-hide:all">Outlook hides this, we do not</div>
        <table><tr><td><span style="display:none">cut off by the cell</td><td>cell two</td></tr></table>
        """
        #expect(HTMLText.render(html) == """
        Shown too

        Outlook hides this, we do not
        cell two
        """)
    }

    // MARK: Blocks and white space

    @Test func blocksAreSeparatedByAtMostOneBlankLine() {
        let html = """
        <p>One</p><p></p><p>&nbsp;</p><p>  </p>
        <p>Two</p><br><br><br><br><div>Three</div><div><div>Four</div></div>
        <h2>Heading</h2>Five<br>Six<br><br>Seven<br><br><br><br>Eight
        <section>Nine</section><article>Ten</article><header>Eleven</header><footer>Twelve</footer>
        <div>Thirteen</div><div><br></div><div>Fourteen</div><div>&nbsp;</div><div>Fifteen<br></div><div>Sixteen</div>
        """
        #expect(HTMLText.render(html) == """
        One

        Two

        Three
        Four

        Heading

        Five
        Six

        Seven

        Eight
        Nine
        Ten
        Eleven
        Twelve
        Thirteen

        Fourteen

        Fifteen
        Sixteen
        """)
    }

    @Test func whiteSpaceCollapsesOutsidePre() {
        let html = "  <p>  Lots   of\n\tspace\r\n  here , and&nbsp;&nbsp;&nbsp;non-breaking\u{2003}spaces  </p>  "
        #expect(HTMLText.render(html) == "Lots of space here , and non-breaking spaces")
    }

    @Test func preIsKeptVerbatim() {
        let html = """
        <p>Before</p><pre>
        func total() -> Int {
        \treturn  a &lt; b ? 1 : 2   <b>bold</b>


        }
        </pre><p>After</p>
        """
        #expect(HTMLText.render(html) == """
        Before

        func total() -> Int {
                return  a < b ? 1 : 2   bold


        }

        After
        """)
    }

    @Test func lineBreakVariants() {
        let html = "a<br>b<BR>c<br/>d<br />e<Br clear=all>f</br>g<br\n>h"
        #expect(HTMLText.render(html) == "a\nb\nc\nd\ne\nf\ng\nh")
    }

    @Test func headingsStandOnTheirOwnLines() {
        let html = "Intro<h1>Title</h1>text<h3>Sub</h3><h4>Subsub</h4>more"
        #expect(HTMLText.render(html) == """
        Intro

        Title

        text

        Sub

        Subsub

        more
        """)
    }

    @Test func ruleBetweenBlocks() {
        #expect(HTMLText.render("<p>Above</p><hr><p>Below</p>") == """
        Above

        ────────────────────────

        Below
        """)
    }

    // MARK: Lists

    @Test func listsGetMarkersAndNestedListsIndent() {
        let html = """
        <ul>
          <li>Fruit
            <ul><li>Apples</li><li>Pears
              <ol><li>Conference</li><li>Comice</ol>
            </li></ul>
          <li>Vegetables<br>(seasonal)
        </ul>
        <ol start="3"><li>Third<li value="7">Seventh<li>Eighth</ol>
        <li>stray item</li>
        """
        #expect(HTMLText.render(html) == """
        • Fruit
          • Apples
          • Pears
            1. Conference
            2. Comice
        • Vegetables
          (seasonal)

        3. Third
        7. Seventh
        8. Eighth

        • stray item
        """)
    }

    @Test func paragraphsInsideListItemsDoNotSpreadTheList() {
        let html = "<ol><li><p>One</p></li><li><p>Two</p><p>more</p></li></ol>"
        #expect(HTMLText.render(html) == """
        1. One
        2. Two
           more
        """)
    }

    // MARK: Quotes and tables

    @Test func blockquotesArePrefixed() {
        let html = """
        <p>Reply</p><blockquote><p>Quoted</p><p>Second</p><blockquote>Deeper<br>line</blockquote>\
        Back</blockquote>After
        """
        #expect(HTMLText.render(html) == """
        Reply

        > Quoted
        >
        > Second
        >
        > > Deeper
        > > line
        >
        > Back

        After
        """)
    }

    @Test func tableCellsShareALineAndRowsStack() {
        let html = """
        <table border=1>
          <caption>Order summary</caption>
          <tr><th>Item</th><th>Qty</th><th>Price</th></tr>
          <tr><td>Seats</td><td>50</td><td>&euro;950</td></tr>
          <tr><td>Onboarding<td><td>&pound;200
          <tr><td colspan=3><table><tr><td>nested</td><td>table</td></tr></table></td></tr>
        </table>
        """
        #expect(HTMLText.render(html) == """
        Order summary
        Item  Qty  Price
        Seats  50  €950
        Onboarding  £200
        nested  table
        """)
    }

    // MARK: Links and images

    @Test func linksAreNumberedAndListedOnce() {
        let html = """
        <p>Read the <a href="https://example.com/guide">guide</a>, then the <A HREF=https://example.com/faq>FAQ</A>.
        The <a href="https://example.com/guide">same guide</a> again.
        Plain: <a href="https://example.com/">example.com</a>, <a href="http://www.example.com">https://www.example.com/</a>.
        Mail <a href="mailto:anna@globex.example">anna@globex.example</a> or
        <a href="mailto:anna@globex.example?subject=Hi">Anna</a>.
        <a href="javascript:alert('x')">Script</a>, <a href=" JaVaScRiPt:void(0)">another</a>,
        <a href="#top">top</a>, <a name="anchor">anchor</a>, <a href="https://example.com/empty"></a>
        <a href="https://example.com/logo"><img src="logo.png" alt="Acme logo"></a>
        <a href="https://example.com/multi
        line">wrapped URL</a></p>
        """
        #expect(HTMLText.render(html) == """
        Read the guide [1], then the FAQ [2]. The same guide [1] again. Plain: example.com, \
        https://www.example.com/. Mail anna@globex.example or Anna [3]. Script, another, top, anchor, \
        [Acme logo] [4] wrapped URL [5]

        [1] https://example.com/guide
        [2] https://example.com/faq
        [3] mailto:anna@globex.example?subject=Hi
        [4] https://example.com/logo
        [5] https://example.com/multiline
        """)
    }

    @Test func linkNumberFollowsTheTextEvenAcrossBlocks() {
        let html = """
        <a href="https://example.com/offer"><div>Big offer</div><div>Click here</div></a><p>Next</p>
        """
        #expect(HTMLText.render(html) == """
        Big offer
        Click here [1]

        Next

        [1] https://example.com/offer
        """)
    }

    @Test func imagesShowTheirAltText() {
        let html = """
        <p><img src="a.png" alt="Chart: Q1 revenue"> <img src="spacer.gif" alt=""> <img src="b.png">\
        <IMG SRC=c.png ALT=Logo>text <img alt="[Button]" src=d.png></p>
        """
        #expect(HTMLText.render(html) == "[Chart: Q1 revenue] [Logo]text [Button]")
    }

    // MARK: Entities and characters

    @Test func namedEntitiesCommonInMail() {
        let html = """
        &nbsp;&amp; &lt; &gt; &quot; &apos; &copy; &reg; &trade; &hellip; &mdash; &ndash; &lsquo;&rsquo; \
        &ldquo;&rdquo; &bull; &middot; &euro; &pound; &yen; &cent; &sect; &deg; &plusmn; &times; &divide; \
        &frac12; &laquo; &raquo; &eacute;&Eacute;&agrave;&uuml;&ntilde;&ccedil;&oslash;&aring;&szlig; \
        &scaron;&Zcaron;&lstrok;&oelig; &larr;&rarr; &alpha;&Omega; &check;
        """
        #expect(HTMLText.render(html) == """
        & < > " ' © ® ™ … — – ‘’ “” • · € £ ¥ ¢ § ° ± × ÷ ½ « » éÉàüñçøåß šŽłœ ←→ αΩ ✓
        """)
    }

    @Test func numericEntitiesAndBrokenOnes() {
        let html = """
        &#65;&#x42;&#X43; &#8217;&#x2014; &#x1F600; &#0; &#xD800; &#1114112; &#99999999999999; \
        &#150;&#146;&#128; &#; &#x; &#xZZ; &bogus; &Amp; AT&T &amp;amp; &copy &copyright &notit; &eacute \
        &nbsp 5 &ampersand
        """
        #expect(HTMLText.render(html) == """
        ABC ’— 😀 � � � � –’€ &#; &#x; &#xZZ; &bogus; &Amp; AT&T &amp; © ©right ¬it; é 5 &ersand
        """)
    }

    @Test func entitiesInAttributesFollowTheAttributeRule() {
        let html = """
        <a href="https://example.com/?a=1&copy=2&amp;b=3&lang=en&eacute;">x</a> \
        <img alt="Caf&eacute; &amp; Bar">
        """
        #expect(HTMLText.render(html) == """
        x [1] [Café & Bar]

        [1] https://example.com/?a=1&copy=2&b=3&lang=ené
        """)
    }

    @Test func invisibleAndControlCharactersAreRemoved() {
        let html = "Zero\u{200B}width&zwnj; join\u{FEFF}ed soft&shy;hyphen \u{1B}[31mred\u{7} \u{202E}evil" +
            "&#27; &#x85;next &#8203;end 👨\u{200D}👩\u{200D}👧 x\u{200D}y"
        #expect(HTMLText.render(html) == "Zerowidth joined softhyphen [31mred evil …next end 👨\u{200D}👩\u{200D}👧 xy")
    }

    @Test func outputHasNoTrailingSpacesOrBlankLines() {
        let html = "<p>Line with trailing&nbsp;&nbsp; </p><div>  Second  &nbsp;</div><p>&nbsp;</p><br><br>"
        let text = HTMLText.render(html)
        #expect(text == "Line with trailing\n\nSecond")
        #expect(HTMLText.render("") == "")
        #expect(HTMLText.render("<html><head><title>t</title></head><body>&nbsp;<br><p></p></body></html>") == "")
    }

    // MARK: Broken HTML

    @Test func malformedMarkupIsReadLikeABrowserDoes() {
        let html = """
        <P>Unclosed paragraph<P>Another<DIV CLASS=x ID = 'y' data-z>Upper case</DIV>
        <b><i>mis</b>nested</i> text; 3 < 5 and x<3 and a <= b, <3 hearts, </ bogus> and <> kept
        <p title="a>b">quoted greater-than</p><p title='unterminated>gone
        """
        #expect(HTMLText.render(html) == """
        Unclosed paragraph

        Another

        Upper case
        misnested text; 3 < 5 and x<3 and a <= b, <3 hearts, and <> kept

        quoted greater-than
        """)
    }

    @Test func textBeforeTheBodyIsNotLost() {
        #expect(HTMLText.render("<html><head><meta charset=utf-8>Hello <b>Bob</b></head><body> there</body>") ==
            "Hello Bob there")
    }

    @Test func uppercaseTagsAndUnquotedAttributes() {
        let html = "<TABLE><TR><TD>A</TD><TD>B</TD></TR></TABLE><A HREF=http://x.example/p?q=1>link</A>"
        #expect(HTMLText.render(html) == "A  B\nlink [1]\n\n[1] http://x.example/p?q=1")
    }

    // MARK: Linear time

    /// A megabyte of each shape that defeats naive parsers; a quarter for the cheaper shapes.
    @Test(arguments: [
        ("nested unclosed inline and links", "<div><span><b><a href=x>t", 1 << 20),
        ("nested lists", "<ul><li>x", 1 << 20),
        ("nested tables", "<table><tr><td>x", 1 << 20),
        ("nested quotes", "<blockquote>q", 1 << 18),
        ("hidden nesting", "<div style='display:none'><span>", 1 << 18),
        ("end tags without start tags", "</p></div></a></li></td>", 1 << 18),
        ("half tags", "<a<b", 1 << 18),
        ("entities", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa &#99999999999 &amp &", 1 << 18),
    ])
    func pathologicalInputTakesLinearTime(name: String, unit: String, bytes: Int) {
        let html = String(repeating: unit, count: bytes / unit.utf8.count)
        let clock = ContinuousClock()
        var text = ""
        let elapsed = clock.measure { text = HTMLText.render(html) }
        // Under a second unoptimized on a busy machine; anything quadratic would take hours.
        #expect(elapsed < .seconds(15), "\(name): \(elapsed)")
        #expect(!text.contains("\u{1B}"))
    }

    @Test func manyLessThanSignsAndUnclosedConstructs() {
        let clock = ContinuousClock()
        let inputs = [
            String(repeating: "<", count: 100_000),
            "<!--" + String(repeating: "x", count: 1 << 20),
            "<a href=\"" + String(repeating: "x", count: 1 << 20),
            "<pre>" + String(repeating: "\t\ta\n", count: 1 << 16),
            "<table>" + String(repeating: "<div>", count: 1 << 15) + String(repeating: "</td></div>", count: 1 << 14),
        ]
        let elapsed = clock.measure {
            #expect(HTMLText.render(inputs[0]) == inputs[0])
            #expect(HTMLText.render(inputs[1]) == "")
            #expect(HTMLText.render(inputs[2]) == "")
            #expect(HTMLText.render(inputs[3]).hasPrefix("                a\n                a\n"))
            #expect(HTMLText.render(inputs[4]) == "")
        }
        #expect(elapsed < .seconds(15))
    }

    @Test func deepNestingIsDrawnAtABoundedDepth() {
        let text = HTMLText.render(String(repeating: "<blockquote>", count: 50) + "deep")
        #expect(text == String(repeating: "> ", count: PlainTextWriter.maximumDepth) + "deep")
        let list = HTMLText.render(String(repeating: "<ul><li>", count: 50) + "deep")
        #expect(list.split(separator: "\n").last == Substring(
            String(repeating: " ", count: 2 * (PlainTextWriter.maximumDepth - 1)) + "• deep"))
    }

    // MARK: Pieces

    @Test func tokenizerReadsTagsAttributesAndComments() {
        let tokens = Array(HTMLTokenizer(
            "<!DOCTYPE html><A Href=x.html  title='a &amp; b' checked/>t&lt;<!--c--><![CDATA[d]]></A><?pi?><script>1<2</script >"))
        #expect(tokens == [
            .doctype,
            .startTag(HTMLTag(name: "a", attributes: [("href", "x.html"), ("title", "a & b"), ("checked", "")],
                              selfClosing: true)),
            .text("t<"),
            .comment("c"),
            .cdata("d"),
            .endTag("a"),
            .comment("?pi?"),
            .startTag(HTMLTag(name: "script")),
            .text("1<2"),
            .endTag("script"),
        ])
    }

    @Test func entitiesDecodeForSnippets() {
        #expect(HTMLEntities.decode("Tom &amp; Jerry&#39;s &quot;offer&quot; &unknown; &") ==
            "Tom & Jerry's \"offer\" &unknown; &")
        #expect(HTMLEntities.decode("no references") == "no references")
    }

    @Test func escapingMakesTextSafeInHTMLAndDecodesBack() {
        #expect(HTMLEntities.escape(#"<a href="x">Tom & Jerry's</a>"#) ==
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEntities.escape("plain – naïve ✓") == "plain – naïve ✓")
        for text in ["&amp; already", "a < b > c", #"'"&"'"#, "&#39;&copy"] {
            #expect(HTMLEntities.decode(HTMLEntities.escape(text)) == text)
        }
    }

    // MARK: Real-world corpus

    @Test func corpusMessagesRenderCleanly() throws {
        guard let root = MIMECorpus.root,
              let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return MIMECorpus.skipNote()
        }
        var rendered = 0
        for case let file as URL in files {
            guard let data = try? Data(contentsOf: file), !data.isEmpty else { continue }
            let source = String(decoding: data, as: UTF8.self)
            guard source.range(of: "<html", options: .caseInsensitive) != nil
                || source.range(of: "text/html", options: .caseInsensitive) != nil else { continue }
            let text = HTMLText.render(source)
            rendered += 1
            let bad = text.unicodeScalars.first { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(bad == nil, "\(file.lastPathComponent) has a control character")
            #expect(!text.split(separator: "\n").contains { $0.last == " " }, "\(file.lastPathComponent)")
            #expect(!text.contains("\n\n\n"), "\(file.lastPathComponent)")
        }
        #expect(rendered > 0)
    }
}
