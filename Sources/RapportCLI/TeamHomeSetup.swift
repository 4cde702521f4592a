import CRMCore
import Foundation
import Hardening

/// One run of `init --group` on a folder: what it made, repaired, and could not repair.
struct TeamHomeSetup {
    let path: String
    let group: OSGroup
    let caller: uid_t
    /// What was put right, for the report.
    private(set) var repaired: [String] = []
    /// What is wrong that only someone else can put right, with what they should run.
    var problems: [String] = []

    init(path: String, group: OSGroup, caller: uid_t) {
        (self.path, self.group, self.caller) = (path, group, caller)
    }

    /// The owner of the home folder.
    var homeOwner: uid_t { Self.found(path)?.owner ?? caller }

    /// Whether the folder is already a home of the group (setgid, of that group).
    var isTeamHome: Bool {
        guard let found = Self.found(path) else { return false }
        return found.group == group.gid && found.mode & S_ISGID != 0
    }

    /// Makes the home folder when there is none (the caller's, the group's, 3770); true when made.
    mutating func makeFolderIfMissing() throws -> Bool {
        guard Self.found(path) == nil else { return false }
        guard mkdir(path, 0o700) == 0 else {
            let code = errno
            let advice = code == ENOENT ? "make the folder it goes in first"
                : "make it as root (mkdir \(path) && chown \(OSAccount.login(of: caller)) \(path)) or choose another with --home"
            throw CRMError("cannot make the folder \(path): \(String(cString: strerror(code))); \(advice)")
        }
        let folder = try SafeFile(path, for: .folder(creating: nil))
        try folder.setGroup(group.gid)
        try folder.setPermissions(TeamHome.folderMode)
        return true
    }

    /// Makes `logs/` when there is none: the caller's, and (the home being setgid) the group's, 3770.
    func makeLogFolderIfMissing() throws {
        let home = try SafeFile(path, for: .folder(creating: nil))
        _ = try SafeFile(TeamHome.logs.name, in: home, for: .folder(creating: TeamHome.folderMode))
    }

    /// Looks at every name of the home, repairs what the caller may and notes the rest.
    mutating func checkAndRepair() {
        let plan = TeamHome(group: group, caller: caller, homeOwner: homeOwner)
        for entry in TeamHome.entries {
            let entryPath = entry.name.isEmpty ? path : path + "/" + entry.name
            guard let found = Self.found(entryPath) else { continue }
            switch plan.plan(entry, path: entryPath, found: found) {
            case nil:
                continue
            case .tell(let problem):
                if !problems.contains(problem) { problems.append(problem) }
            case .repair(let newGroup, let newMode):
                do {
                    let file = try open(entry)
                    if let newGroup { try file.setGroup(newGroup) }
                    if let newMode { try file.setPermissions(newMode) }
                    var changes: [String] = []
                    if newGroup != nil { changes.append("group \(OSGroup.name(of: found.group)) → \(group.name)") }
                    if let newMode { changes.append("mode \(TeamHome.octal(found.mode)) → \(TeamHome.octal(newMode))") }
                    repaired.append("\(entryPath): " + changes.joined(separator: ", "))
                } catch {
                    problems.append("\(error.description); its owner or root can repair it with rapport init --group \(group.name)")
                }
            }
        }
    }

    /// Opens an entry without following a link at any step (the home, then `logs/`, then the name).
    private func open(_ entry: TeamHome.Entry) throws(FileRefusal) -> SafeFile {
        var folder = try SafeFile(path, for: .folder(creating: nil))
        var steps = entry.name.split(separator: "/").map(String.init)
        guard let last = steps.popLast() else { return folder }
        for step in steps { folder = try SafeFile(step, in: folder, for: .folder(creating: nil)) }
        return try SafeFile(last, in: folder, for: entry.isFolder ? .folder(creating: nil) : .read)
    }

    /// What stands at `path`, not followed when it is a link; nil when nothing does.
    static func found(_ path: String) -> TeamHome.Found? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: TeamHome.Found.Kind
        switch info.st_mode & S_IFMT {
        case S_IFDIR: kind = .folder
        case S_IFREG: kind = .file
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        return TeamHome.Found(owner: info.st_uid, group: info.st_gid, mode: info.st_mode & 0o7777, kind: kind)
    }
}
