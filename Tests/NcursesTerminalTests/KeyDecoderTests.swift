import Testing
import TerminalUI
@testable import NcursesTerminal

/// What one drain of wget_wch stands for, as values (codes are curses.h's, in octal).
struct KeyDecoderTests {
    @Test func cursesKeyCodesBecomeNamedKeys() {
        #expect(KeyDecoder.key(forCode: 0o403) == .up)           // KEY_UP
        #expect(KeyDecoder.key(forCode: 0o402) == .down)         // KEY_DOWN
        #expect(KeyDecoder.key(forCode: 0o407) == .backspace)    // KEY_BACKSPACE
        #expect(KeyDecoder.key(forCode: 0o512) == .delete)       // KEY_DC
        #expect(KeyDecoder.key(forCode: 0o527) == .enter)        // KEY_ENTER
        #expect(KeyDecoder.key(forCode: 0o541) == .backTab)      // KEY_BTAB
        #expect(KeyDecoder.key(forCode: 0o632) == .resize)       // KEY_RESIZE
        #expect(KeyDecoder.key(forCode: 0o410 + 12) == .function(12)) // KEY_F(12)
        #expect(KeyDecoder.key(forCode: 0o410) == nil)           // KEY_F0 is no key
        #expect(KeyDecoder.key(forCode: 0o400 + 1) == nil)       // KEY_BREAK: nothing Rapport names
    }

    @Test func controlCharactersBecomeKeys() {
        #expect(KeyDecoder.key(forCharacter: 127) == .backspace)
        #expect(KeyDecoder.key(forCharacter: 8) == .backspace)
        #expect(KeyDecoder.key(forCharacter: 4) == .control("d"))
        #expect(KeyDecoder.key(forCharacter: 1) == .control("a"))
        #expect(KeyDecoder.key(forCharacter: 26) == .control("z"))
        #expect(KeyDecoder.key(forCharacter: 13) == .enter)
        #expect(KeyDecoder.key(forCharacter: 10) == .enter)
        #expect(KeyDecoder.key(forCharacter: 9) == .tab)
        #expect(KeyDecoder.key(forCharacter: 0x9B) == nil, "a C1 control is dropped")
        #expect(KeyDecoder.key(forCharacter: 0x65E5) == .character("日"))
    }

    @Test func escapeFollowedByACharacterIsAlt() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.character(27), .character(98)]) == [.alt("b")])
        #expect(decoder.decode([.character(27)]) == [.escape])
        #expect(decoder.decode([.character(27), .character(27), .character(120)]) == [.escape, .alt("x")])
        #expect(decoder.decode([.character(27), .code(0o403)]) == [.escape, .up])
        #expect(decoder.decode([.character(27), .character(13)]) == [.escape, .enter])
    }

    @Test func combiningMarksJoinTheCharacterBefore() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.character(101), .character(0x301), .character(120)]) == [.character("e\u{301}"), .character("x")])
        #expect(decoder.decode([.character(0x1F1EB), .character(0x1F1F7)]) == [.character("🇫🇷")])
        #expect(decoder.decode([.character(101), .code(0o403), .character(0x301)]).count == 3,
                "a mark after another key stands alone")
    }

    @Test func resizesCollapseToOne() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.code(0o632), .character(106), .code(0o632)]) == [.resize, .character("j")])
    }

    @Test func aPasteIsHeldUntilItsEnd() {
        var decoder = KeyDecoder()
        let begin = RawInput.code(KeyDecoder.pasteBeginCode)
        let end = RawInput.code(KeyDecoder.pasteEndCode)
        #expect(decoder.decode([.character(97), begin, .character(104), .character(13), .character(10)]) == [.character("a")])
        #expect(decoder.paste == "h\n")
        #expect(decoder.decode([.character(27), .character(9), .character(105), end, .character(27)])
                == [.paste("h\n\ti"), .escape], "control characters other than tab and line breaks are dropped")
        #expect(decoder.paste == nil)
    }
}
