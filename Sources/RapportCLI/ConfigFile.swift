import CRMCore
import Foundation
import Hardening

/// One `config.ini`, read without following a link, or ignored with a warning saying why and what
/// to fix when it cannot be trusted. A missing file is simply empty.
struct ConfigFile {
    let path: String
    let config: Config
    /// What was ignored and why, one line each, for standard error.
    let warnings: [String]

    /// The largest config file read; a larger one is ignored.
    static let largestFile = 1 << 20

    /// The settings in `path`; none, with a warning, when `refusal` names something wrong with the
    /// opened file or it cannot be read.
    init(path: String, refusal: (SafeFile) -> String?) {
        self.path = path
        do {
            let file = try SafeFile(path, for: .read)
            if let why = refusal(file) {
                (config, warnings) = (Config(), ["ignoring \(path): \(why)"])
                return
            }
            (config, warnings) = (Config(text: String(decoding: try file.readAll(limit: Self.largestFile), as: UTF8.self)), [])
        } catch {
            (config, warnings) = (Config(), error.isMissing ? [] : ["ignoring \(path): \(error.fact)"])
        }
    }

    /// The user's own `$XDG_CONFIG_HOME/rapport/config.ini`: it counts only when it is theirs, a
    /// regular file they own that nobody else can change.
    static func own(at path: String) -> ConfigFile {
        ConfigFile(path: path) { file in
            if !file.isOwnedByMe { return "it belongs to another user" }
            if file.isWritableByOthers { return "other users can change it; run chmod go-w \(path)" }
            return nil
        }
    }

    /// A home's `config.ini`, the settings of everyone using the home: it counts only when the
    /// home's owner (`homeOwner`) or root owns it and nobody else can change it. In a team home
    /// every member may write files, so anything else may have been put there by any of them.
    static func home(at path: String, homeOwner: uid_t?) -> ConfigFile {
        ConfigFile(path: path) { file in
            if file.owner != 0, file.owner != homeOwner {
                let owner = homeOwner.map(OSAccount.login(of:)) ?? "the home's owner"
                let who = homeOwner == 0 ? "root, who owns the home," : "the home's owner (\(owner)) or root"
                return "it belongs to \(OSAccount.login(of: file.owner)), and only \(who) may set its settings; "
                    + "\(owner) can remove it (rm \(path)) and write it again"
            }
            if file.isWritableByOthers {
                return "other users can change it; its owner can run chmod go-w \(path)"
            }
            return nil
        }
    }
}
