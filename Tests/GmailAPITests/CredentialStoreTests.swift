import Foundation
@testable import GmailAPI
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("The credentials folder: modes, atomic writes, and what it refuses")
struct CredentialStoreTests {
    let credentials = Credentials(
        email: "Ann.Lee@example.com", clientID: "client-1", clientSecret: "GOCSPX-client-secret",
        refreshToken: "1//0g-REFRESH-SECRET", accessToken: "ya29.ACCESS-SECRET",
        accessTokenExpiresAt: Date(timeIntervalSince1970: 1_800_000_000),
        tokenURL: URL(string: "http://127.0.0.1:8080/token")!, apiBase: URL(string: "http://127.0.0.1:8080")!,
        scopes: [OAuthConfiguration.gmailModifyScope])

    @Test("save then load gives the same credentials; list and delete by address")
    func roundTrip() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        #expect(try store.load("ann.lee@example.com") == nil)
        #expect(try store.list() == [])
        try store.save(credentials)
        #expect(try store.load("ann.lee@example.com") == credentials)
        #expect(try store.load("ANN.LEE@EXAMPLE.COM") == credentials)
        var other = credentials
        other.email = "bob+sales@example.org"
        other.accessToken = nil
        other.accessTokenExpiresAt = nil
        other.apiBase = nil
        try store.save(other)
        #expect(try store.load("bob+sales@example.org") == other)
        #expect(try store.list() == ["ann.lee@example.com", "bob+sales@example.org"])
        #expect(try store.delete("ann.lee@example.com"))
        #expect(try !store.delete("ann.lee@example.com"))
        #expect(try store.load("ann.lee@example.com") == nil)
        #expect(try store.list() == ["bob+sales@example.org"])
    }

    @Test("file names are safe whatever the address holds")
    func fileNames() throws {
        #expect(try CredentialStore.fileName(for: "Ann.Lee@Example.com") == "ann.lee@example.com.json")
        #expect(try CredentialStore.fileName(for: "../../etc/passwd") == "%2E.%2F..%2Fetc%2Fpasswd.json")
        #expect(try CredentialStore.fileName(for: "o'brien/x y@ex.com") == "o%27brien%2Fx%20y@ex.com.json")
        #expect(throws: CredentialStoreError.invalidEmail) { try CredentialStore.fileName(for: "  ") }
    }

    @Test("the folder is created 0700 and a looser one is tightened to 0700")
    func folderMode() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/a/b/credentials")
        try store.save(credentials)
        #expect(try oauthMode(of: store.folder) == 0o700)

        chmod(store.folder, 0o755)
        _ = try store.load(credentials.email)
        #expect(try oauthMode(of: store.folder) == 0o700)
    }

    @Test("files are 0600 from creation, even with umask 000")
    func fileModeUnderOpenUmask() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        let previous = umask(0)
        defer { umask(previous) }
        try store.save(credentials)
        umask(previous)
        let path = store.folder + "/" + (try CredentialStore.fileName(for: credentials.email))
        #expect(try oauthMode(of: path) == 0o600)
        #expect(try oauthMode(of: store.folder) == 0o700)
    }

    @Test("a save replaces the file atomically: a new inode, no temporary left, a reader of the old file sees it whole")
    func atomicReplace() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        try store.save(credentials)
        let path = store.folder + "/" + (try CredentialStore.fileName(for: credentials.email))
        let oldInode = try oauthInode(of: path)
        let oldHandle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? oldHandle.close() }

        var updated = credentials
        updated.accessToken = "ya29.NEW-ACCESS"
        try store.save(updated)

        #expect(try oauthInode(of: path) != oldInode)
        #expect(try store.load(credentials.email) == updated)
        let oldText = String(decoding: try oldHandle.readToEnd() ?? Data(), as: UTF8.self)
        #expect(oldText.contains("ya29.ACCESS-SECRET"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.folder) == ["ann.lee@example.com.json"])
        #expect(try oauthMode(of: path) == 0o600)
    }

    @Test("a credentials file others can read is refused with a message that says how to fix it, and no address")
    func exposedFileRefused() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        try store.save(credentials)
        let path = store.folder + "/" + (try CredentialStore.fileName(for: credentials.email))
        for loose in [0o644, 0o640, 0o604, 0o620] as [mode_t] {
            chmod(path, loose)
            let error = #expect(throws: CredentialStoreError.self) { try store.load(credentials.email) }
            #expect(error == .exposedFile(folder: store.folder))
            #expect(error?.description.contains("chmod 600 \(store.folder)/*") == true)
            #expect(error?.description.contains("ann.lee") == false)
        }
        chmod(path, 0o600)
        #expect(try store.load(credentials.email) == credentials)
    }

    @Test("a symbolic link in place of a credentials file, or a damaged file, is refused")
    func linksAndDamage() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        try store.save(credentials)
        let path = store.folder + "/" + (try CredentialStore.fileName(for: credentials.email))
        try FileManager.default.moveItem(atPath: path, toPath: folder.path + "/elsewhere.json")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.path + "/elsewhere.json")
        #expect(throws: CredentialStoreError.foreignFile(folder: store.folder)) { try store.load(credentials.email) }

        try FileManager.default.removeItem(atPath: path)
        try store.save(credentials)
        let fd = open(path, O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        _ = "{not json".withCString { write(fd, $0, 9) }
        close(fd)
        #expect(throws: CredentialStoreError.unreadable(folder: store.folder)) { try store.load(credentials.email) }
    }

    @Test("a folder that is a file is refused")
    func folderIsAFile() throws {
        let folder = try OAuthTemporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder.path + "/credentials", contents: Data()))
        let store = CredentialStore(folder: folder.path + "/credentials")
        #expect(throws: CredentialStoreError.unsafeFolder(folder: store.folder, reason: "is not a folder")) {
            try store.save(credentials)
        }
    }

    @Test("a credentials folder that is a symbolic link is refused: nothing is read or written through it")
    func folderIsALink() throws {
        let folder = try OAuthTemporaryFolder()
        let elsewhere = CredentialStore(folder: folder.path + "/elsewhere")
        try elsewhere.save(credentials)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/credentials", withDestinationPath: elsewhere.folder)
        let store = CredentialStore(folder: folder.path + "/credentials")
        let refusal = CredentialStoreError.unsafeFolder(folder: store.folder, reason: "is a symbolic link")
        #expect(throws: refusal) { try store.load(credentials.email) }
        var changed = credentials
        changed.refreshToken = "1//0g-PLANTED"
        #expect(throws: refusal) { try store.save(changed) }
        #expect(throws: refusal) { try store.delete(credentials.email) }
        #expect(try elsewhere.load(credentials.email) == credentials)
    }

    @Test("the default folder follows CONTRACT.md")
    func defaultFolder() {
        #expect(CredentialStore.defaultFolder(environment: [
            "RAPPORT_CREDENTIALS_DIR": "/srv/creds", "XDG_CONFIG_HOME": "/x", "HOME": "/home/ann",
        ]) == "/srv/creds")
        #expect(CredentialStore.defaultFolder(environment: ["XDG_CONFIG_HOME": "/x/config", "HOME": "/home/ann"])
            == "/x/config/rapport/credentials")
        #expect(CredentialStore.defaultFolder(environment: ["RAPPORT_CREDENTIALS_DIR": "", "XDG_CONFIG_HOME": "relative", "HOME": "/home/ann"])
            == "/home/ann/.config/rapport/credentials")
        #expect(CredentialStore(environment: ["RAPPORT_CREDENTIALS_DIR": "/srv/creds/"]).folder == "/srv/creds")
    }
}

@Suite("Credentials never show their secrets")
struct CredentialsDescriptionTests {
    @Test("description, debugDescription, interpolation and dump hide tokens and the client secret")
    func hidesSecrets() {
        let credentials = Credentials(
            email: "ann@example.com", clientID: "client-1", clientSecret: "GOCSPX-client-secret",
            refreshToken: "1//0g-REFRESH-SECRET", accessToken: "ya29.ACCESS-SECRET",
            accessTokenExpiresAt: Date(timeIntervalSince1970: 1_800_000_000))
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedList = ""
        dump([credentials], to: &dumpedList)
        for text in [String(describing: credentials), String(reflecting: credentials), "\(credentials)", dumped, dumpedList] {
            #expect(!text.contains("GOCSPX-client-secret"), "\(text)")
            #expect(!text.contains("REFRESH-SECRET"), "\(text)")
            #expect(!text.contains("ACCESS-SECRET"), "\(text)")
            #expect(text.contains("ann@example.com"))
        }
        #expect(dumped.contains("<redacted>"))
        #expect(String(describing: credentials).contains("2027-01-15T08:00:00Z"))
    }

    @Test("the file's JSON holds the secrets (it is the only place that does) under stable keys")
    func codableKeys() throws {
        let credentials = Credentials(email: "ann@example.com", clientID: "c", clientSecret: "s", refreshToken: "r")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(credentials), as: UTF8.self)
        #expect(json.contains(#""refresh_token":"r""#))
        #expect(json.contains(#""client_secret":"s""#))
        #expect(json.contains(#""token_url":"https:\/\/oauth2.googleapis.com\/token""#))
    }
}

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class OAuthTemporaryFolder: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/rapport-oauth-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func oauthMode(of path: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    return info.st_mode & 0o7777
}

func oauthInode(of path: String) throws -> ino_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    return info.st_ino
}
