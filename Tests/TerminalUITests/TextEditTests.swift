import Testing
@testable import TerminalUI

@Suite("TextEdit: the one table of editing keys")
struct TextEditTests {
    @Test func keysMapToEdits() {
        let table: [(String, TextEdit)] = [
            ("x", .insert("x")), ("Enter", .newline), ("Backspace", .deleteBackward), ("Delete", .deleteForward),
            ("←", .left), ("→", .right), ("↑", .up), ("↓", .down), ("Home", .lineStart), ("C-a", .lineStart),
            ("End", .lineEnd), ("C-e", .lineEnd), ("M-b", .wordLeft), ("M-f", .wordRight), ("M-<", .top),
            ("M->", .bottom), ("C-w", .deleteWordBackward), ("C-k", .killToLineEnd), ("C-u", .killToLineStart),
        ]
        for (name, edit) in table {
            #expect(TextEdit(Key(name)!) == edit, "\(name)")
        }
        #expect(TextEdit(.paste("two\nlines")) == .insert("two\nlines"))
        for name in ["Tab", "Esc", "C-s", "PgUp", "F2", "M-x"] {
            #expect(TextEdit(Key(name)!) == nil, "\(name)")
        }
    }

    @Test func aFieldTakesExactlyTheEditsThatStayOnOneLine() {
        for name in ["Enter", "↑", "↓", "M-<", "M->"] {
            var field = TextField(text: "abc")
            let used = field.handle(Key(name)!)
            #expect(!used, "\(name)")
            #expect(field.text == "abc" && field.cursor == 3, "\(name)")
        }
    }

    /// On one line, a field and an editor given the same keys end with the same text and cursor.
    @Test(arguments: [
        #"C-a M-f " and" C-e Backspace"#,
        #"Home Delete → → C-k"#,
        #"C-w C-w "x" ← C-u"#,
        #"M-b M-b C-w End " y" ← ← C-k"#,
    ])
    func fieldAndEditorAgree(script: String) {
        var field = TextField(text: "first second third")
        var editor = TextEditor(text: "first second third")
        editor.moveToBottom()
        for key in Key.script(script) {
            let fieldUsed = field.handle(key)
            let editorUsed = editor.handle(key)
            #expect(fieldUsed && editorUsed, "\(key)")
        }
        #expect(field.text == editor.text)
        #expect(field.cursor == editor.cursor.column)
    }
}
