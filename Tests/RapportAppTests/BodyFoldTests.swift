import Testing
@testable import RapportApp

/// What the conversation view folds: quoted text with its "On … wrote:" line, and signatures.
@Suite struct BodyFoldTests {
    @Test func aReplyWithAnAttributionAQuoteAndASignature() {
        let body = "Thanks, see below.\n\nOn Mon, 1 Dec 2026, Carol\nClient wrote:\n> The terms.\n>\n> Carol\n\n-- \nAnn Lee\nNorthwind"
        #expect(BodyFold.parts(body) == [
            .text(["Thanks, see below.", ""]),
            .quote(["On Mon, 1 Dec 2026, Carol", "Client wrote:", "> The terms.", ">", "> Carol"]),
            .text([""]),
            .signature(["-- ", "Ann Lee", "Northwind"]),
        ])
    }

    @Test func quotesBetweenAnswersStaySeparateAndBlankLinesInsideAQuoteStayInIt() {
        let body = "> first\n\n> still first\nAnswer one.\n> second\nAnswer two."
        #expect(BodyFold.parts(body) == [
            .quote(["> first", "", "> still first"]), .text(["Answer one."]), .quote(["> second"]), .text(["Answer two."]),
        ])
    }

    @Test func aSignatureEndsWhereAQuoteBegins() {
        let body = "Short answer.\n-- \nAnn\nOn Tue, Carol wrote:\n> question"
        #expect(BodyFold.parts(body) == [
            .text(["Short answer."]), .signature(["-- ", "Ann"]), .quote(["On Tue, Carol wrote:", "> question"]),
        ])
        #expect(BodyFold.parts("No quotes here.\nNor a signature.") == [.text(["No quotes here.", "Nor a signature."])])
        #expect(BodyFold.quote(["> a", "> b"]).foldedLine == "··· quoted text (2 lines)")
    }
}
