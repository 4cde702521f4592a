import CRMCore
import Foundation
import Hardening

/// The settings of one run: the home's `config.ini` (everyone's in that home, a team's when it is
/// shared) laid over the user's own `$XDG_CONFIG_HOME/rapport/config.ini`, as a repository's git
/// config is laid over the global one.
///
/// Settings that decide where a sign-in or a secret goes (everything under `[google]`: the API,
/// token and consent addresses, the OAuth client and its secret) come only from the user's own
/// file (or the command line). Anyone who can write a shared home could otherwise send a teammate's
/// authorization code, PKCE verifier and client secret to a server of their own. The user's own
/// file counts only when it is theirs: a regular file (not a link) they own that nobody else can
/// change. Both files are read without following a link.
struct ConfigFiles {
    let config: Config
    /// What was ignored and why, one line each, for standard error.
    let warnings: [String]

    /// The largest config file read; a larger one is ignored.
    static let largestFile = 1 << 20

    /// Whether a key (`section.key`) may come from the user's own file only.
    static func isOwnFileOnly(_ key: String) -> Bool { key.hasPrefix("google.") }

    init(location: HomeLocation) {
        var warnings: [String] = []
        let ownPath = location.ownConfigFile.standardizedFileURL.path
        let homePath = location.homeConfigFile.standardizedFileURL.path
        let own = Self.read(ownPath, warnings: &warnings) { file in
            if !file.isOwnedByMe { return "it belongs to another user" }
            if file.isWritableByOthers { return "other users can change it; run chmod go-w \(ownPath)" }
            return nil
        }
        var shared = homePath == ownPath ? Config() : Self.read(homePath, warnings: &warnings) { _ in nil }
        let steering = shared.keys.filter(Self.isOwnFileOnly)
        if !steering.isEmpty {
            let names = steering.map { $0.dropFirst("google.".count) }.joined(separator: ", ")
            warnings.append("ignoring \(names) under [google] in \(homePath): where sign-ins and secrets go is read only "
                            + "from your own \(ownPath) or the command line; move \(steering.count == 1 ? "it" : "them") there")
            shared = shared.filter { !Self.isOwnFileOnly($0) }
        }
        config = own.overlaid(by: shared)
        self.warnings = warnings
    }

    /// The settings in `path`; none, with a warning saying why, when it cannot be trusted or read
    /// (`refusal` names what is wrong with an opened file). A missing file is simply empty.
    private static func read(_ path: String, warnings: inout [String], refusal: (SafeFile) -> String?) -> Config {
        do {
            let file = try SafeFile(path, for: .read)
            if let why = refusal(file) {
                warnings.append("ignoring \(path): \(why)")
                return Config()
            }
            return Config(text: String(decoding: try file.readAll(limit: largestFile), as: UTF8.self))
        } catch {
            if !error.isMissing { warnings.append("ignoring \(path): \(error.fact)") }
            return Config()
        }
    }
}
