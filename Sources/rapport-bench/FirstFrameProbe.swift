import CRMCore
import Dispatch
import Foundation

/// Starts the real `rapport` on a pseudo-terminal, as someone typing `rapport` in a terminal would,
/// and times how long its first frame takes to reach the terminal; reads its peak resident memory
/// (VmHWM) just before pressing q, then times the exit.
///
/// Not wait4's `ru_maxrss`: posix_spawn's child shares the bench's memory until it runs exec, and exec
/// keeps that high-water mark, so `ru_maxrss` reported the bench's own size (120 MB), not rapport's.
struct FirstFrameProbe {
    /// One start of the app.
    struct Outcome {
        /// From spawning the process until the first frame's last row was written.
        let firstFrameMilliseconds: Double
        let peakMegabytes: Double
        /// From pressing q until the process had exited.
        let quitMilliseconds: Double
    }

    let binary: String
    let environment: [String: String]
    let columns: Int
    let rows: Int
    /// How long to wait for the first frame, and then for the exit, before giving up.
    let patience: Double = 30

    func run() throws -> Outcome {
        var (master, terminal) = (Int32(-1), Int32(-1))
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &terminal, nil, nil, &size) == 0 else {
            throw CRMError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        defer { close(master) }

        // The child has the terminal's side on 0, 1 and 2, and neither descriptor besides.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, terminal, descriptor) }
        posix_spawn_file_actions_addclose(&actions, terminal)
        posix_spawn_file_actions_addclose(&actions, master)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        // Only the child holds the terminal's side now, so reads fail once it has exited.
        close(terminal)
        guard result == 0 else { throw CRMError("cannot start \(binary): \(String(cString: strerror(result)))") }

        var output: [UInt8] = []
        var firstFrame: Double?
        while firstFrame == nil, elapsed(since: started) < patience, read(master, into: &output) {
            if Self.showsFirstFrame(output, rows: rows) { firstFrame = elapsed(since: started) * 1_000 }
        }
        guard let firstFrame else {
            kill(pid, SIGKILL)
            _ = wait(pid)
            let shown = String(decoding: output.suffix(2_000), as: UTF8.self)
            throw CRMError("rapport showed no first frame (it exited, or took over \(Int(patience)) s); "
                           + "it wrote: \(shown.debugDescription)")
        }

        let peak = Self.highWaterMegabytes(pid)
        let quitAt = DispatchTime.now().uptimeNanoseconds
        _ = write(master, "q", 1)
        // Drain the terminal until the child closes it (read fails with EIO), so it never blocks on output.
        while elapsed(since: quitAt) < patience, read(master, into: &output) {}
        guard elapsed(since: quitAt) < patience else {
            kill(pid, SIGKILL)
            _ = wait(pid)
            throw CRMError("rapport did not quit within \(Int(patience)) s of pressing q")
        }
        let (status, usage) = wait(pid)
        let quit = elapsed(since: quitAt) * 1_000
        guard status == 0 else {
            let shown = String(decoding: output.suffix(2_000), as: UTF8.self)
            throw CRMError("rapport exited with status \(status) after q; it wrote: \(shown.debugDescription)")
        }
        return Outcome(firstFrameMilliseconds: firstFrame, peakMegabytes: peak ?? Double(usage.ru_maxrss) / 1024,
                       quitMilliseconds: quit)
    }

    /// Whether the output holds a whole first frame: the screen cleared, the header (" Rapport ",
    /// then the Mail tab), and after it the cursor sent to the last row, which ncurses draws last.
    static func showsFirstFrame(_ output: [UInt8], rows: Int) -> Bool {
        guard let clear = output.firstRange(of: Array("\u{1B}[2J".utf8)),
              let header = output[clear.upperBound...].firstRange(of: Array(" Rapport ".utf8)),
              let tab = output[header.upperBound...].firstRange(of: Array("Mail".utf8)) else { return false }
        let rest = output[tab.upperBound...]
        return rest.firstRange(of: Array("\u{1B}[\(rows);".utf8)) != nil || rest.firstRange(of: Array("\u{1B}[\(rows)d".utf8)) != nil
    }

    /// Waits up to 100 ms for output and appends it; false once the other side has closed.
    private func read(_ master: Int32, into output: inout [UInt8]) -> Bool {
        var poll = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = Glibc.poll(&poll, 1, 100)
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = Glibc.read(master, &buffer, buffer.count)
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 { return false }
        output += buffer[..<count]
        return true
    }

    /// The most memory the running process `pid` has held since its exec, from /proc (nil if unreadable).
    static func highWaterMegabytes(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes / 1024
    }

    /// Reaps the child; its exit status (128 + signal when killed) and resource use.
    private func wait(_ pid: pid_t) -> (Int32, rusage) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, usage)
    }

    private func elapsed(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
