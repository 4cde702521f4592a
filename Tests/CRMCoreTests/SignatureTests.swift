import Testing
@testable import CRMCore

/// Signatures as people write them in their files, and where they go in a body.
@Suite struct SignatureTests {
    @Test func aFileIsReadAsPeopleWriteIt() {
        #expect(Signature(text: "Ann Lee\r\nAlpha Sales\r\n\r\n")?.text == "Ann Lee\nAlpha Sales")
        #expect(Signature(text: "-- \nAnn")?.text == "Ann", "the dashes are added, not doubled")
        #expect(Signature(text: "\n\n--\nAnn\n")?.text == "Ann")
        #expect(Signature(text: "Ann\u{1B}[31m red\u{7}\tand \u{202E}flipped")?.text == "Ann[31m red\tand flipped")
        #expect(Signature(text: "  \n\t\n") == nil)
        #expect(Signature(text: "-- \n") == nil)
    }

    @Test func theBlockFollowsWhatIsWritten() {
        let signature = Signature(text: "Ann")
        #expect(Signature.body("", signature: signature) == "\n\n-- \nAnn")
        #expect(Signature.body("Hi", signature: signature) == "Hi\n\n-- \nAnn")
        #expect(Signature.body("Hi", signature: nil) == "Hi")
    }

    @Test func changingMailboxChangesTheSignatureWhereItStands() {
        let work = Signature(text: "Ann, Alpha")
        let own = Signature(text: "Ann")
        let body = "Hi Carol\n\n-- \nAnn, Alpha\n\nOn Tue, Carol wrote:\n> hello"
        #expect(Signature.swap(in: body, from: work, to: own) == "Hi Carol\n\n-- \nAnn\n\nOn Tue, Carol wrote:\n> hello")
        #expect(Signature.swap(in: body, from: work, to: nil) == "Hi Carol\n\nOn Tue, Carol wrote:\n> hello")
        #expect(Signature.swap(in: "Hi\n\n-- \nAnn, Alpha, edited", from: own, to: work) == "Hi\n\n-- \nAnn, Alpha, edited",
                "a signature edited away is left as written")
        #expect(Signature.swap(in: body, from: nil, to: own) == body)
    }
}
