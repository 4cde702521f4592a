import CRMCore
import Foundation
import Hardening

/// A secret named on the command line by its file (`--client-secret-file`, `--refresh-token-file`),
/// read by the one bounded reader with the care of a credentials file: only a regular file (a FIFO
/// cannot hang the command), never through a symbolic link, not even the caller's own (a link is
/// one more path another user may steer, and naming the file itself costs nothing), at most 64 KB,
/// and with a warning when other users can read it.
enum SecretFile {
    /// The largest secret file read.
    static let largestFile = 64 << 10

    /// The file's text without surrounding white space. `what` names it in messages ("the client
    /// secret file"); `warn` hears that others can read it.
    static func read(_ path: String, what: String, warn: (String) -> Void) throws -> String {
        let input = BoundedInput(file: path, followingOwnLink: false, limit: largestFile,
                                 overLimit: "a secret is far shorter; check that this is the right file")
        let bytes: [UInt8]
        do {
            bytes = try input.read { file in
                if file.isReadableByOthers { warn("other users can read \(what) \(path); run chmod 600 \(path)") }
            }
        } catch {
            throw CRMError("cannot read \(what) \(path): \(error.reason)")
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CRMError("\(what) \(path) is empty") }
        return text
    }
}
