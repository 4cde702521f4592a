import CRMCore
import Foundation

/// The settings of one run: the home's `config.ini` (everyone's in that home, a team's when it is
/// shared) laid over the user's own `$XDG_CONFIG_HOME/rapport/config.ini`, as a repository's git
/// config is laid over the global one.
///
/// Settings that decide where a sign-in or a secret goes (everything under `[google]`: the API,
/// token and consent addresses, the OAuth client and its secret) come only from the user's own
/// file (or the command line). Anyone who can write a shared home could otherwise send a teammate's
/// authorization code, PKCE verifier and client secret to a server of their own. So does
/// `[mail] download_dir`, the folder a person's saved attachments go to: a teammate must not be able
/// to send them into a folder of theirs. Each file counts only when it can be trusted
/// (`ConfigFile.own`, `ConfigFile.home`); both are read without following a link.
struct ConfigFiles {
    let config: Config
    /// What was ignored and why, one line each, for standard error.
    let warnings: [String]

    /// Whether a key (`section.key`) may come from the user's own file only.
    static func isOwnFileOnly(_ key: String) -> Bool { key.hasPrefix("google.") || key == downloadFolderKey }

    /// `[mail] download_dir`: where `mail save` puts files unless told.
    static let downloadFolderKey = "mail.download_dir"

    init(location: HomeLocation) {
        let own = location.ownConfig
        let homePath = location.homeConfigFile.standardizedFileURL.path
        let home = homePath == own.path ? nil : ConfigFile.home(at: homePath, homeOwner: location.owner)
        var warnings = own.warnings + (home?.warnings ?? [])
        var shared = home?.config ?? Config()
        if shared[Self.downloadFolderKey] != nil {
            warnings.append("ignoring download_dir under [mail] in \(homePath): where your saved attachments go is read "
                            + "only from your own \(own.path) or --dir; move it there")
        }
        let steering = shared.keys.filter { $0.hasPrefix("google.") }
        if !steering.isEmpty {
            let names = steering.map { $0.dropFirst("google.".count) }.joined(separator: ", ")
            warnings.append("ignoring \(names) under [google] in \(homePath): where sign-ins and secrets go is read only "
                            + "from your own \(own.path) or the command line; move \(steering.count == 1 ? "it" : "them") there")
        }
        shared = shared.filter { !Self.isOwnFileOnly($0) }
        config = own.config.overlaid(by: shared)
        self.warnings = warnings
    }
}
