import CRMCore
import Foundation
import Hardening

/// A secret named on the command line by its file (`--client-secret-file`, `--refresh-token-file`),
/// read with the care of a credentials file: never through a symbolic link, only a regular file
/// (a FIFO cannot hang the command), and with a warning when other users can read it.
enum SecretFile {
    /// The largest secret file read.
    static let largestFile = 64 * 1024

    /// The file's text without surrounding white space. `what` names it in messages ("the client
    /// secret file"); `warn` hears that others can read it.
    static func read(_ path: String, what: String, warn: (String) -> Void) throws -> String {
        let bytes: [UInt8]
        do {
            let file = try SafeFile(path, for: .read)
            if file.isReadableByOthers {
                warn("other users can read \(what) \(path); run chmod 600 \(path)")
            }
            bytes = try file.readAll(limit: largestFile)
        } catch {
            throw CRMError("cannot read \(what) \(path): \(error.reason)")
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CRMError("\(what) \(path) is empty") }
        return text
    }
}
