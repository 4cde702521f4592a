import Testing
@testable import TerminalUI

@Suite("Theme")
struct ThemeTests {
    private let file = """
        # Rapport default theme
        normal        = default on default
        selection     = black on cyan bold
        outbox.failed = bright-red bold   # loud
        heading       = 15 on 24
        status.line   = white on blue reverse

        border=dim
        """

    @Test func readsAGoodFile() throws {
        let theme = try Theme(name: "default", text: file)
        #expect(theme.name == "default")
        #expect(theme.style(for: .selection) == Style(foreground: .basic(0), background: .basic(6), bold: true))
        #expect(theme.style(for: .outboxFailed) == Style(foreground: .basic(9), bold: true))
        #expect(theme.style(for: .statusLine) == Style(foreground: .basic(7), background: .basic(4), reverse: true))
        #expect(theme.style(for: .heading) == Style(foreground: .indexed(15), background: .indexed(24)))
        #expect(theme.style(for: .border) == Style(dim: true))
        #expect(theme.style(for: .normal) == Style())
    }

    @Test func rolesLeftOutLookLikeNormal() throws {
        let theme = try Theme(name: "t", text: "normal = green underline")
        #expect(theme.style(for: .unread) == Style(foreground: .basic(2), underline: true))
        #expect(try Theme(name: "empty", text: "").style(for: .title) == Style())
    }

    @Test func roleNamesInFilesAreDotted() {
        #expect(Role.outboxFailed.themeName == "outbox.failed")
        #expect(Role.selectionInactive.themeName == "selection.inactive")
        #expect(Role.normal.themeName == "normal")
        #expect(Set(Role.allCases.map(\.themeName)).count == Role.allCases.count)
    }

    @Test func everyRoleCanBeThemed() throws {
        let text = Role.allCases.map { "\($0.themeName) = red" }.joined(separator: "\n")
        let theme = try Theme(name: "all", text: text)
        #expect(Role.allCases.allSatisfy { theme.style(for: $0).foreground == .basic(1) })
    }

    @Test func windowsLineEndingsAndTabsAreFine() throws {
        let theme = try Theme(name: "crlf", text: "# saved on Windows\r\nselection\t=\tblack\ton cyan\r\ntitle = bold\r\n")
        #expect(theme.style(for: .selection) == Style(foreground: .basic(0), background: .basic(6)))
        #expect(theme.style(for: .title) == Style(bold: true))
    }

    @Test("errors name the line and the problem", arguments: [
        ("normal = default\nselected = reverse", 2, "there is no role “selected”"),
        ("# c\n\ntitle = bold\nborder = purple", 4, "“purple” is not a colour or an attribute"),
        ("title = bold\nborder dim", 2, "expected “role = style”"),
        ("border = red on", 1, "“on” needs a colour after it"),
        ("border = red on mauve", 1, "“on” needs a colour after it"),
        ("border = red blue", 1, "“blue” is not a colour or an attribute"),
        ("border = 256", 1, "“256” is not a colour or an attribute"),
    ])
    func errors(text: String, line: Int, problem: String) {
        #expect(throws: ThemeError(theme: "bad", line: line, problem: problem)) {
            try Theme(name: "bad", text: text)
        }
    }

    @Test func errorTextSaysWhere() {
        let error = ThemeError(theme: "mine", line: 3, problem: "there is no role “x”")
        #expect(error.description == "theme mine, line 3: there is no role “x”")
    }

    @Test func depthNoneDropsColoursAndKeepsAttributes() throws {
        let theme = try Theme(name: "t", text: "selection = black on cyan bold underline\nborder = 208 on 17 dim reverse")
        #expect(theme.style(for: .selection, depth: .none) == Style(bold: true, underline: true))
        #expect(theme.style(for: .border, depth: .none) == Style(dim: true, reverse: true))
    }

    @Test func depthEightReducesPaletteColours() throws {
        let theme = try Theme(name: "t", text: "border = 196 on 21\ntitle = bright-green")
        #expect(theme.style(for: .border, depth: .eight) == Style(foreground: .basic(1), background: .basic(4)))
        #expect(theme.style(for: .title, depth: .eight) == Style(foreground: .basic(2)))
        #expect(theme.style(for: .title, depth: .full) == Style(foreground: .basic(10)))
    }

    @Test func plainThemeNeedsNoColours() {
        for role in Role.allCases {
            let style = Theme.plain.style(for: role)
            #expect(style.foreground == .standard && style.background == .standard)
        }
        #expect(Theme.plain.style(for: .selection).reverse)
        #expect(Theme.plain.style(for: .selection) != Theme.plain.style(for: .selectionInactive))
    }
}
