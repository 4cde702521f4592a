import CRMCore
import Foundation

/// Where Rapport keeps its files for this invocation (CONTRACT.md, "Where data lives").
struct HomeLocation {
    /// Where the home was named.
    enum Source: Equatable {
        /// `--home DIR` on this command line.
        case flag
        /// `RAPPORT_HOME`.
        case environment
        /// `home = PATH` under `[rapport]` in the user's own config file.
        case ownConfig
        /// Nowhere: `$XDG_DATA_HOME/rapport`.
        case standard
    }

    let home: URL
    let environment: [String: String]
    let source: Source
    /// The user's own config file, read once: it may name the home, and its settings count.
    let ownConfig: ConfigFile

    /// `--home`, else `RAPPORT_HOME`, else `home` under `[rapport]` in the user's own config file,
    /// else `$XDG_DATA_HOME/rapport`, else `~/.local/share/rapport`.
    /// - Throws: `CRMError` when the user's own file names a home by a relative path.
    init(homeFlag: String?, environment: [String: String]) throws {
        self.environment = environment
        ownConfig = ConfigFile.own(at: Self.configHome(environment).appendingPathComponent("rapport/config.ini")
            .standardizedFileURL.path)
        if let flag = homeFlag, !flag.isEmpty {
            (home, source) = (Self.folder(flag, environment), .flag)
        } else if let variable = environment["RAPPORT_HOME"], !variable.isEmpty {
            (home, source) = (Self.folder(variable, environment), .environment)
        } else if let named = ownConfig.config["rapport.home"], !named.isEmpty {
            guard named.hasPrefix("/") || named.hasPrefix("~") else {
                throw CRMError("home = \(named) under [rapport] in \(ownConfig.path) is not a full path; "
                               + "write it from / (or ~/), e.g. home = /srv/sales")
            }
            (home, source) = (Self.folder(named, environment), .ownConfig)
        } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            (home, source) = (URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("rapport", isDirectory: true), .standard)
        } else {
            (home, source) = (Self.userHome(environment).appendingPathComponent(".local/share/rapport", isDirectory: true), .standard)
        }
    }

    /// This location with another home, named as with `--home` (the same user's own config).
    func withHome(_ path: String) -> HomeLocation {
        HomeLocation(home: Self.folder(path, environment), environment: environment, source: .flag, ownConfig: ownConfig)
    }

    private init(home: URL, environment: [String: String], source: Source, ownConfig: ConfigFile) {
        (self.home, self.environment, self.source, self.ownConfig) = (home, environment, source, ownConfig)
    }

    /// `path` with a leading `~` read as `HOME` (`~login` as that user's home folder).
    static func folder(_ path: String, _ environment: [String: String]) -> URL {
        if path == "~" || path.hasPrefix("~/") {
            return userHome(environment).appendingPathComponent(String(path.dropFirst(2)), isDirectory: true)
        }
        return URL(fileURLWithPath: (path as NSString).expandingTildeInPath, isDirectory: true)
    }

    var database: URL { home.appendingPathComponent("rapport.db") }

    /// The home's `config.ini`: the settings of everyone using this home (a team's, when shared).
    var homeConfigFile: URL { home.appendingPathComponent("config.ini") }

    /// The user's own `$XDG_CONFIG_HOME/rapport/config.ini` (else `~/.config/rapport/config.ini`),
    /// the only file besides the command line that may say where sign-ins and secrets go.
    var ownConfigFile: URL { URL(fileURLWithPath: ownConfig.path) }

    /// `logs/` in the home, which holds `rapport.log`.
    var logFolder: URL { home.appendingPathComponent("logs", isDirectory: true) }

    /// `$XDG_CONFIG_HOME/systemd/user` (else `~/.config/systemd/user`): where systemd finds the user's units.
    var systemdUserFolder: URL { Self.configHome(environment).appendingPathComponent("systemd/user", isDirectory: true) }

    private static func configHome(_ environment: [String: String]) -> URL {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config, isDirectory: true)
        }
        return userHome(environment).appendingPathComponent(".config", isDirectory: true)
    }

    private static func userHome(_ environment: [String: String]) -> URL {
        URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
    }

    // MARK: who shares it

    /// Whether the home is a team home (a setgid folder): files made there take its group and must
    /// be group-writable.
    var isShared: Bool { (Self.status(home.path)?.st_mode ?? 0) & S_ISGID != 0 }

    /// Whether the home is private: not a team home, and nobody but the owners of the folder and
    /// the database (and root) may change either, so nobody else can have put the database there.
    var isPrivate: Bool {
        guard let folder = Self.status(home.path), folder.st_mode & (S_ISGID | 0o022) == 0 else { return false }
        return (Self.status(database.path)?.st_mode ?? 0) & 0o022 == 0
    }

    /// The OS user that owns the home folder, when it exists.
    var owner: uid_t? { Self.status(home.path)?.st_uid }

    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// Why `login` cannot reach the database, when the system says they may not (nil otherwise):
    /// for a team home, that only the members of its group may.
    func closedReason(to login: String) -> String? {
        guard access(database.path, F_OK) != 0, errno == EACCES else { return nil }
        if let folder = Self.status(home.path), folder.st_mode & S_ISGID != 0 {
            let group = OSGroup.name(of: folder.st_gid)
            return "you (\(login)) may not enter \(home.path): it is the team home of the group \(group), open to its "
                + "members only (as root: usermod -aG \(group) \(login), then log in again)"
        }
        return "you (\(login)) may not enter \(home.path) (permission denied); its owner decides who may"
    }

    /// Makes files created from now on group-writable in a shared home, private otherwise.
    func applyFileModePolicy() {
        umask(isShared ? 0o007 : 0o077)
    }
}

/// The OS account running Rapport.
struct OSAccount {
    let uid: uid_t
    let login: String

    static var current: OSAccount {
        let uid = getuid()
        return OSAccount(uid: uid, login: login(of: uid))
    }

    /// The login name of an OS user id (the number when it has none).
    static func login(of uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }
}
