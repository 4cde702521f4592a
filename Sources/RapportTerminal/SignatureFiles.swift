import CRMCore
import Foundation
import Hardening

/// The user's own signatures, from their own config folder and nowhere else (not the shared
/// database, not a home's config, where teammates could change what they send):
/// `$XDG_CONFIG_HOME/rapport/signatures/EMAIL` for one mailbox, else `$XDG_CONFIG_HOME/rapport/signature`
/// for all of them. A file counts only when it is a regular file (not a link) the user owns that
/// nobody else can change, of at most `Signature.maximumBytes`.
public struct SignatureFiles: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// `$XDG_CONFIG_HOME/rapport` (else `~/.config/rapport`).
    var folder: URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("rapport")
    }

    /// The signature for mail from `mailbox`: its own file, else the one for every mailbox; nil when
    /// there is none. `warning` says, for people, why a file that is there was not used.
    public func signature(for mailbox: EmailAddress) -> (signature: Signature?, warning: String?) {
        var paths = [folder.appendingPathComponent("signature").path]
        if !mailbox.value.contains("/") && !mailbox.value.hasPrefix(".") {
            paths.insert(folder.appendingPathComponent("signatures").appendingPathComponent(mailbox.value).path, at: 0)
        }
        for path in paths {
            let file: SafeFile
            do {
                file = try SafeFile(path, for: .read)
            } catch {
                if error.isMissing { continue }
                return (nil, "no signature: \(error.description)")
            }
            if !file.isOwnedByMe { return (nil, "no signature: \(path) belongs to another user") }
            if file.isWritableByOthers { return (nil, "no signature: other users can change \(path); run chmod go-w \(path)") }
            do {
                return (Signature(text: String(decoding: try file.readAll(limit: Signature.maximumBytes), as: UTF8.self)), nil)
            } catch {
                return (nil, "no signature: \(error.description)")
            }
        }
        return (nil, nil)
    }
}
