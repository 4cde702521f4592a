import Testing
@testable import CRMCore

/// The threading of an answer: RFC 5322 §3.6.4 and Gmail's per-mailbox thread ids.
@Suite struct ThreadingTests {
    let ann = EmailAddress("ann@alpha.example")!

    @Test func referencesAreTheParentsPlusTheParent() {
        let threading = Threading(answering: "p@x.example", parentReferences: ["r1@x.example", "r2@x.example"],
                                  threadID: "t1", in: ann)
        #expect(threading.inReplyTo == "p@x.example" && threading.isReply)
        #expect(threading.references == ["r1@x.example", "r2@x.example", "p@x.example"])
        #expect(threading.threadID(sendingFrom: ann) == "t1")
        #expect(threading.threadID(sendingFrom: EmailAddress("al@alpha.example")!) == nil)
    }

    @Test func theParentNamedInItsOwnReferencesComesOnceAtTheEnd() {
        let threading = Threading(answering: "p@x.example", parentReferences: ["p@x.example", "r1@x.example"],
                                  threadID: nil, in: ann)
        #expect(threading.references == ["r1@x.example", "p@x.example"])
        #expect(threading.threadMailbox == nil)
    }

    @Test func nothingToAnswerIsNoThreading() {
        #expect(Threading(answering: nil, parentReferences: ["r@x.example"], threadID: "t", in: ann) == Threading())
        #expect(!Threading().isReply)
    }
}
