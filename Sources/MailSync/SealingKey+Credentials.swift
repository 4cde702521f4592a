import CRMCore
import GmailAPI

extension SealingKey {
    /// The OS user's own key, kept in their credentials folder (found from `environment` as
    /// `CredentialStore(environment:)` finds it) and made there on first use. It seals the mail they
    /// queue, and their sync sends only mail it sealed.
    public static func own(environment: [String: String]) throws -> SealingKey {
        let folder = CredentialStore(environment: environment)
        do {
            guard let key = SealingKey(bytes: try folder.sealingSecret()) else {
                throw CredentialStoreError.unsafeSealingKey(folder: folder.folder, reason: "is damaged")
            }
            return key
        } catch {
            throw CRMError("\(error)")
        }
    }
}
