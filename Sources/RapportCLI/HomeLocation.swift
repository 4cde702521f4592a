import Foundation

/// Where Rapport keeps its files for this invocation (CONTRACT.md, "Where data lives").
struct HomeLocation {
    let home: URL
    let environment: [String: String]
    /// Whether the home was named with `--home` on this command line.
    let isFromFlag: Bool

    /// `--home`, else `RAPPORT_HOME`, else `$XDG_DATA_HOME/rapport`, else `~/.local/share/rapport`.
    init(homeFlag: String?, environment: [String: String]) {
        self.environment = environment
        isFromFlag = homeFlag != nil
        if let flag = homeFlag ?? environment["RAPPORT_HOME"], !flag.isEmpty {
            home = URL(fileURLWithPath: (flag as NSString).expandingTildeInPath, isDirectory: true)
        } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            home = URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("rapport", isDirectory: true)
        } else {
            home = Self.userHome(environment).appendingPathComponent(".local/share/rapport", isDirectory: true)
        }
    }

    var database: URL { home.appendingPathComponent("rapport.db") }

    /// The home's `config.ini`: the settings of everyone using this home (a team's, when shared).
    var homeConfigFile: URL { home.appendingPathComponent("config.ini") }

    /// The user's own `$XDG_CONFIG_HOME/rapport/config.ini` (else `~/.config/rapport/config.ini`),
    /// the only file besides the command line that may say where sign-ins and secrets go.
    var ownConfigFile: URL { configHome.appendingPathComponent("rapport/config.ini") }

    /// `logs/` in the home, which holds `rapport.log`.
    var logFolder: URL { home.appendingPathComponent("logs", isDirectory: true) }

    private var configHome: URL {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config, isDirectory: true)
        }
        return Self.userHome(environment).appendingPathComponent(".config", isDirectory: true)
    }

    private static func userHome(_ environment: [String: String]) -> URL {
        URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
    }

    /// Whether the home is a shared, setgid folder: files made there must be group-writable.
    var isShared: Bool {
        var info = stat()
        return stat(home.path, &info) == 0 && (info.st_mode & S_ISGID) != 0
    }

    /// Makes files created from now on group-writable in a shared home, private otherwise.
    func applyFileModePolicy() {
        umask(isShared ? 0o007 : 0o077)
    }

    /// The OS user id that owns the database file, when it exists.
    var databaseOwner: uid_t? {
        var info = stat()
        return stat(database.path, &info) == 0 ? info.st_uid : nil
    }
}

/// The OS account running Rapport.
struct OSAccount {
    let uid: uid_t
    let login: String

    static var current: OSAccount {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            return OSAccount(uid: uid, login: String(cString: name))
        }
        return OSAccount(uid: uid, login: String(uid))
    }
}
