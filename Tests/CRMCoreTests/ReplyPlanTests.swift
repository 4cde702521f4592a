import Foundation
import Testing
@testable import CRMCore

/// Replies, replies to all and forwards as values: recipients, subject, body, threading, attachments.
@Suite struct ReplyPlanTests {
    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    static func named(_ name: String?, _ address: String) -> NamedAddress {
        NamedAddress(name: name, address: Self.address(address))
    }

    static let ann = address("ann@alpha.example")
    static let annOther = address("ann.lee@gmail.example")
    static let own: Set = [ann, annOther]
    static let utc = TimeZone(identifier: "UTC")!

    /// Carol's message to Ann and Dan, copied to Eve and to Ann's other mailbox.
    static func parent(isOwn: Bool = false) -> ParentMessage {
        ParentMessage(
            mailbox: ann, isOwn: isOwn, messageID: "c3@client.example",
            references: ["a1@alpha.example", "c2@client.example"], threadID: "18f0a",
            from: named("Carol Client", "carol@client.example"),
            to: [named("Ann Lee", "ann@alpha.example"), named("Müller, Dan", "dan@client.example")],
            cc: [named(nil, "eve@client.example"), named("Ann", "ANN.LEE@gmail.example")],
            subject: "RE: Re: Proposal", date: Date(timeIntervalSince1970: 1_772_546_700),
            bodyText: "Looks good.\r\n\r\n> earlier words\r\nCarol\r\n\r\n",
            attachments: [NewAttachment(filename: "terms.pdf", contentType: "application/pdf", data: Data([1, 2, 3]))])
    }

    private func plan(_ kind: ReplyPlan.Kind, _ parent: ParentMessage = parent(), from: EmailAddress = ann,
                      text: String = "", signature: Signature? = nil) -> ReplyPlan {
        ReplyPlan(kind, to: parent, from: from, ownAddresses: Self.own, text: text, signature: signature, zone: Self.utc)
    }

    // MARK: recipients

    @Test func aReplyGoesToTheSenderWithTheirName() {
        let reply = plan(.reply)
        #expect(reply.to == [Self.named("Carol Client", "carol@client.example")])
        #expect(reply.cc.isEmpty)
    }

    @Test func aReplyGoesToReplyToWhenTheSenderAsksForIt() {
        var parent = Self.parent()
        parent.replyTo = [Self.named("Sales desk", "desk@client.example")]
        #expect(plan(.reply, parent).to == [Self.named("Sales desk", "desk@client.example")])
        #expect(plan(.replyAll, parent).to.map(\.address.value)
                == ["desk@client.example", "dan@client.example"], "the sender asked for replies elsewhere")
    }

    @Test func replyAllIsEveryoneButUsOnceWithNames() {
        let all = plan(.replyAll)
        #expect(all.to == [Self.named("Carol Client", "carol@client.example"), Self.named("Müller, Dan", "dan@client.example")])
        #expect(all.cc == [Self.named(nil, "eve@client.example")], "both of Ann's mailboxes are left out")
    }

    @Test func replyAllMergesAnAddressGivenTwiceKeepingAName() {
        var parent = Self.parent()
        parent.to.append(Self.named(nil, "CAROL@client.example"))
        parent.cc = [Self.named(nil, "dan@client.example"), Self.named("Eve Q", "eve@client.example"),
                     Self.named(nil, "Eve@Client.example")]
        parent.from = Self.named(nil, "dan@client.example")
        let all = plan(.replyAll, parent)
        #expect(all.to == [Self.named("Müller, Dan", "dan@client.example"), Self.named(nil, "carol@client.example")])
        #expect(all.cc == [Self.named("Eve Q", "eve@client.example")])
    }

    @Test func answeringOurOwnMailGoesToItsRecipients() {
        var parent = Self.parent(isOwn: true)
        parent.from = Self.named("Ann Lee", "ann@alpha.example")
        parent.to = [Self.named("Carol Client", "carol@client.example")]
        #expect(plan(.reply, parent).to == [Self.named("Carol Client", "carol@client.example")])
        #expect(plan(.replyAll, parent).cc == [Self.named(nil, "eve@client.example")])
    }

    @Test func aNoteToOneselfIsAnsweredToOneself() {
        var parent = Self.parent()
        parent.from = Self.named("Ann", "ann@alpha.example")
        parent.to = [Self.named("Ann", "ann@alpha.example")]
        parent.cc = []
        #expect(plan(.reply, parent).to.map(\.address) == [Self.ann])
        #expect(plan(.replyAll, parent).to.map(\.address) == [Self.ann])
    }

    @Test func aForwardGoesToNobodyYetAndKeepsTheAttachments() {
        let forward = plan(.forward)
        #expect(forward.to.isEmpty && forward.cc.isEmpty)
        #expect(forward.attachments == Self.parent().attachments)
        #expect(plan(.reply).attachments.isEmpty && plan(.replyAll).attachments.isEmpty)
    }

    // MARK: subject

    @Test(arguments: [
        ("Proposal", "Re: Proposal", "Fwd: Proposal"),
        ("RE: Re: Proposal", "Re: Proposal", "Fwd: Proposal"),
        ("Fwd: FW: re: Proposal", "Re: Proposal", "Fwd: Proposal"),
        ("AW: SV: WG: Angebot", "Re: Angebot", "Fwd: Angebot"),
        ("Re[2]: RE : Re(3):Pricing", "Re: Pricing", "Fwd: Pricing"),
        ("  Re:   Spaces  ", "Re: Spaces", "Fwd: Spaces"),
        ("Regarding the plan", "Re: Regarding the plan", "Fwd: Regarding the plan"),
        ("Re: Svar: review", "Re: Svar: review", "Fwd: Svar: review"),
        ("", "Re:", "Fwd:"),
        ("Re:", "Re:", "Fwd:"),
    ])
    func theSubjectHasExactlyOnePrefix(subject: String, reply: String, forward: String) {
        var parent = Self.parent()
        parent.subject = subject
        #expect(plan(.reply, parent).subject == reply)
        #expect(plan(.replyAll, parent).subject == reply)
        #expect(plan(.forward, parent).subject == forward)
    }

    // MARK: threading

    @Test func itThreadsAfterItsParent() {
        for kind in ReplyPlan.Kind.allCases {
            let threading = plan(kind).threading
            #expect(threading.inReplyTo == "c3@client.example")
            #expect(threading.references == ["a1@alpha.example", "c2@client.example", "c3@client.example"])
            #expect(threading.threadID(sendingFrom: Self.ann) == "18f0a")
        }
    }

    @Test func gmailsThreadHoldsOnlyInTheParentsMailbox() {
        let fromOther = plan(.reply, from: Self.annOther).threading
        #expect(fromOther.threadID == nil && fromOther.threadID(sendingFrom: Self.annOther) == nil)
        #expect(fromOther.inReplyTo == "c3@client.example", "the headers still thread it")
        #expect(plan(.reply).threading.threadID(sendingFrom: Self.annOther) == nil)
    }

    @Test func aParentWithoutAMessageIDThreadsNothing() {
        var parent = Self.parent()
        parent.messageID = nil
        #expect(plan(.reply, parent).threading == Threading())
        parent.messageID = "bad id\r\nBcc: eve@rival.example"
        #expect(plan(.reply, parent).threading == Threading(), "an id that is not one header word is not written")
    }

    @Test func longChainsKeepTheFirstAndTheNewest() {
        var parent = Self.parent()
        parent.references = (0..<40).map { "m\($0)@client.example" } + ["bad id", "m5@client.example", "c3@client.example"]
        let references = plan(.reply, parent).threading.references
        #expect(references.count == Threading.maximumReferences)
        #expect(references.first == "m0@client.example")
        #expect(references.last == "c3@client.example")
        #expect(Array(references.suffix(3)) == ["m39@client.example", "m5@client.example", "c3@client.example"])
        #expect(!references.contains("bad id") && Set(references).count == references.count)
    }

    // MARK: body

    @Test func aReplyQuotesItsParentUnderTheSignature() throws {
        let signature = try #require(Signature(text: "Ann Lee\nAlpha Sales"))
        let reply = plan(.reply, text: "Thanks!", signature: signature)
        #expect(reply.body == """
            Thanks!

            -- 
            Ann Lee
            Alpha Sales

            On Tue, 3 Mar 2026 at 14:05, Carol Client <carol@client.example> wrote:
            > Looks good.
            >
            >> earlier words
            > Carol
            """)
        #expect(plan(.reply).body.hasPrefix("\n\nOn Tue, 3 Mar 2026 at 14:05, Carol Client"))
    }

    @Test func aForwardCarriesTheParentsHeadersAndText() {
        #expect(plan(.forward).body == """


            ---------- Forwarded message ---------
            From: Carol Client <carol@client.example>
            Date: Tue, 3 Mar 2026 at 14:05
            Subject: RE: Re: Proposal
            To: Ann Lee <ann@alpha.example>, Müller, Dan <dan@client.example>
            Cc: eve@client.example, Ann <ann.lee@gmail.example>

            Looks good.

            > earlier words
            Carol
            """)
    }

    @Test func theRequestCarriesEverything() {
        let request = plan(.replyAll).request()
        #expect(request.from == Self.ann)
        #expect(request.to.map(\.value) == ["carol@client.example", "dan@client.example"])
        #expect(request.cc.map(\.value) == ["eve@client.example"])
        #expect(request.recipientNames == [Self.address("carol@client.example"): "Carol Client",
                                           Self.address("dan@client.example"): "Müller, Dan"])
        #expect(request.threading == plan(.replyAll).threading)
        #expect(request.subject == "Re: Proposal")
        #expect(plan(.forward).request().attachments.map(\.filename) == ["terms.pdf"])
    }
}
