import Foundation

/// A folder that files are saved into without ever replacing or writing through anything: each file
/// is made new (`O_CREAT | O_EXCL`, never following a link), under a name `FileName.safe` made, and
/// when that name is taken by anything at all (a file, a link, a FIFO) the next free "name (1).ext"
/// is used instead. Files are 0600: what is saved from mail is the saver's own.
public final class SaveFolder {
    /// The folder as named.
    public let path: String
    private let folder: SafeFile

    /// Names taken before giving up on a name ("name (1)" … "name (999)").
    static let maximumNumber = 999

    /// Opens the folder at `path`, made (0700) when missing, though not its parents. A link is
    /// followed only when it belongs to the caller or root, as a folder people name may be one.
    public init(_ path: String) throws(FileRefusal) {
        self.path = path
        let purpose = SafeFile.Purpose.folder(creating: 0o700)
        folder = try SafeFile(SafeFile.followingOwnLink(path, action: purpose.action), for: purpose)
    }

    /// Saves `bytes` as a new file named after `name`; returns its path.
    public func save(_ bytes: [UInt8], as name: String) throws(FileRefusal) -> String {
        let safe = FileName.safe(name)
        for number in 0...Self.maximumNumber {
            let candidate = number == 0 ? safe : FileName.numbered(safe, number)
            let file: SafeFile
            do {
                file = try SafeFile(candidate, in: folder, for: .createNew(mode: 0o600))
            } catch where error.kind == .system(EEXIST) {
                continue
            }
            do {
                try file.write(bytes)
            } catch {
                // Half a file is not left behind to be taken for the whole one.
                _ = try? folder.remove(candidate)
                throw error
            }
            return path.hasSuffix("/") ? path + candidate : path + "/" + candidate
        }
        throw FileRefusal(path + "/" + safe, .system(EEXIST), action: "create")
    }
}
