import CRMCore
import CRMStore
import Foundation
import RapportTestSupport
import Testing

/// What one run of the real `rapport` binary printed and returned.
typealias CLIResult = ProcessOutput

extension ProcessOutput {
    /// Standard output parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Standard error's lines.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }

    /// Expects a refusal: `status`, one line on standard error starting `rapport: ` with each of
    /// `words`, and no crash report.
    func expectOneLine(_ words: [String], status expected: Int32 = 1, _ comment: String = "",
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == expected, "\(comment) \(self)", sourceLocation: sourceLocation)
        #expect(errorLines.count == 1, "\(comment) \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("rapport: "), "\(comment) \(stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(stderr.contains(word), "\(comment) “\(word)” in \(stderr)", sourceLocation: sourceLocation)
        }
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Backtrac"), sourceLocation: sourceLocation)
    }
}

/// A temporary Rapport home and a way to run the built binary in it, as a user would.
final class CLIHome: Sendable {
    private let temporary: TemporaryFolder

    /// The `rapport` executable built next to this test bundle.
    static let binary: URL = {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return bundle.appendingPathComponent("rapport")
    }()

    init() throws {
        temporary = try TemporaryFolder("rapport-cli")
    }

    var folder: URL { temporary.url }

    var database: URL { folder.appendingPathComponent("rapport.db") }

    /// The credentials folder the commands use unless a test names another: the sealing key that
    /// `compose --queue` makes goes there, not into the home folder of the user running the tests.
    var credentials: URL { folder.appendingPathComponent("credentials") }

    /// Runs `rapport ARGS` with this home; `as` sets RAPPORT_USER (the test runs as root, an administrator).
    @discardableResult
    func run(_ arguments: [String], as login: String? = nil, stdin: String? = nil,
             environment extra: [String: String] = [:], prefix: [String] = []) throws -> CLIResult {
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = folder.path
        environment["RAPPORT_USER"] = login
        environment["RAPPORT_CREDENTIALS_DIR"] = credentials.path
        environment["TZ"] = "UTC"
        for (key, value) in extra { environment[key] = value }
        if prefix.isEmpty { return try ProcessOutput.run(Self.binary, arguments, environment: environment, stdin: stdin) }
        return try ProcessOutput.run(URL(fileURLWithPath: prefix[0]), Array(prefix.dropFirst()) + [Self.binary.path] + arguments,
                                     environment: environment, stdin: stdin)
    }

    /// Starts `rapport ARGS` without waiting for it (output discarded), for tests that kill it.
    func start(_ arguments: [String], as login: String? = nil, environment extra: [String: String] = [:]) throws -> Process {
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = folder.path
        environment["RAPPORT_USER"] = login
        environment["RAPPORT_CREDENTIALS_DIR"] = credentials.path
        for (key, value) in extra { environment[key] = value }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What `sqlite3 rapport.db SQL` prints (without the last newline): the rows as anyone with a
    /// shell on the database file sees them. `file` names another database (a backup).
    func sqlite(_ sql: String, in file: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [(file ?? database).path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// Runs a command that must succeed, and returns its standard output.
    @discardableResult
    func ok(_ arguments: [String], as login: String? = nil, stdin: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, as: login, stdin: stdin)
        #expect(result.status == 0, "rapport \(arguments.joined(separator: " ")) → \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "unexpected stderr: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Two teams: Alpha with ann (and the admin ada), Beta with bob; each with a mailbox.
    static func withTwoTeams() throws -> CLIHome {
        let home = try CLIHome()
        try home.ok(["init"])
        try home.ok(["team", "add", "Alpha"])
        try home.ok(["team", "add", "Beta"])
        try home.ok(["user", "add", "ann", "--name", "Ann Lee", "--team", "Alpha"])
        try home.ok(["user", "add", "ada", "--name", "Ada Admin", "--team", "Alpha", "--admin"])
        try home.ok(["user", "add", "bob", "--name", "Bob Berg", "--team", "Beta"])
        // Mailbox rows only: signing in to Gmail is CLIAccountTests' business.
        let store = try Store(path: home.database.path)
        for (login, address) in [("ann", "ann@alpha.example"), ("bob", "bob@beta.example")] {
            try store.addMailbox(email: EmailAddress(address)!, for: store.user(login: login)!)
        }
        return home
    }

    /// Whether the tests can run the binary as an unprivileged user (they run as root with setpriv).
    static var canDropPrivileges: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// The prefix that runs a command as `nobody`.
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
}
