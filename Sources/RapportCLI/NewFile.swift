import CRMCore
import Foundation

/// Writes a file under its final name only once it is whole: it is filled under a fresh name
/// beside it, made with the mode asked for and never through a link, then renamed or linked into place.
enum NewFile {
    /// Fills a new file beside `path` (made with `mode`) with `fill`, then gives it the name `path`:
    /// replacing what has it only when `replace` (a link is replaced, not followed), else refusing.
    /// A failure leaves nothing behind.
    static func write(to path: String, mode: mode_t, replace: Bool, fill: (String) throws -> Void) throws {
        let temporary = path + ".partial-" + UUID().uuidString.prefix(8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw CRMError("cannot create \(temporary): \(String(cString: strerror(errno))); choose another place")
        }
        fchmod(descriptor, mode)
        close(descriptor)
        defer { unlink(temporary) }
        try fill(temporary)
        let named = replace ? rename(temporary, path) : link(temporary, path)
        guard named == 0 else {
            throw CRMError("cannot name the copy \(path): \(String(cString: strerror(errno)))"
                           + (errno == EEXIST ? "; add --force to replace it" : ""))
        }
    }

    /// Whether anything, even a dangling link, has the name `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
