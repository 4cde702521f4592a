import Testing
@testable import TerminalUI

@Suite("Key")
struct KeyTests {
    static let named: [Key] = [
        .enter, .escape, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right, .home, .end,
        .pageUp, .pageDown, .character(" "), .character("j"), .character("G"), .character("/"), .character("?"),
        .character(":"), .character("é"), .character("日"), .control("d"), .control("u"), .control("s"),
        .alt("b"), .alt("f"), .alt("<"), .alt(">"),
    ] + (1...24).map { Key.function($0) }

    @Test("every named key reads back from its name", arguments: named)
    func roundTrip(key: Key) {
        #expect(Key(key.description) == key, "\(key.description)")
    }

    @Test func names() {
        #expect(Key.control("d").description == "C-d")
        #expect(Key.alt("b").description == "M-b")
        #expect(Key.character(" ").description == "Space")
        #expect(Key.function(5).description == "F5")
        #expect(Key.up.description == "↑")
        #expect(Key.paste("x").description == "paste")
    }

    @Test func alternativeNamesAndCase() {
        #expect(Key("Up") == .up)
        #expect(Key("Down") == .down)
        #expect(Key("Left") == .left)
        #expect(Key("Right") == .right)
        #expect(Key("C-D") == .control("d"))
        #expect(Key("M-B") == .alt("B"))
    }

    @Test("names that are not keys", arguments: ["", "Ctrl-d", "C-", "C-ab", "F0", "F25", "Fx", "enter", "paste", "xy"])
    func unknownNames(name: String) {
        #expect(Key(name) == nil, "\(name)")
    }

    @Test func scriptsMixNamesAndQuotedText() {
        #expect(Key.script(#"c "Hi there" Enter C-s"#) == [
            .character("c"), .character("H"), .character("i"), .character(" "), .character("t"), .character("h"),
            .character("e"), .character("r"), .character("e"), .enter, .control("s"),
        ])
        #expect(Key.script("j j  G Space F2 ↑") == [.character("j"), .character("j"), .character("G"), .character(" "),
                                                     .function(2), .up])
        #expect(Key.script("") == [])
        #expect(Key.script(#""""#) == [])
        #expect(Key.script(#""日本" Tab"#) == [.character("日"), .character("本"), .tab])
        #expect(Key.script(#"x "unterminated"#) == [.character("x")] + "unterminated".map { Key.character($0) })
        #expect(Key.script(#""a"b"#) == [.character("a"), .character("b")])
    }
}
