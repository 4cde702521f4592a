import Foundation
import LoopbackHTTP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The credentials folder: one JSON file per mailbox, the folder 0700 and every file 0600,
/// all owned by the OS user running Rapport (CONTRACT.md, "secrets").
///
/// - A folder that is looser than 0700 is tightened to 0700 (it holds no secret itself, and a
///   folder made by hand or by another tool under a relaxed umask is common). A folder that is
///   not a folder, or belongs to another user, is refused.
/// - A credentials file that other users can read or write (any of 0077 set), that belongs to
///   another user, or that is a symbolic link, is **refused, not tightened**: like OpenSSH with a
///   private key, Rapport will not quietly use a secret that may already have leaked. The error
///   says to `chmod 600` it and, if others may have copied it, to revoke Rapport's access and
///   sign in again. Files Rapport writes itself are never in this state.
/// - Every write goes to a temporary file created 0600 in the same folder, is flushed, renamed
///   over the old file and the folder is flushed, so a crash leaves the old file or the new one.
public struct CredentialStore: Sendable {
    /// Absolute path of the folder.
    public let folder: String

    public init(folder: String) {
        var path = folder
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.folder = path
    }

    /// The folder CONTRACT.md names, from `environment`: `$RAPPORT_CREDENTIALS_DIR`, else
    /// `$XDG_CONFIG_HOME/rapport/credentials`, else `$HOME/.config/rapport/credentials`.
    public init(environment: [String: String]) {
        self.init(folder: CredentialStore.defaultFolder(environment: environment))
    }

    /// See `init(environment:)`. Empty variables count as unset; a relative `XDG_CONFIG_HOME` is
    /// ignored, as the XDG specification says.
    public static func defaultFolder(environment: [String: String]) -> String {
        if let explicit = environment["RAPPORT_CREDENTIALS_DIR"], !explicit.isEmpty { return explicit }
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/rapport/credentials"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/rapport/credentials"
    }

    /// The file name for a mailbox: the lower-cased address with everything but letters, digits
    /// and `@ . _ + -` written as `%XX` (a leading dot too), then `.json`.
    public static func fileName(for email: String) throws(CredentialStoreError) -> String {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !address.isEmpty else { throw .invalidEmail }
        var name = URLEncoding.encode(address) { byte in
            URLEncoding.isUnreserved(byte) && byte != UInt8(ascii: "~") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "+")
        }
        if name.hasPrefix(".") { name = "%2E" + name.dropFirst() }
        guard name.utf8.count <= 200 else { throw .invalidEmail }
        return name + ".json"
    }

    /// The credentials of a mailbox; nil when there are none.
    public func load(_ email: String) throws(CredentialStoreError) -> Credentials? {
        let name = try Self.fileName(for: email)
        guard try checkFolder(create: false) else { return nil }
        let path = folder + "/" + name
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw .foreignFile(folder: folder) }
            throw .io(folder: folder, action: "read a credentials file", reason: Self.reason(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .io(folder: folder, action: "read a credentials file", reason: Self.reason(errno))
        }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { throw .foreignFile(folder: folder) }
        guard info.st_mode & 0o077 == 0 else { throw .exposedFile(folder: folder) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(folder: folder, action: "read a credentials file", reason: Self.reason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let credentials = try? decoder.decode(Credentials.self, from: Data(bytes)) else {
            throw .unreadable(folder: folder)
        }
        return credentials
    }

    /// Writes (or atomically replaces) a mailbox's credentials, mode 0600 from the first byte.
    public func save(_ credentials: Credentials) throws(CredentialStoreError) {
        let name = try Self.fileName(for: credentials.email)
        _ = try checkFolder(create: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(credentials) else {
            throw .io(folder: folder, action: "encode credentials", reason: "JSON encoding failed")
        }
        let path = folder + "/" + name
        let temporary = folder + "/." + name + "." + RandomText.state().prefix(12).filter { $0 != "." && $0 != "~" } + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode_t(0o600))
        guard fd >= 0 else {
            throw .io(folder: folder, action: "create a credentials file", reason: Self.reason(errno))
        }
        var written = false
        defer { if !written { unlink(temporary) } }
        try fill(fd, with: Array(data))
        guard rename(temporary, path) == 0 else {
            throw .io(folder: folder, action: "replace a credentials file", reason: Self.reason(errno))
        }
        written = true
        try syncFolder()
    }

    /// Removes a mailbox's credentials; false when there were none.
    @discardableResult
    public func delete(_ email: String) throws(CredentialStoreError) -> Bool {
        let name = try Self.fileName(for: email)
        guard try checkFolder(create: false) else { return false }
        if unlink(folder + "/" + name) != 0 {
            let code = errno
            if code == ENOENT { return false }
            throw .io(folder: folder, action: "remove a credentials file", reason: Self.reason(code))
        }
        try syncFolder()
        return true
    }

    /// The mailboxes that have credentials, from the file names (lower case), sorted; no file is
    /// opened.
    public func list() throws(CredentialStoreError) -> [String] {
        guard try checkFolder(create: false) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .io(folder: folder, action: "list", reason: "\(error.localizedDescription)")
        }
        return names
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .map { URLEncoding.decode($0.dropLast(5), plusAsSpace: false) }
            .sorted()
    }

    // MARK: - The folder

    /// Makes sure the folder is a folder of ours with mode 0700, creating it (and missing
    /// parents, 0700) when asked. False when it does not exist and was not to be created.
    private func checkFolder(create: Bool) throws(CredentialStoreError) -> Bool {
        var info = stat()
        if stat(folder, &info) != 0 {
            let code = errno
            guard code == ENOENT else {
                throw .io(folder: folder, action: "look at the folder", reason: Self.reason(code))
            }
            guard create else { return false }
            try makeFolder(folder)
            guard stat(folder, &info) == 0 else {
                throw .io(folder: folder, action: "create the folder", reason: Self.reason(errno))
            }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .unsafeFolder(folder: folder, reason: "is not a folder")
        }
        guard info.st_uid == geteuid() else {
            throw .unsafeFolder(folder: folder, reason: "belongs to another user")
        }
        if info.st_mode & 0o077 != 0 || info.st_mode & 0o700 != 0o700 {
            guard chmod(folder, 0o700) == 0 else {
                throw .io(folder: folder, action: "set the folder's mode to 0700", reason: Self.reason(errno))
            }
        }
        return true
    }

    /// `mkdir -p` with mode 0700 for every folder it creates (exactly 0700, whatever the umask).
    private func makeFolder(_ path: String) throws(CredentialStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) == 0 {
                chmod(prefix, 0o700)
            } else if errno != EEXIST {
                throw .io(folder: folder, action: "create the folder", reason: Self.reason(errno))
            }
        }
    }

    /// Flushes the folder so a rename or unlink survives a crash.
    private func syncFolder() throws(CredentialStoreError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .io(folder: folder, action: "flush the folder", reason: Self.reason(errno))
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw .io(folder: folder, action: "flush the folder", reason: Self.reason(errno))
        }
    }

    /// Sets the new file's mode to exactly 0600 (a umask like 0277 would leave 0400), writes,
    /// flushes and closes it.
    private func fill(_ fd: Int32, with bytes: [UInt8]) throws(CredentialStoreError) {
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            throw .io(folder: folder, action: "protect a credentials file", reason: Self.reason(errno))
        }
        try Self.writeAll(bytes, to: fd, folder: folder)
        guard fsync(fd) == 0 else {
            throw .io(folder: folder, action: "flush a credentials file", reason: Self.reason(errno))
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, folder: String) throws(CredentialStoreError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(folder: folder, action: "write a credentials file", reason: reason(errno))
            }
            offset += count
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
