import Foundation

/// Runs another program with posix_spawn and waits for it with wait4, so that its peak resident
/// memory is its own (not pages shared with this process before an exec).
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let peakMegabytes: Double
        let seconds: Double
        let output: String
    }

    /// Runs `executable` with `arguments` and `environment`; standard output is captured,
    /// standard error passes through.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let started = Date()
        let pid = try start(executable, arguments, environment: environment, output: outputPath)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exitStatus, peakMegabytes: Double(usage.ru_maxrss) / 1024, seconds: seconds, output: output)
    }

    /// Starts `executable` without waiting for it; its standard output goes to the new file `output`
    /// (standard error too when `errorsToo`). Returns its process id.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], output: String,
                      errorsToo: Bool = false) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        if errorsToo { posix_spawn_file_actions_adddup2(&actions, 1, 2) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable,
                                                         NSLocalizedDescriptionKey: String(cString: strerror(result))])
        }
        return pid
    }

    /// Asks a process `start` began to stop (SIGTERM) and waits for it; returns its exit status.
    @discardableResult
    static func stop(_ pid: pid_t) -> Int32 {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
