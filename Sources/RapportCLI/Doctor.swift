import CRMCore
import CRMStore
import Foundation
import GmailAPI
import MailSync

/// What `rapport doctor` looks at: the home's files, the database, the user's mailboxes, the
/// settings and the disk. Each check gives findings; a problem says how to put it right.
struct Doctor {
    /// One thing looked at and what was found.
    struct Finding {
        let check: String
        let message: String
        /// What to do; nil when all is well.
        let fix: String?

        var isProblem: Bool { fix != nil }

        static func ok(_ check: String, _ message: String) -> Finding { Finding(check: check, message: message, fix: nil) }
    }

    /// A write-ahead log bigger than this means checkpoints are not keeping up.
    static let walLimit: Int64 = 256 << 20
    /// Less free space than this on the home's disk is a problem.
    static let freeSpaceLimit: Int64 = 1 << 30

    let run: Invocation
    let store: Store
    let user: User

    /// Every finding, in the order they are checked.
    func findings() throws -> [Finding] {
        var found = home() + [try team(), try database(), writeAheadLog()]
        let settings: SyncSettings?
        do {
            settings = try SyncSettings(config: run.config)
            found.append(.ok("config", "settings in range"))
        } catch {
            settings = nil
            found.append(Finding(check: "config", message: "\(error)", fix: "correct it in \(run.location.homeConfigFile.path) "
                                 + "or \(run.location.ownConfigFile.path)"))
        }
        found += ConfigFiles(location: run.location).warnings.map {
            Finding(check: "config", message: $0, fix: "edit or remove that setting")
        }
        for mailbox in try store.mailboxes(in: .team(user.teamID), owner: user.id) {
            found += try self.mailbox(mailbox, settings: settings)
        }
        found.append(disk())
        return found
    }

    /// The home's folder, database and log: a team home's group and modes as `init --group` makes
    /// them; in a private home, nobody else may write the folder or open the database's files.
    private func home() -> [Finding] {
        let path = run.location.home.path
        guard let folder = TeamHomeSetup.found(path) else { return [] }
        if run.location.isShared {
            let plan = TeamHome(group: OSGroup.of(folder.group), caller: getuid(), homeOwner: folder.owner)
            let problems = TeamHome.entries.compactMap { entry -> Finding? in
                let full = entry.name.isEmpty ? path : (path as NSString).appendingPathComponent(entry.name)
                guard let found = TeamHomeSetup.found(full) else { return nil }
                switch plan.plan(entry, path: full, found: found) {
                case nil: return nil
                case .repair: return Finding(check: "home", message: "\(full) is not as a team home needs it",
                                             fix: "run rapport init --group \(plan.group.name) --home \(path)")
                case .tell(let words):
                    return Finding(check: "home", message: words, fix: "only the one the message names (or root) can, "
                                   + "with the command it gives")
                }
            }
            return problems.isEmpty ? [.ok("home", "team home of the group \(plan.group.name)")] : problems
        }
        var problems: [Finding] = []
        for name in ["", "rapport.db", "rapport.db-wal", "rapport.db-shm"] {
            let full = name.isEmpty ? path : (path as NSString).appendingPathComponent(name)
            // The folder may be listed by others (a folder made by hand often is); the files not even read.
            guard let found = TeamHomeSetup.found(full), found.mode & (name.isEmpty ? 0o022 : 0o077) != 0 else { continue }
            problems.append(Finding(check: "home", message: "\(full) is open to other users (mode \(TeamHome.octal(found.mode)))",
                                    fix: "chmod go-rwx \(full) (or make a team home with rapport init --group GROUP)"))
        }
        return problems.isEmpty ? [.ok("home", "private home, closed to other users")] : problems
    }

    /// A shared home serves one team.
    private func team() throws -> Finding {
        let teams = try store.teams()
        guard run.location.isShared, teams.count > 1 else {
            return .ok("team", teams.count == 1 ? "one team in this home" : "\(teams.count) teams in this home")
        }
        return Finding(check: "team", message: "this shared home holds \(teams.count) teams; a team home serves one",
                       fix: "give each team its own home with rapport init --group GROUP --home DIR")
    }

    private func database() throws -> Finding {
        let problems = try store.quickCheck()
        if problems.isEmpty { return .ok("database", "quick_check passed") }
        return Finding(check: "database", message: "SQLite's quick_check found damage (\(problems.prefix(2).joined(separator: "; ")))",
                       fix: "restore the latest backup with rapport restore FILE")
    }

    private func writeAheadLog() -> Finding {
        let path = run.location.database.path + "-wal"
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        if size <= Self.walLimit { return .ok("wal", "write-ahead log \(size >> 20) MB") }
        return Finding(check: "wal", message: "the write-ahead log is \(size >> 20) MB: a long-open reader keeps it "
                       + "from being folded back", fix: "restart the app and sync processes left running for days")
    }

    private func mailbox(_ mailbox: Mailbox, settings: SyncSettings?) throws -> [Finding] {
        let address = mailbox.email.value
        var found: [Finding] = []
        let credentials = CredentialStore(environment: run.location.environment)
        found += credentialModes(credentials, address: address)
        found.append(tokenRefresh(credentials, address: address))
        guard let settings else { return found }
        let activity = try SyncActivity(mailbox, store: store, interval: settings.interval)
        found.append(activity.isAlive ? .ok("sync \(address)", activity.words)
                     : Finding(check: "sync \(address)", message: activity.words, fix: "rapport service install (or run rapport sync)"))
        return found
    }

    /// Whether the stored sign-in still gets a new access token from its token endpoint.
    private func tokenRefresh(_ credentials: CredentialStore, address: String) -> Finding {
        let check = "sign-in \(address)"
        do {
            guard let stored = try credentials.load(address) else {
                return Finding(check: check, message: "no sign-in stored on this machine", fix: "rapport account add \(address)")
            }
            let tokens = TokenManager(credentials: stored, store: credentials, transport: CurlTransport())
            _ = try tokens.refreshedAccessToken()
            return .ok(check, "a token refresh works")
        } catch {
            return Finding(check: check, message: "a token refresh failed: \(error)",
                           fix: "sign in again with rapport account add \(address)")
        }
    }

    /// The credentials folder 0700 and the mailbox's file 0600, both the user's.
    private func credentialModes(_ credentials: CredentialStore, address: String) -> [Finding] {
        var problems: [Finding] = []
        if let folder = TeamHomeSetup.found(credentials.folder), folder.kind != .folder || folder.mode & 0o077 != 0
            || folder.owner != getuid() {
            problems.append(Finding(check: "credentials", message: "\(credentials.folder) is not a private folder of yours",
                                    fix: "chmod 700 \(credentials.folder) (it must be yours, not a link)"))
        }
        if let name = try? CredentialStore.fileName(for: address) {
            let file = (credentials.folder as NSString).appendingPathComponent(name)
            if let found = TeamHomeSetup.found(file), found.kind != .file || found.mode & 0o077 != 0 || found.owner != getuid() {
                problems.append(Finding(check: "credentials \(address)", message: "\(file) is open to others or not yours",
                                        fix: "chmod 600 \(file); if others may have copied it, revoke Rapport's access "
                                            + "in your Google account and run rapport account add \(address)"))
            }
        }
        return problems.isEmpty ? [.ok("credentials \(address)", "private")] : problems
    }

    private func disk() -> Finding {
        var info = statvfs()
        guard statvfs(run.location.home.path, &info) == 0 else { return .ok("disk", "free space unknown") }
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        if free >= Self.freeSpaceLimit { return .ok("disk", "\(free >> 20) MB free") }
        return Finding(check: "disk", message: "only \(free >> 20) MB free on the disk of \(run.location.home.path)",
                       fix: "free some space; Rapport stops writing when the disk is full")
    }
}
