import Foundation
import Hardening

extension CredentialStore {
    /// The sealing secret's file in the folder.
    public static let sealingSecretName = "sealing.key"
    /// How many bytes the sealing secret has.
    public static let sealingSecretLength = 32

    /// The OS user's sealing secret: 32 bytes from the system's random generator, kept in
    /// `sealing.key` (0600) in this folder and made there on first use. It seals the mail they
    /// queue, so that only they can send it; like a credentials file, one that others may read or
    /// write, that belongs to someone else, or that is not a regular file, is refused, not used.
    public func sealingSecret() throws(CredentialStoreError) -> [UInt8] {
        guard let folder = try openFolder(create: true) else {
            throw .io(folder: self.folder, action: "create the folder", reason: "it vanished while being made")
        }
        if let secret = try readSealingSecret(in: folder) { return secret }
        try makeSealingSecret(in: folder)
        // Ours, or the one another Rapport put in place a moment before: whichever is there is the key.
        guard let secret = try readSealingSecret(in: folder) else {
            throw .io(folder: self.folder, action: "make the sealing key", reason: "it vanished once made")
        }
        return secret
    }

    private func readSealingSecret(in folder: SafeFile) throws(CredentialStoreError) -> [UInt8]? {
        let file: SafeFile
        do {
            file = try SafeFile(Self.sealingSecretName, in: folder, for: .read)
        } catch {
            if error.isMissing { return nil }
            if error.isWrongKind { throw .unsafeSealingKey(folder: self.folder, reason: "is not a regular file") }
            throw .io(folder: self.folder, action: "read the sealing key", reason: error.fact)
        }
        guard file.isOwnedByMe else { throw .unsafeSealingKey(folder: self.folder, reason: "belongs to another user") }
        guard file.permissions & 0o077 == 0 else {
            throw .unsafeSealingKey(folder: self.folder, reason: "can be read or changed by other users")
        }
        let bytes: [UInt8]
        do {
            bytes = try file.readAll(limit: Self.sealingSecretLength)
        } catch {
            guard case .tooLarge = error.kind else {
                throw .io(folder: self.folder, action: "read the sealing key", reason: error.fact)
            }
            throw .unsafeSealingKey(folder: self.folder, reason: "is damaged")
        }
        guard bytes.count == Self.sealingSecretLength else {
            throw .unsafeSealingKey(folder: self.folder, reason: "is damaged")
        }
        return bytes
    }

    /// Writes a new secret whole under a temporary name, then links it into place unless another
    /// process was first, so that nobody ever reads half a key.
    private func makeSealingSecret(in folder: SafeFile) throws(CredentialStoreError) {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<Self.sealingSecretLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let temporary = Self.temporaryName(for: Self.sealingSecretName)
        do {
            let file = try SafeFile(temporary, in: folder, for: .createNew(mode: 0o600))
            defer { _ = try? folder.remove(temporary) }
            try file.write(secret)
            try file.sync()
            _ = try folder.link(temporary, as: Self.sealingSecretName)
            try folder.sync()
        } catch {
            throw .io(folder: self.folder, action: "write the sealing key", reason: error.fact)
        }
    }
}
