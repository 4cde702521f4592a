import CRMCore
import Foundation
import GmailSimulator
import RapportTestSupport
import Testing

/// The probes of issue 13 that need no second OS user, through the real binary: a home's config
/// cannot steer a sign-in, the log is not a way to write other files, a secret echoed by the token
/// endpoint is printed and stored nowhere, and the client secret stays out of `ps`.
@Suite(.serialized) struct CLISecretsTests {
    static let hasSQLite = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")

    /// A home with ann, a simulated Gmail with her mailbox, a refresh token for it in a file, and a
    /// config folder of her own (`XDG_CONFIG_HOME`).
    final class Setup {
        let home: CLIHome
        let gmail: RunningSimulator
        let own: TemporaryFolder
        let tokenFile: URL
        let refreshToken: String
        static let account = "ann@alpha.example"

        init() throws {
            home = try CLIHome.withTwoTeams()
            gmail = try RunningSimulator(accounts: [Self.account])
            own = try TemporaryFolder("rapport-own-config")
            refreshToken = gmail.simulator.issueRefreshToken(for: Self.account)
            tokenFile = home.folder.appendingPathComponent("ann.token")
            try refreshToken.write(to: tokenFile, atomically: true, encoding: .utf8)
            chmod(tokenFile.path, 0o600)
        }

        var root: String {
            let base = gmail.base.absoluteString
            return base.hasSuffix("/") ? base : base + "/"
        }

        var credentials: URL { home.folder.appendingPathComponent("credentials") }

        var environment: [String: String] {
            ["RAPPORT_CREDENTIALS_DIR": credentials.path, "XDG_CONFIG_HOME": own.url.path]
        }

        /// `[google]` settings pointing at `root`, with the simulator's client.
        func googleSection(_ root: String, secret: Bool = true) -> String {
            "[google]\napi_base = \(root)\nauth_url = \(root)o/oauth2/v2/auth\ntoken_url = \(root)token\n"
                + "client_id = rapport-test-client\n" + (secret ? "client_secret = rapport-test-secret\n" : "")
        }

        var ownConfig: URL { own.url.appendingPathComponent("rapport/config.ini") }

        func writeOwnConfig(_ text: String) throws {
            try FileManager.default.createDirectory(at: ownConfig.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: ownConfig, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CLIResult {
            try home.run(arguments, as: "ann", environment: environment.merging(extra) { _, new in new })
        }

        func connect(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CLIResult {
            try run(["account", "add", Self.account, "--refresh-token-file", tokenFile.path] + extra, environment: environment)
        }

        /// The flags that name the simulator, without the client secret.
        var endpointFlags: [String] {
            ["--api-base", root, "--auth-url", root + "o/oauth2/v2/auth", "--token-url", root + "token",
             "--client-id", "rapport-test-client"]
        }
    }

    // MARK: - Config

    @Test func aHomeConfigCannotSteerTheSignInOnlyTheUsersOwnCan() throws {
        let setup = try Setup()
        let attacker = try RunningSimulator(accounts: [Setup.account])
        let attackerRoot = attacker.base.absoluteString.hasSuffix("/") ? attacker.base.absoluteString
            : attacker.base.absoluteString + "/"
        let homeConfig = setup.home.folder.appendingPathComponent("config.ini")
        try ("[sync]\nunits_per_second = 3000\n" + setup.googleSection(attackerRoot)).write(to: homeConfig, atomically: true,
                                                                                            encoding: .utf8)
        try setup.writeOwnConfig(setup.googleSection(setup.root))

        let connected = try setup.connect()
        #expect(connected.status == 0, "\(connected)")
        #expect(connected.errorLines.count == 1, "one warning: \(connected.stderr)")
        let warning = try #require(connected.errorLines.first)
        for key in ["api_base", "auth_url", "token_url", "client_id", "client_secret"] {
            #expect(warning.contains(key), "the warning names \(key)")
        }
        #expect(warning.contains(homeConfig.path) && warning.contains(setup.ownConfig.path))
        #expect(attacker.simulator.requestLog.isEmpty, "the home's token_url was never called")
        #expect(setup.gmail.simulator.requestLog.contains { $0.method == .token && $0.status == 200 })
        let stored = try String(contentsOf: setup.credentials.appendingPathComponent("\(Setup.account).json"), encoding: .utf8)
        #expect(stored.contains(setup.root + "token") && !stored.contains(attackerRoot))
        // The same warning each time a command reads the settings.
        let insights = try setup.run(["insights", "--json"])
        #expect(insights.status == 0 && insights.errorLines == [warning], "\(insights)")
    }

    @Test func theUsersOwnConfigCountsOnlyWhenNobodyElseCanChangeIt() throws {
        let setup = try Setup()
        try setup.writeOwnConfig(setup.googleSection(setup.root))
        chmod(setup.ownConfig.path, 0o666)
        let loose = try setup.connect()
        #expect(loose.status == 1, "\(loose)")
        #expect(loose.stderr.contains("ignoring \(setup.ownConfig.path): other users can change it; run chmod go-w"))
        #expect(loose.stderr.contains("Desktop app"), "without the file there is no OAuth client")

        let real = setup.own.url.appendingPathComponent("elsewhere.ini")
        try setup.googleSection(setup.root).write(to: real, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: setup.ownConfig)
        try FileManager.default.createSymbolicLink(at: setup.ownConfig, withDestinationURL: real)
        let linked = try setup.connect()
        #expect(linked.status == 1 && linked.stderr.contains("is a symbolic link"), "\(linked)")

        try FileManager.default.removeItem(at: setup.ownConfig)
        try setup.writeOwnConfig(setup.googleSection(setup.root))
        let connected = try setup.connect()
        #expect(connected.status == 0 && connected.stderr.isEmpty, "\(connected)")
    }

    // MARK: - The log

    @Test func aLinkInPlaceOfTheLogIsNotFollowed() throws {
        let home = try CLIHome.withTwoTeams()
        let elsewhere = try TemporaryFolder("rapport-victim")
        let victim = elsewhere.url.appendingPathComponent("rapport.log")
        try "root's own file\n".write(to: victim, atomically: true, encoding: .utf8)
        let logs = home.folder.appendingPathComponent("logs")
        let log = logs.appendingPathComponent("rapport.log")
        #expect(try home.run(["contact", "list"], as: "ann").status == 0)
        try FileManager.default.removeItem(at: log)
        try FileManager.default.createSymbolicLink(at: log, withDestinationURL: victim)

        let result = try home.run(["contact", "list"], as: "ann")
        #expect(result.status == 0)
        #expect(result.stderr == "rapport: this command was not logged: cannot write to \(log.path): it is a symbolic link, "
                + "which Rapport does not follow here; remove it and Rapport makes a new log\n")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "root's own file\n")

        // The folder swapped for a link to the victim's folder: not followed either.
        try FileManager.default.removeItem(at: logs)
        try FileManager.default.createSymbolicLink(at: logs, withDestinationURL: elsewhere.url)
        let again = try home.run(["contact", "list"], as: "ann")
        #expect(again.status == 0 && again.stderr.contains("cannot open the folder \(logs.path): it is a symbolic link"))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "root's own file\n")

        try FileManager.default.removeItem(at: logs)
        try home.ok(["contact", "list"], as: "ann")
        let mode = try #require((try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? NSNumber)?.intValue)
        #expect(mode == 0o600, "a private home's log is the owner's alone")
    }

    // MARK: - Echoed secrets

    @Test(.enabled(if: CLISecretsTests.hasSQLite))
    func aTokenEchoedByTheTokenEndpointIsPrintedAndStoredNowhere() throws {
        let setup = try Setup()
        let connected = try setup.connect(setup.endpointFlags, environment: ["RAPPORT_CLIENT_SECRET": "rapport-test-secret"])
        #expect(connected.status == 0, "\(connected)")
        let simulator = setup.gmail.simulator
        simulator.configuration.tokenErrorsEchoRequest = true
        simulator.setInvalidGrant(true, for: Setup.account)
        simulator.expireAccessTokens()

        let synced = try setup.run(["sync", "--once"])
        #expect(synced.status == 1)
        #expect(synced.stderr.contains("Google no longer accepts Rapport's access"), "\(synced)")
        let jsonSync = try setup.run(["sync", "--once", "--json-progress"])
        let stored = try setup.home.sqlite("SELECT last_error FROM mailboxes WHERE email = '\(Setup.account)'")
        #expect(stored.contains("Google no longer accepts") && stored.contains("[redacted]"), "\(stored)")
        let listed = try setup.run(["account", "list", "--json"])
        let table = try setup.run(["account", "list"])
        let log = try String(contentsOf: setup.home.folder.appendingPathComponent("logs/rapport.log"), encoding: .utf8)
        let everything = [synced.stderr, synced.stdout, jsonSync.stderr, stored, listed.stdout, table.stdout, log].joined()
        let encoded = setup.refreshToken.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics))!
        for secret in [setup.refreshToken, encoded, String(setup.refreshToken.dropFirst(3)), "rapport-test-secret"] {
            #expect(!everything.contains(secret), "a secret showed: \(secret)")
        }
        // The echo really was there to leak: the simulator put the token in its answer.
        #expect(simulator.requestLog.contains { $0.method == .token && $0.status == 400 })
    }

    // MARK: - The client secret

    @Test func theClientSecretComesFromAFileOrTheEnvironmentAndTheFlagWarns() throws {
        let setup = try Setup()
        let wrong = ["RAPPORT_CLIENT_SECRET": "not-the-secret"]
        let secretFile = setup.home.folder.appendingPathComponent("client-secret")
        try "rapport-test-secret\n".write(to: secretFile, atomically: true, encoding: .utf8)
        chmod(secretFile.path, 0o600)

        let fromFile = try setup.connect(setup.endpointFlags + ["--client-secret-file", secretFile.path], environment: wrong)
        #expect(fromFile.status == 0 && fromFile.stderr.isEmpty, "\(fromFile)")

        chmod(secretFile.path, 0o644)
        let readable = try setup.connect(setup.endpointFlags + ["--client-secret-file", secretFile.path])
        #expect(readable.status == 0, "\(readable)")
        #expect(readable.stderr == "rapport: other users can read the client secret file \(secretFile.path); "
                + "run chmod 600 \(secretFile.path)\n")

        let link = setup.home.folder.appendingPathComponent("secret-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: secretFile)
        let linked = try setup.connect(setup.endpointFlags + ["--client-secret-file", link.path])
        #expect(linked.status == 1 && linked.errorLines.count == 1, "\(linked)")
        #expect(linked.stderr.contains("cannot read the client secret file \(link.path): it is a symbolic link, which Rapport "
                                       + "does not follow here; name the file it points to"))
        // Not a secret at all: 64 KB at most (a sparse file, refused without being read).
        let huge = setup.home.folder.appendingPathComponent("huge-secret")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil) && truncate(huge.path, (64 << 10) + 1) == 0)
        chmod(huge.path, 0o600)
        let tooLarge = try setup.connect(setup.endpointFlags + ["--client-secret-file", huge.path])
        #expect(tooLarge.status == 1 && tooLarge.errorLines == ["rapport: cannot read the client secret file \(huge.path): "
            + "it is larger than 64 KB; a secret is far shorter; check that this is the right file"], "\(tooLarge)")

        let fromEnvironment = try setup.connect(setup.endpointFlags, environment: ["RAPPORT_CLIENT_SECRET": "rapport-test-secret"])
        #expect(fromEnvironment.status == 0 && fromEnvironment.stderr.isEmpty, "\(fromEnvironment)")
        let wrongSecret = try setup.connect(setup.endpointFlags, environment: wrong)
        #expect(wrongSecret.status == 1 && wrongSecret.stderr.contains("check the client id and client secret"))

        let fromFlag = try setup.connect(setup.endpointFlags + ["--client-secret", "rapport-test-secret"], environment: wrong)
        #expect(fromFlag.status == 0, "\(fromFlag)")
        #expect(fromFlag.errorLines.count == 1 && fromFlag.stderr.contains("in ps")
                && fromFlag.stderr.contains("--client-secret-file") && fromFlag.stderr.contains("RAPPORT_CLIENT_SECRET"))
        let both = try setup.connect(setup.endpointFlags + ["--client-secret", "x", "--client-secret-file", secretFile.path])
        #expect(both.status == 2)
    }
}
