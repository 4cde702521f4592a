import Foundation
import Testing
@testable import RapportApp

/// Tab in the attach prompt as values: what a folder's names make of the path typed, and where the
/// answer goes; and once through the real app on a real folder.
@Suite struct PathCompletionTests {
    typealias Match = PathCompletion.Match

    static let names = [Match(name: "pricing.pdf", isFolder: false), Match(name: "price-list.pdf", isFolder: false),
                        Match(name: "proposals", isFolder: true)]

    @Test("Tab completes as far as the names agree", arguments: [
        ("~/Doc", [Match(name: "Documents", isFolder: true)], "~/Documents/"),
        ("~/Documents/pri", Array(names.prefix(2)), "~/Documents/pric"),
        ("pr", names, "pr"),
        ("pricing", [names[0]], "pricing.pdf"),
        ("zz", [], "zz"),
        ("~", [], "~/"),
    ] as [(String, [Match], String)])
    func completes(typed: String, matches: [Match], completed: String) {
        #expect(PathCompletion(typed: typed, matches: matches).completed == completed)
    }

    @Test func whenTabCannotGoFurtherItListsTheNamesOrSaysNoneFits() {
        #expect(PathCompletion(typed: "pr", matches: Self.names).hint == "price-list.pdf  pricing.pdf  proposals/")
        #expect(PathCompletion(typed: "pri", matches: Array(Self.names.prefix(2))).hint == nil, "it completed to pric")
        #expect(PathCompletion(typed: "docs/zz", matches: []).hint == "Nothing there begins with “zz”.")
        #expect(PathCompletion(typed: "docs/", matches: []).hint == "That folder is empty or cannot be read.")
    }

    @Test func aNameMadeToUpsetTheTerminalIsListedSafely() {
        let hint = PathCompletion(typed: "a", matches: [Match(name: "a\u{1B}[2Jb", isFolder: false),
                                                        Match(name: "a\u{7}c", isFolder: false)]).hint
        #expect(hint == "ac  ab")
    }

    @Test func theFolderIsReadForTheNameAfterTheLastSlash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("proposals"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["pricing.pdf", "price-list.pdf", "notes.txt", ".hidden-pr"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let read = PathCompletion.read(folder.path + "/pr")
        #expect(read.matches == [Match(name: "price-list.pdf", isFolder: false), Match(name: "pricing.pdf", isFolder: false),
                                 Match(name: "proposals", isFolder: true)])
        #expect(PathCompletion.read(folder.path + "/.hid").matches.map(\.name) == [".hidden-pr"], "dot names when typed")
        #expect(PathCompletion.read(folder.path + "/nowhere/x").matches.isEmpty)
        #expect(PathCompletion.expand("~/x.pdf") == NSHomeDirectory() + "/x.pdf")
    }

    // MARK: in the prompt

    func attaching(_ typed: String) -> AppState {
        var state = AppState.testing(on: .mail)
        _ = state.press(#"c C-o "\#(typed)""#)
        return state
    }

    @Test func tabInTheAttachPromptReadsTheFolderAndTheAnswerFillsTheField() {
        var state = attaching("~/Documents/pri")
        #expect(state.press("Tab") == [.completePath("~/Documents/pri")])
        state.reduce(.pathCompleted(PathCompletion(typed: "~/Documents/pri", matches: Array(Self.names.prefix(2)))))
        #expect(state.prompt?.field.text == "~/Documents/pric" && state.prompt?.field.cursor == 16)
        #expect(state.prompt?.hint == nil)
        state.reduce(.pathCompleted(PathCompletion(typed: "~/Documents/pric", matches: Array(Self.names.prefix(2)))))
        #expect(state.prompt?.hint == "price-list.pdf  pricing.pdf", "nothing more in common: the names are listed")
        _ = state.press("i")
        #expect(state.prompt?.hint == nil && state.prompt?.field.text == "~/Documents/prici", "typing clears the list")
    }

    @Test func anAnswerForWhatWasTypedBeforeIsIgnored() {
        var state = attaching("pro")
        state.reduce(.pathCompleted(PathCompletion(typed: "pr", matches: [Self.names[2]])))
        #expect(state.prompt?.field.text == "pro" && state.prompt?.hint == nil)
    }

    @Test func tabInOtherQuestionsDoesNothing() {
        var state = AppState.testing(on: .mail)
        _ = state.press(#": "syn""#)
        #expect(state.press("Tab").isEmpty)
        #expect(state.prompt?.field.text == "syn")
    }
}
