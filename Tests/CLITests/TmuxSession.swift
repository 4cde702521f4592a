import Foundation

/// A real terminal for end-to-end tests: a tmux server of its own (private socket), one session
/// running a command, keys sent as a person types them, and the screen read back.
final class TmuxSession {
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    let socket = "rapport-test-\(UUID().uuidString.prefix(8))"
    let name = "app"

    /// Starts `command` (run by sh) in a `columns`×`rows` window.
    init(_ command: String, columns: Int = 100, rows: Int = 30) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Sends tmux key names ("Enter", "C-s", "Tab", "q").
    func keys(_ names: String...) throws {
        for key in names { try tmux(["send-keys", "-t", name, key]) }
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// The screen as text, one string per row.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", name]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func text() throws -> String { try screen().joined(separator: "\n") }

    /// Waits until the screen satisfies `condition` (checked every 100 ms); throws with the screen when it never does.
    @discardableResult
    func wait(for what: String, timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try text()
            if condition(last) { return last }
            usleep(100_000)
        }
        throw TmuxTimeout(what: what, screen: last)
    }

    /// Waits until `text` shows.
    @discardableResult
    func wait(for text: String, timeout: TimeInterval = 20) throws -> String {
        try wait(for: "“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Kills what the pane's shell is running with SIGKILL, as a dropped connection or the OOM killer would.
    func killProgram() throws {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-KILL", "-P", shell]
        try kill.run()
        kill.waitUntilExit()
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(columns), "-y", String(rows)])
    }

    /// Runs tmux against this test's server and returns what it printed. The server that `new-session`
    /// starts keeps every descriptor it inherits, so tmux runs with only a file for its output and is
    /// reaped with waitpid: Foundation's Process, or a pipe, would wait for that server to end.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxFailure(arguments: arguments, output: String(cString: strerror(spawned))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        let exitedCleanly = (status & 0x7F) == 0 && (status >> 8) & 0xFF == 0
        guard exitedCleanly || arguments == ["kill-server"] else { throw TmuxFailure(arguments: arguments, output: text) }
        return text
    }
}

/// A tmux command that failed, with what it said.
struct TmuxFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let output: String

    var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(output)" }
}

/// What a tmux test waited for and never saw, with the screen it saw last.
struct TmuxTimeout: Error, CustomStringConvertible {
    let what: String
    let screen: String

    var description: String { "never saw \(what); the screen was:\n\(screen)" }
}
