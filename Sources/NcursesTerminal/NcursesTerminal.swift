import CNcurses
import Dispatch
import Foundation
import TerminalUI

/// The `Terminal` on a real terminal through ncursesw (or, headless, in ncurses' memory for tests).
///
/// ncurses is global state: keep one terminal running at a time, on the main actor.
@MainActor
public final class NcursesTerminal: Terminal {
    /// The size now (after the last resize).
    public private(set) var size: TerminalSize
    /// How many colours frames are drawn in (`.none` under `NO_COLOR` or on a monochrome terminal).
    public let colorDepth: ColorDepth
    /// The theme roles are drawn with.
    public internal(set) var theme: Theme
    /// Whether the environment's locale is not UTF-8 (`LANG=C`, POSIX): then only ASCII reaches the
    /// terminal, each other character drawn as `ASCIIFallback` says.
    public let isASCIIOnly: Bool
    /// Whether this terminal only draws into memory (see `init(headless:…)`).
    public let isHeadless: Bool
    /// Columns drawn over all frames (what the diff saved shows against `size.columns × size.rows`).
    public internal(set) var columnsDrawn = 0
    /// Whether `stop()` has run.
    public private(set) var isStopped = false
    /// Whether the terminal is handed back to the shell (between `suspend()` and `resume()`).
    public private(set) var isSuspended = false

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let outputFile: UnsafeMutablePointer<FILE>
    let inputFile: UnsafeMutablePointer<FILE>
    /// Whether `outputFile` and `inputFile` were opened here (and are closed by `stop()`).
    let ownsFiles: Bool
    /// Headless only: the write end of the pipe keys are read from.
    var feedDescriptor: Int32?
    var lastFrame: ScreenBuffer?
    var cursorShown: Bool?
    var renditions: [Role: Rendition] = [:]
    var colorPairs: ColorPairs
    var decoder = KeyDecoder()

    /// The real terminal on standard input and output, of type `TERM` from `environment`.
    ///
    /// Starts ncurses at once: raw keys (Ctrl-C arrives as `.control("c")`), no echo, keys that
    /// never wait, bracketed paste on. Call `stop()` before the process ends.
    public convenience init(theme: Theme = .plain,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(NcursesTerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let type = environment["TERM"], !type.isEmpty else { throw .noTerminalType }
        try self.init(type: type, output: rapport_stdout(), input: rapport_stdin(), ownsFiles: false, fixedSize: nil,
                      theme: theme, environment: environment)
    }

    /// Starts ncurses on `output` and `input`; a `fixedSize` makes the size independent of the environment.
    init(type: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, ownsFiles: Bool,
         fixedSize: TerminalSize?, theme: Theme, environment: [String: String]) throws(NcursesTerminalError) {
        Self.useUTF8Locale()
        use_env(fixedSize == nil)
        // Asked before ncurses starts, so that a terminal that cannot be used sees nothing drawn.
        let support = rapport_terminal_support(type, fileno(output))
        guard support == 1, let screen = newterm(type, output, input) else {
            if ownsFiles {
                fclose(output)
                fclose(input)
            }
            throw support == 0 ? .noCursorAddressing(type) : .unknownTerminalType(type)
        }
        set_term(screen)
        self.screen = screen
        isASCIIOnly = ASCIIFallback.isNeeded(environment: environment)
        window = rapport_stdscr()
        outputFile = output
        inputFile = input
        self.ownsFiles = ownsFiles
        isHeadless = fixedSize != nil
        self.theme = theme
        if let fixedSize {
            resizeterm(Int32(clamping: fixedSize.rows), Int32(clamping: fixedSize.columns))
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        Self.defineExtraKeys()

        let colors = Self.startColors(environment: environment)
        colorDepth = Self.colorDepth(colors: colors.count, environment: environment)
        colorPairs = ColorPairs(limit: colorDepth == .none ? 0 : colors.pairs, colors: colors.count,
                                defaultColors: colors.defaultColors)
        size = TerminalSize(columns: Int(rapport_getmaxx(window)), rows: Int(rapport_getmaxy(window)))
        writeDirectly(Self.bracketedPasteOn)
        if fixedSize != nil {
            // resizeterm queues a KEY_RESIZE: a fresh terminal has nothing to report yet.
            _ = pendingKeys()
        }
    }

    #if !os(macOS)
    // An isolated deinit needs the macOS 15.4 runtime; there, call stop() yourself.
    isolated deinit {
        stop()
    }
    #endif

    /// Ends ncurses and gives the terminal back as it was (cursor, modes, no bracketed paste).
    /// Safe to call more than once; the terminal cannot be used afterwards.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        set_term(screen)
        if !isSuspended {
            curs_set(1)
            endwin()
            writeDirectly(Self.bracketedPasteOff)
        }
        isSuspended = false
        delscreen(screen)
        if ownsFiles {
            fclose(outputFile)
            fclose(inputFile)
        }
        if let feedDescriptor {
            close(feedDescriptor)
            self.feedDescriptor = nil
        }
    }

    /// Hands the terminal back to the shell (to run `$EDITOR`); `resume()` takes it again.
    public func suspend() {
        guard !isStopped, !isSuspended else { return }
        set_term(screen)
        def_prog_mode()
        curs_set(1)
        endwin()
        writeDirectly(Self.bracketedPasteOff)
        isSuspended = true
    }

    /// Takes the terminal back after `suspend()` and repaints the whole screen.
    public func resume() {
        guard !isStopped, isSuspended else { return }
        set_term(screen)
        isSuspended = false
        cursorShown = nil
        if !isHeadless { updateSize() }
        clearok(rapport_curscr(), true)
        wrefresh(window)
        writeDirectly(Self.bracketedPasteOn)
        if let frame = lastFrame {
            lastFrame = nil
            present(frame)
        }
    }

    /// The file descriptor keys arrive on: watch it for reading, then call `pendingKeys()`.
    public var inputFileDescriptor: Int { Int(fileno(inputFile)) }

    /// A read source on the main queue that calls `handler` whenever keys wait (resume it to start).
    public func makeInputSource(_ handler: @escaping @MainActor () -> Void) -> any DispatchSourceRead {
        let source = DispatchSource.makeReadSource(fileDescriptor: fileno(inputFile), queue: .main)
        source.setEventHandler {
            MainActor.assumeIsolated { handler() }
        }
        return source
    }

    /// Whether input has ended (the terminal hung up, or a headless feed was closed).
    public var inputHasEnded: Bool { rapport_input_has_ended(fileno(inputFile)) != 0 }

    /// Asks the terminal for its size and, when it changed, resizes ncurses (a `.resize` key follows).
    /// Call it from a SIGWINCH source; returns whether the size changed.
    @discardableResult
    public func updateSize() -> Bool {
        guard !isStopped, !isSuspended, !isHeadless else { return false }
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard rapport_window_size(fileno(outputFile), &rows, &columns) == 0 else { return false }
        set_term(screen)
        guard is_term_resized(rows, columns) else { return false }
        resizeterm(rows, columns)
        readSize()
        return true
    }

    /// Reads ncurses' idea of the size into `size`.
    func readSize() {
        size = TerminalSize(columns: Int(rapport_getmaxx(window)), rows: Int(rapport_getmaxy(window)))
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Writes a control sequence straight to the terminal, after whatever ncurses has flushed.
    func writeDirectly(_ sequence: String) {
        let descriptor = fileno(outputFile)
        var bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Takes the locale from the environment, as ncurses needs for wide characters, making the
    /// character set UTF-8 (C.UTF-8) when the environment's is not; numbers stay in the C locale.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        if rapport_locale_is_utf8() == 0 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
