import Hardening
import Testing

/// Names from mail made fit to show and to save.
@Suite struct FileNameTests {
    @Test(arguments: [
        ("quote.pdf", "quote.pdf"),
        ("  Q3\tfigures\r\n final.xlsx ", "Q3 figures final.xlsx"),
        ("bell\u{07}\u{1B}[31mred.txt", "bell[31mred.txt"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("zero\u{200B}width\u{FEFF}.doc", "zerowidth.doc"),
        ("c1\u{85}\u{9B}name.txt", "c1name.txt"),
        ("\u{2028}para\u{2029}graph", "para graph"),
        ("Müller – Angebot.pdf", "Müller – Angebot.pdf"),
        ("", ""),
        ("\u{07}\u{7F}", ""),
    ])
    func displayableNamesLoseWhatATerminalWouldObey(given: String, expected: String) {
        #expect(FileName.displayable(given) == expected)
    }

    @Test(arguments: [
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..", "attachment"),
        (".", "attachment"),
        (".bashrc", "bashrc"),
        ("... hidden .txt ", "hidden .txt"),
        ("a/b\\c.pdf", "a_b_c.pdf"),
        ("/", "_"),
        ("\u{1B}", "attachment"),
        ("report.pdf", "report.pdf"),
    ])
    func safeNamesCannotLeaveTheFolderOrHide(given: String, expected: String) {
        #expect(FileName.safe(given) == expected)
    }

    @Test func longNamesAreCutToWholeCharactersKeepingTheExtension() {
        let long = String(repeating: "ä", count: 300) + ".pdf"
        let cut = FileName.safe(long)
        #expect(cut.utf8.count <= FileName.maximumBytes)
        #expect(cut.hasSuffix(".pdf"))
        #expect(cut.dropLast(4).allSatisfy { $0 == "ä" })
        #expect(FileName.numbered(cut, 999).utf8.count <= 255, "room is left for a number")
        let noExtension = String(repeating: "x", count: 1000)
        #expect(FileName.displayable(noExtension).utf8.count == FileName.maximumBytes)
    }

    @Test(arguments: [
        ("quote.pdf", 1, "quote (1).pdf"),
        ("notes", 2, "notes (2)"),
        ("archive.tar.gz", 3, "archive.tar (3).gz"),
        ("version 1.0 final", 1, "version 1.0 final (1)"),
        ("photo.verylongextensionname", 1, "photo.verylongextensionname (1)"),
    ])
    func takenNamesAreNumberedBeforeTheExtension(name: String, number: Int, expected: String) {
        #expect(FileName.numbered(name, number) == expected)
    }
}
