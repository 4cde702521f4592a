import CNcurses
import TerminalUI

extension NcursesTerminal {
    /// Draws what changed since the last frame (everything after a size or theme change), places
    /// or hides the cursor, and updates the terminal once.
    public func present(_ frame: ScreenBuffer) {
        guard !isStopped, !isSuspended else { return }
        set_term(screen)
        let previous = lastFrame?.size == frame.size ? lastFrame : nil
        if previous == nil { werase(window) }
        for run in frame.changes(since: previous) where run.y < size.rows {
            let rendition = rendition(for: run.role)
            columnsDrawn += run.columns
            var x = run.x
            for character in run.text {
                let columns = TextWidth.of(character)
                guard x + max(columns, 1) <= size.columns else { break }
                draw(character, columns: columns, x: x, y: run.y, rendition)
                x += columns
            }
        }
        if let cursor = frame.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.columns, cursor.y < size.rows {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            showCursor(true)
        } else {
            showCursor(false)
        }
        wnoutrefresh(window)
        doupdate()
        lastFrame = frame
    }

    /// Repaints the whole screen from scratch (after something else wrote on the terminal).
    public func redrawAll() {
        guard !isStopped, !isSuspended else { return }
        set_term(screen)
        clearok(rapport_curscr(), true)
        if let frame = lastFrame {
            lastFrame = nil
            present(frame)
        } else {
            wrefresh(window)
        }
    }

    /// Draws one grapheme over `columns` columns from (`x`, `y`).
    ///
    /// Under a locale that is not UTF-8, a character that is not ASCII is drawn as its ASCII
    /// stand-in over the same columns. Otherwise ncurses measures with the C library's wcwidth, the
    /// buffer with `TextWidth`; where they disagree the layout of the buffer wins: a grapheme ncurses
    /// thinks narrower gets a space after it, and one it thinks wider (or cannot show) is drawn as U+FFFD.
    private func draw(_ character: Character, columns: Int, x: Int, y: Int, _ rendition: Rendition) {
        if isASCIIOnly, !character.isASCII {
            for (offset, stand) in ASCIIFallback.text(for: character, columns: columns).unicodeScalars.enumerated() {
                put([wchar_t(bitPattern: stand.value)], x: x + offset, y: y, rendition)
            }
            return
        }
        let scalars = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let measured = Int(rapport_wcwidth(scalars[0]))
        if measured == columns {
            put(scalars, x: x, y: y, rendition)
            return
        }
        if measured == 1, columns == 2 {
            put(scalars, x: x, y: y, rendition)
        } else {
            put([0xFFFD], x: x, y: y, rendition)
        }
        if columns == 2 { put([0x20], x: x + 1, y: y, rendition) }
    }

    /// Stores one cell: a spacing character and the combining ones after it (at most CCHARW_MAX).
    private func put(_ scalars: [wchar_t], x: Int, y: Int, _ rendition: Rendition) {
        var cell = cchar_t()
        var text = Array(scalars.prefix(Int(CCHARW_MAX)))
        text.append(0)
        guard setcchar(&cell, text, rendition.attributes, rendition.pair, nil) == OK else { return }
        // Returns ERR in the bottom-right cell (the cursor cannot move on) after storing it.
        mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    private func showCursor(_ shown: Bool) {
        guard cursorShown != shown else { return }
        curs_set(shown ? 1 : 0)
        // A hidden cursor may stay wherever drawing left it: no moves are sent for it.
        leaveok(window, !shown)
        cursorShown = shown
    }
}
