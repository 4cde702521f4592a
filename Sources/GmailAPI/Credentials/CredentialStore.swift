import Foundation
import Hardening
import LoopbackHTTP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The credentials folder: one JSON file per mailbox, the folder 0700 and every file 0600,
/// all owned by the OS user running Rapport (CONTRACT.md, "secrets"); beside them the user's
/// sealing secret (`sealingSecret()`).
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
/// - Neither the folder nor a file in it is ever reached through a symbolic link: the folder is
///   opened without following one, and files are opened, made and renamed inside that open folder.
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
        guard let folder = try openFolder(create: false) else { return nil }
        let file: SafeFile
        do {
            file = try SafeFile(name, in: folder, for: .read)
        } catch {
            if error.isMissing { return nil }
            if error.isWrongKind { throw .foreignFile(folder: self.folder) }
            throw .io(folder: self.folder, action: "read a credentials file", reason: error.fact)
        }
        guard file.isOwnedByMe else { throw .foreignFile(folder: self.folder) }
        guard file.permissions & 0o077 == 0 else { throw .exposedFile(folder: self.folder) }
        let bytes: [UInt8]
        do {
            bytes = try file.readAll(limit: Self.largestFile)
        } catch {
            throw error.kind == .tooLarge(limit: Self.largestFile) ? .unreadable(folder: self.folder)
                : .io(folder: self.folder, action: "read a credentials file", reason: error.fact)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let credentials = try? decoder.decode(Credentials.self, from: Data(bytes)) else {
            throw .unreadable(folder: self.folder)
        }
        return credentials
    }

    /// No credentials file Rapport writes comes near this; a larger one is not read.
    static let largestFile = 1 << 20

    /// Writes (or atomically replaces) a mailbox's credentials, mode 0600 from the first byte.
    public func save(_ credentials: Credentials) throws(CredentialStoreError) {
        let name = try Self.fileName(for: credentials.email)
        guard let folder = try openFolder(create: true) else {
            throw .io(folder: self.folder, action: "create the folder", reason: "it vanished while being made")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(credentials) else {
            throw .io(folder: self.folder, action: "encode credentials", reason: "JSON encoding failed")
        }
        let temporary = Self.temporaryName(for: name)
        do {
            let file = try SafeFile(temporary, in: folder, for: .createNew(mode: 0o600))
            var renamed = false
            defer { if !renamed { _ = try? folder.remove(temporary) } }
            try file.write(Array(data))
            try file.sync()
            try folder.rename(temporary, to: name)
            renamed = true
            try folder.sync()
        } catch {
            throw .io(folder: self.folder, action: "write a credentials file", reason: error.fact)
        }
    }

    /// A name nobody could guess for a file being written before it takes `name`'s place, hidden
    /// (a leading dot) and never a mailbox's.
    static func temporaryName(for name: String) -> String {
        "." + name + "." + RandomText.state().prefix(12).filter { $0 != "." && $0 != "~" } + ".tmp"
    }

    /// Removes a mailbox's credentials; false when there were none.
    @discardableResult
    public func delete(_ email: String) throws(CredentialStoreError) -> Bool {
        let name = try Self.fileName(for: email)
        guard let folder = try openFolder(create: false) else { return false }
        do {
            guard try folder.remove(name) else { return false }
            try folder.sync()
        } catch {
            throw .io(folder: self.folder, action: "remove a credentials file", reason: error.fact)
        }
        return true
    }

    /// The mailboxes that have credentials, from the file names (lower case), sorted; no file is
    /// opened.
    public func list() throws(CredentialStoreError) -> [String] {
        guard try openFolder(create: false) != nil else { return [] }
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

    /// Opens the folder (never through a link) and makes sure it is a folder of ours with mode
    /// 0700, creating it (and missing parents, 0700) when asked. Nil when it does not exist and
    /// was not to be created. Files are then opened inside this very folder.
    func openFolder(create: Bool) throws(CredentialStoreError) -> SafeFile? {
        let opened: SafeFile
        do {
            opened = try SafeFile(folder, for: .folder(creating: nil))
        } catch {
            switch error.kind {
            case .system(ENOENT):
                guard create else { return nil }
                try makeFolder(folder)
                return try openFolder(create: false)
            case .link: throw .unsafeFolder(folder: folder, reason: "is a symbolic link")
            case .notFolder: throw .unsafeFolder(folder: folder, reason: "is not a folder")
            default: throw .io(folder: folder, action: "look at the folder", reason: error.fact)
            }
        }
        guard opened.isOwnedByMe else { throw .unsafeFolder(folder: folder, reason: "belongs to another user") }
        if opened.permissions & 0o7777 != 0o700 {
            do {
                try opened.setPermissions(0o700)
            } catch {
                throw .io(folder: folder, action: "set the folder's mode to 0700", reason: error.fact)
            }
        }
        return opened
    }

    /// `mkdir -p` with mode 0700 for every folder it creates (exactly 0700, whatever the umask).
    private func makeFolder(_ path: String) throws(CredentialStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) == 0 {
                chmod(prefix, 0o700)
            } else if errno != EEXIST {
                throw .io(folder: folder, action: "create the folder", reason: String(cString: strerror(errno)))
            }
        }
    }
}
