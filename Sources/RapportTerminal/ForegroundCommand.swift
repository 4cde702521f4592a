import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A shell command run in the terminal's foreground, as a shell runs a job, and waited for: `$EDITOR`.
///
/// Foundation's `Process` starts a child in a process group of its own, which the terminal treats as a
/// background job: an editor reading the keyboard is stopped or fails at once. This spawns the child
/// in Rapport's own group instead (which has the terminal), with the signals Rapport ignores (Ctrl-C,
/// hang-up, termination) back to their defaults in the child.
struct ForegroundCommand {
    /// The shell script (`sh -c`), its `$0`, and the arguments it reads as `"$1"`, `"$2"` ….
    let script: String
    let name: String
    let arguments: [String]
    let environment: [String: String]

    /// Runs the command and waits; its exit status, or nil when it could not start or was killed.
    func run() -> Int32? {
        let argv = ["/bin/sh", "-c", script, name] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var attributes = posix_spawnattr_t()
        guard posix_spawnattr_init(&attributes) == 0 else { return nil }
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid = pid_t()
        let started = withCStrings(argv) { argv in
            withCStrings(envp) { envp in posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, envp) }
        }
        guard started == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
        }
        // Exited normally (no terminating signal in the low seven bits): the exit code is the next byte.
        guard status & 0x7f == 0 else { return nil }
        return (status >> 8) & 0xff
    }

    /// Calls `body` with `strings` as a NULL-terminated array of C strings, valid only during the call.
    private func withCStrings<Result>(_ strings: [String],
                                      _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
