import Foundation

/// The process's standard input, output and error, made safe to use when a caller closed them.
public enum StandardStreams {
    /// Puts /dev/null, open only for writing, in place of any closed standard stream; call it
    /// before opening anything. Otherwise the next file opened (a log, a database) would take the
    /// closed stream's number, and "standard input" would read that file and output would write
    /// into it. Reading the stand-in fails, so `BoundedInput` says standard input is closed.
    public static func reserveClosed() {
        for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(stream, F_GETFD) < 0 && errno == EBADF {
            let descriptor = open("/dev/null", O_WRONLY)
            if descriptor >= 0 && descriptor != stream {
                dup2(descriptor, stream)
                close(descriptor)
            }
        }
    }
}
