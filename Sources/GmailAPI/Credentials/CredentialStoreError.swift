/// Why the credentials folder could not be used. Messages name the folder, never a mailbox
/// file (its name is the address) and never a token.
public enum CredentialStoreError: Error, Sendable, Equatable {
    /// The folder is not a folder, or belongs to another OS user.
    case unsafeFolder(folder: String, reason: String)
    /// A credentials file can be read or written by other users: Rapport will not use it.
    case exposedFile(folder: String)
    /// A credentials file belongs to another OS user (or is not a regular file).
    case foreignFile(folder: String)
    /// A credentials file is not JSON Rapport wrote.
    case unreadable(folder: String)
    /// The sealing key (`CredentialStore.sealingSecret()`) is unsafe or damaged: Rapport will not use it.
    case unsafeSealingKey(folder: String, reason: String)
    /// A system call failed.
    case io(folder: String, action: String, reason: String)
    /// The address cannot name a credentials file.
    case invalidEmail
}

extension CredentialStoreError: CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var description: String {
        switch self {
        case .unsafeFolder(let folder, let reason):
            return "the credentials folder \(folder) \(reason); move it aside and run rapport account add again"
        case .exposedFile(let folder):
            return "a credentials file in \(folder) can be read by other users, so Rapport will not use it; run `chmod 600 \(folder)/*`, and if someone may have copied it, remove Rapport's access at https://myaccount.google.com/permissions and run rapport account add again"
        case .foreignFile(let folder):
            return "a credentials file in \(folder) belongs to another user or is not a regular file, so Rapport will not use it; remove it and run rapport account add again"
        case .unreadable(let folder):
            return "a credentials file in \(folder) is damaged; run rapport account add again to replace it"
        case .unsafeSealingKey(let folder, let reason):
            return "the sealing key \(folder)/\(CredentialStore.sealingSecretName) \(reason), so Rapport will not use it; "
                + "remove it (Rapport makes a new one), then queue again any of your mail still waiting to be sent"
        case .io(let folder, let action, let reason):
            return "Rapport could not \(action) in the credentials folder \(folder): \(reason)"
        case .invalidEmail:
            return "a mailbox address is needed to store its credentials"
        }
    }
}
