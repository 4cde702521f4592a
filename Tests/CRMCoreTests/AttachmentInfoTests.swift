import Testing
@testable import CRMCore

@Suite("AttachmentInfo")
struct AttachmentInfoTests {
    @Test("content types by extension", arguments: [
        ("report.pdf", "application/pdf"),
        ("Report.PDF", "application/pdf"),
        ("notes.txt", "text/plain"),
        ("photo.final.JPG", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("invite.ics", "text/calendar"),
        ("archive.tar.gz", "application/octet-stream"),
        ("Makefile", "application/octet-stream"),
        ("", "application/octet-stream"),
        ("weird.", "application/octet-stream"),
    ])
    func contentType(_ filename: String, expected: String) {
        #expect(AttachmentInfo.contentType(forFilename: filename) == expected, "\(filename)")
    }
}
