import CNcurses
import Foundation
import TerminalUI

extension NcursesTerminal {
    /// A terminal that draws only into ncurses' memory, for tests: ncurses believes it drives a
    /// `type` terminal of `size`, writes its output to `outputPath`, and reads keys given to `feed(_:)`.
    /// An `environment` that names no locale is taken as UTF-8 (name `LANG=C` to test the ASCII one).
    public convenience init(headless size: TerminalSize, type: String = "xterm-256color", theme: Theme = .plain,
                            environment: [String: String] = [:],
                            outputPath: String = "/dev/null") throws(NcursesTerminalError) {
        guard let output = fopen(outputPath, "w") else { throw .cannotOpen(outputPath) }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            fclose(output)
            throw .cannotOpen("a pipe")
        }
        guard let input = fdopen(ends[0], "r") else {
            fclose(output)
            close(ends[0])
            close(ends[1])
            throw .cannotOpen("a pipe")
        }
        do {
            let named = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
            try self.init(type: type, output: output, input: input, ownsFiles: true, fixedSize: size, theme: theme,
                          environment: named ? environment : environment.merging(["LANG": "C.UTF-8"]) { own, _ in own })
        } catch {
            close(ends[1])
            throw error
        }
        feedDescriptor = ends[1]
    }

    /// Headless: queues `text` as if typed (escape sequences included), for `pendingKeys()` to read.
    public func feed(_ text: String) {
        guard let feedDescriptor else { return }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { write(feedDescriptor, $0.baseAddress! + written, $0.count - written) }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Headless: closes the key feed, as a terminal that hangs up (`inputHasEnded` turns true).
    public func closeFeed() {
        guard let feedDescriptor else { return }
        close(feedDescriptor)
        self.feedDescriptor = nil
    }

    /// Headless: changes the size, as a window resize does (a `.resize` key follows).
    public func resize(to size: TerminalSize) {
        guard !isStopped, isHeadless else { return }
        set_term(screen)
        resizeterm(Int32(clamping: size.rows), Int32(clamping: size.columns))
        readSize()
    }

    /// What ncurses holds, row by row as `ScreenBuffer.text(row:)` gives it (wide characters once,
    /// combining marks with their base, trailing spaces kept). `physical` reads ncurses' copy of
    /// the terminal (curscr) instead of the window drawn into (stdscr).
    public func readBack(physical: Bool = false) -> [String] {
        guard !isStopped else { return [] }
        set_term(screen)
        let source = physical ? rapport_curscr()! : window
        return preservingCursor(of: source) {
            let capacity = size.columns * Int(CCHARW_MAX) + 1
            var buffer = [wchar_t](repeating: 0, count: capacity + 1)
            return (0..<size.rows).map { row in
                let count = mvwinnwstr(source, Int32(row), 0, &buffer, Int32(capacity))
                guard count > 0 else { return "" }
                var text = String.UnicodeScalarView()
                for value in buffer.prefix(Int(count)) {
                    if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { text.append(scalar) }
                }
                return String(text)
            }
        }
    }

    /// The style ncurses holds for the cell at (`x`, `y`): its attributes, and the colours of its pair.
    public func readBackStyle(x: Int, y: Int, physical: Bool = false) -> Style? {
        guard !isStopped, x >= 0, y >= 0, x < size.columns, y < size.rows else { return nil }
        set_term(screen)
        let source = physical ? rapport_curscr()! : window
        var cell = cchar_t()
        let read = preservingCursor(of: source) { mvwin_wch(source, Int32(y), Int32(x), &cell) }
        guard read == OK else { return nil }
        var text = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        guard getcchar(&cell, &text, &attributes, &pair, nil) == OK else { return nil }
        return style(attributes: attributes, pair: pair)
    }

    /// Where ncurses last left the terminal's cursor (curscr's cursor), for tests.
    func physicalCursor() -> (x: Int, y: Int) {
        set_term(screen)
        let physical = rapport_curscr()!
        return (Int(rapport_getcurx(physical)), Int(rapport_getcury(physical)))
    }

    /// Runs `body` (which moves `window`'s cursor to read) and puts the cursor back.
    private func preservingCursor<Result>(of window: UnsafeMutablePointer<WINDOW>, _ body: () -> Result) -> Result {
        let y = rapport_getcury(window)
        let x = rapport_getcurx(window)
        defer { wmove(window, y, x) }
        return body()
    }
}
