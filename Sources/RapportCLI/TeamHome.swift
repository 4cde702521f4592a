import Foundation

/// A team home on a shared server: a folder of one team's OS group, so the OS keeps every other
/// team out, and members cannot remove or replace each other's files. `plan` says, from what stands
/// at each of the home's names, what the caller may repair and what only someone else can;
/// `TeamHomeSetup` looks and applies it for `rapport init --group`.
struct TeamHome {
    /// One file or folder of a team home.
    struct Entry: Equatable {
        /// Its path inside the home ("" for the home folder itself).
        let name: String
        let isFolder: Bool
        let rule: Rule

        /// What it must be.
        enum Rule: Equatable {
            /// The team's group and exactly this mode.
            case exactly(mode_t)
            /// The team's settings: owned by the home's owner or root, readable by the group and
            /// writable by nobody else (`ConfigFile.home` ignores it otherwise).
            case settings
        }
    }

    /// Folders: setgid (what is made in them takes the team's group), sticky (only a file's owner,
    /// the folder's owner or root may remove or rename it), everything for the owner and the group,
    /// nothing for anyone else.
    static let folderMode: mode_t = 0o3770
    /// The database, its write-ahead log and shared memory, and the log: every member reads and writes them.
    static let fileMode: mode_t = 0o660

    static let home = Entry(name: "", isFolder: true, rule: .exactly(folderMode))
    static let logs = Entry(name: "logs", isFolder: true, rule: .exactly(folderMode))
    static let database = Entry(name: "rapport.db", isFolder: false, rule: .exactly(fileMode))
    static let settings = Entry(name: "config.ini", isFolder: false, rule: .settings)

    /// Every name of a team home that is checked, folders first.
    static let entries: [Entry] = [
        home, logs, database,
        Entry(name: "rapport.db-wal", isFolder: false, rule: .exactly(fileMode)),
        Entry(name: "rapport.db-shm", isFolder: false, rule: .exactly(fileMode)),
        Entry(name: "logs/rapport.log", isFolder: false, rule: .exactly(fileMode)),
        settings,
    ]

    /// What stands at a name, not followed when it is a link.
    struct Found: Equatable {
        let owner: uid_t
        let group: gid_t
        /// Permission bits with the setuid, setgid and sticky bits.
        let mode: mode_t
        let kind: Kind

        enum Kind: Equatable { case folder, file, link, other }
    }

    /// What to do about one entry.
    enum Step: Equatable {
        /// The caller may put it right: give it this group and (or) this mode.
        case repair(group: gid_t?, mode: mode_t?)
        /// Only someone else can: what is wrong and what they should run.
        case tell(String)
    }

    let group: OSGroup
    /// The OS user running `init --group`.
    let caller: uid_t
    /// The owner of the home folder.
    let homeOwner: uid_t

    /// What to do about `entry` (at `path`) given what was found there; nil when it is right.
    func plan(_ entry: Entry, path: String, found: Found) -> Step? {
        let owner = OSAccount.login(of: found.owner)
        let wanted: Found.Kind = entry.isFolder ? .folder : .file
        guard found.kind == wanted else {
            let what = found.kind == .link ? "a symbolic link" : entry.isFolder ? "not a folder" : "not a regular file"
            if entry == Self.home { return .tell("\(path) is \(what); name the team's folder itself with --home") }
            return .tell("\(path) is \(what), which has no place in a team home; \(owner) or root can remove it "
                         + "(rm \(path)), then run rapport init --group \(group.name) again")
        }
        let mode: mode_t
        switch entry.rule {
        case .exactly(let exact):
            mode = exact
        case .settings:
            if found.owner != homeOwner && found.owner != 0 {
                let homeLogin = OSAccount.login(of: homeOwner)
                return .tell("\(path) belongs to \(owner), so Rapport ignores it: only the home's owner (\(homeLogin)) "
                             + "or root may set the team's settings; \(homeLogin) can remove it (rm \(path)) and write it again")
            }
            let readableByGroupOnly = found.mode & 0o040 != 0 && found.mode & 0o022 == 0 && found.mode & 0o7000 == 0
            mode = readableByGroupOnly ? found.mode : (found.mode & 0o744) | 0o040
        }
        let newGroup = found.group == group.gid ? nil : group.gid
        let newMode = found.mode == mode ? nil : mode
        if newGroup == nil && newMode == nil { return nil }
        if caller == 0 || caller == found.owner { return .repair(group: newGroup, mode: newMode) }
        var wrong: [String] = []
        var commands: [String] = []
        if newGroup != nil {
            wrong.append("group \(OSGroup.name(of: found.group))")
            commands.append("chgrp \(group.name) \(path)")
        }
        if let newMode {
            wrong.append("mode \(Self.octal(found.mode))")
            commands.append("chmod \(Self.octal(newMode)) \(path)")
        }
        return .tell("\(path) has \(wrong.joined(separator: " and ")), but a team home needs group \(group.name), "
                     + "mode \(Self.octal(mode)); \(owner) or root can run: \(commands.joined(separator: " && "))")
    }

    /// "3770", "0660"
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
