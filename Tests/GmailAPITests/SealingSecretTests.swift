import Foundation
@testable import GmailAPI
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("The sealing secret beside the credentials: made once, 0600, and refused when others can reach it")
struct SealingSecretTests {
    private func setUp() throws -> (OAuthTemporaryFolder, CredentialStore, String) {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path + "/credentials")
        return (folder, store, store.folder + "/" + CredentialStore.sealingSecretName)
    }

    @Test("made on first use: 32 bytes, 0600 in a 0700 folder, the same bytes every time after")
    func madeOnceAndKept() throws {
        let (_, store, path) = try setUp()
        let previous = umask(0)
        defer { umask(previous) }
        let secret = try store.sealingSecret()
        umask(previous)
        #expect(secret.count == 32)
        #expect(Set(secret).count > 8, "random bytes, not a constant")
        #expect(try oauthMode(of: path) == 0o600)
        #expect(try oauthMode(of: store.folder) == 0o700)
        #expect(try store.sealingSecret() == secret)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.folder) == [CredentialStore.sealingSecretName],
                "no temporary file is left")
        #expect(try store.list() == [], "it is not a mailbox")
        // Another user's folder gets another key.
        let (_, other, _) = try setUp()
        #expect(try other.sealingSecret() != secret)
    }

    @Test("two processes making it at once end up with one key")
    func raceMakesOneKey() throws {
        let (_, store, _) = try setUp()
        let secrets = Collected()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let secret = try? store.sealingSecret() { secrets.append(secret) }
        }
        let all = secrets.all
        #expect(all.count == 8)
        #expect(Set(all.map { Data($0) }).count == 1)
    }

    @Test("one that others may read, or a link, or of the wrong size, is refused and left alone")
    func refusals() throws {
        let (folder, store, path) = try setUp()
        let secret = try store.sealingSecret()
        for loose in [0o644, 0o640, 0o660, 0o602] as [mode_t] {
            chmod(path, loose)
            let error = #expect(throws: CredentialStoreError.self) { try store.sealingSecret() }
            #expect(error == .unsafeSealingKey(folder: store.folder, reason: "can be read or changed by other users"))
            #expect(error?.description.contains("remove it (Rapport makes a new one)") == true)
        }
        chmod(path, 0o600)
        #expect(try store.sealingSecret() == secret)

        // A link to a key someone else chose is not followed.
        try FileManager.default.moveItem(atPath: path, toPath: folder.path + "/planted.key")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.path + "/planted.key")
        #expect(throws: CredentialStoreError.unsafeSealingKey(folder: store.folder, reason: "is not a regular file")) {
            try store.sealingSecret()
        }
        try FileManager.default.removeItem(atPath: path)

        for size in [0, 31, 33, 4096] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: size),
                                                   attributes: [.posixPermissions: 0o600]))
            #expect(throws: CredentialStoreError.unsafeSealingKey(folder: store.folder, reason: "is damaged")) {
                try store.sealingSecret()
            }
            try FileManager.default.removeItem(atPath: path)
        }
        #expect(try store.sealingSecret() != secret, "removed, a new one is made")
    }
}

/// Keys several threads read.
private final class Collected: Sendable {
    private let secrets = Mutex<[[UInt8]]>([])

    func append(_ secret: [UInt8]) { secrets.withLock { $0.append(secret) } }

    var all: [[UInt8]] { secrets.withLock { $0 } }
}
