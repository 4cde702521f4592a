import Foundation
import Synchronization

/// An OS user made for one test (`useradd`), with a login no other run uses, its own group and
/// home folder, and membership of the groups given; removed (with its group and home folder) with
/// the last reference to it. Programs run as the user through `setpriv`, with the environment a
/// login of theirs would have. Only root can make users: see `canCreate`.
public final class TestOSUser: Sendable {
    public let login: String
    public let uid: uid_t
    /// The user's own group (their primary group).
    public let gid: gid_t
    private let folder: TemporaryFolder

    /// Whether this process may make OS users and run programs as them (root, with useradd and setpriv).
    public static var canCreate: Bool {
        getuid() == 0 && [OSAdministration.useradd, OSAdministration.groupadd, setpriv].allSatisfy {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static let setpriv = "/usr/bin/setpriv"

    /// Makes the user, a member of `groups` besides their own.
    public init(groups: [TestOSGroup] = []) throws {
        login = OSAdministration.uniqueName()
        folder = try TemporaryFolder("rapport-user")
        var arguments = ["--no-create-home", "--user-group", "--home-dir", folder.url.path, "--shell", "/bin/sh"]
        if !groups.isEmpty { arguments += ["--groups", groups.map(\.name).joined(separator: ",")] }
        try OSAdministration.run(OSAdministration.useradd, arguments + [login])
        guard let entry = getpwnam(login) else { throw OSAdministration.Failure("useradd made no user \(login)") }
        uid = entry.pointee.pw_uid
        gid = entry.pointee.pw_gid
        chown(folder.url.path, uid, gid)
        chmod(folder.url.path, 0o700)
    }

    deinit {
        try? OSAdministration.run(OSAdministration.userdel, [login])
    }

    /// The user's home folder (`HOME`), theirs alone (0700).
    public var home: URL { folder.url }

    /// What a login of theirs would have: HOME, USER, LOGNAME, the XDG folders in their home, PATH, TZ.
    public var environment: [String: String] {
        ["HOME": home.path, "USER": login, "LOGNAME": login, "PATH": "/usr/local/bin:/usr/bin:/bin", "TZ": "UTC",
         "LANG": "C.UTF-8", "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
         "XDG_DATA_HOME": home.appendingPathComponent(".local/share").path]
    }

    /// Runs `executable` as this user (their id, their group and every group they are in) with
    /// `environment` and `extra` on top, feeds it `stdin`, and waits.
    public func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:],
                    stdin: String? = nil) throws -> ProcessOutput {
        try ProcessOutput.run(URL(fileURLWithPath: Self.setpriv), prefix(executable) + arguments,
                              environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// Starts `executable` as this user without waiting, its output going to `output` (by default
    /// discarded). The process is the program itself: `setpriv` becomes it, keeping its id.
    public func start(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:],
                      output: FileHandle = .nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.setpriv)
        process.arguments = prefix(executable) + arguments
        process.environment = environment.merging(extra) { $1 }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func prefix(_ executable: String) -> [String] {
        ["--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--", executable]
    }

    /// Writes `text` to `path` in the user's home as they would (theirs, with `mode`), making the
    /// folders on the way (theirs, 0700).
    public func writeFile(_ path: String, _ text: String, mode: mode_t = 0o600) throws {
        let file = home.appendingPathComponent(path)
        var folder = home
        for step in path.split(separator: "/").dropLast() {
            folder.appendPathComponent(String(step))
            if mkdir(folder.path, 0o700) == 0 { chown(folder.path, uid, gid) }
        }
        try Data(text.utf8).write(to: file)
        chown(file.path, uid, gid)
        chmod(file.path, mode)
    }
}

/// An OS group made for one test (`groupadd`), with a name no other run uses; removed with the last
/// reference to it.
public final class TestOSGroup: Sendable {
    public let name: String
    public let gid: gid_t

    public init() throws {
        name = OSAdministration.uniqueName()
        try OSAdministration.run(OSAdministration.groupadd, [name])
        guard let entry = getgrnam(name) else { throw OSAdministration.Failure("groupadd made no group \(name)") }
        gid = entry.pointee.gr_gid
    }

    deinit {
        try? OSAdministration.run(OSAdministration.groupdel, [name])
    }
}

/// Running the system's user and group tools, one at a time (they lock /etc/passwd and /etc/group,
/// and other test processes on the machine may hold those locks: a refusal is tried again).
enum OSAdministration {
    static let useradd = "/usr/sbin/useradd"
    static let userdel = "/usr/sbin/userdel"
    static let groupadd = "/usr/sbin/groupadd"
    static let groupdel = "/usr/sbin/groupdel"

    private static let oneAtATime = Mutex(())

    /// What a tool said when it kept failing.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// "rt" and ten random letters and digits: a valid login and group name no other run uses.
    static func uniqueName() -> String {
        "rt" + UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(10)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        try oneAtATime.withLock { _ in
            var last: ProcessOutput?
            for _ in 0..<50 {
                let output = try ProcessOutput.run(URL(fileURLWithPath: tool), arguments,
                                                   environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
                if output.status == 0 { return }
                last = output
                usleep(100_000)
            }
            throw Failure("\(tool) \(arguments.joined(separator: " ")) kept failing: \(last.map(String.init(describing:)) ?? "")")
        }
    }
}
