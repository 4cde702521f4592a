import Testing
@testable import CRMCore

@Suite("IncomingAttachment")
struct IncomingAttachmentTests {
    @Test("files sent without a name get one from their type", arguments: [
        ("message/rfc822", "message.eml"), ("message/global", "message.eml"), ("image/png", "image.png"),
        ("image/jpeg", "image.jpg"), ("audio/ogg", "audio.ogg"), ("image/svg+xml", "attachment"),
        ("application/pdf", "attachment"), ("text/plain", "attachment"), ("garbage", "attachment"),
    ])
    func unnamedFiles(type: String, expected: String) {
        #expect(IncomingAttachment.unnamed(type) == expected)
    }

    @Test func bytesMatchWhenSizeAndDigestAgree() {
        let attachment = IncomingAttachment(position: 0, filename: "a.txt", contentType: "text/plain", size: 3,
                                            sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                                            partID: "1", data: nil)
        #expect(attachment.matches(Array("abc".utf8)))
        #expect(!attachment.matches(Array("abd".utf8)))
        #expect(!attachment.matches(Array("abcd".utf8)))
        #expect(!attachment.isKept)
    }

    @Test func importedMailHasIdsGmailDoesNotKnow() {
        #expect(IncomingEmail.isImportedID("import:abc@host"))
        #expect(!IncomingEmail.isImportedID("18f3a9c2d41b7e05"))
    }
}
