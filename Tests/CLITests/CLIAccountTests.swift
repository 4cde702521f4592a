import Foundation
import RapportTestSupport
import Testing

/// Connecting mailboxes through the real binary against the simulator, and never leaking a secret.
@Suite struct CLIAccountTests {
    final class Setup {
        let home: CLIHome
        private let running: RunningSimulator
        let credentials: URL
        let tokenFile: URL
        let refreshToken: String

        init() throws {
            home = try CLIHome.withTwoTeams()
            running = try RunningSimulator(accounts: ["ann@alpha.example", "other@alpha.example"])
            credentials = home.folder.appendingPathComponent("credentials")
            refreshToken = running.simulator.issueRefreshToken(for: "ann@alpha.example")
            tokenFile = home.folder.appendingPathComponent("ann.token")
            try refreshToken.write(to: tokenFile, atomically: true, encoding: .utf8)
            chmod(tokenFile.path, 0o600)
        }

        var environment: [String: String] {
            ["RAPPORT_CREDENTIALS_DIR": credentials.path, "RAPPORT_CLIENT_SECRET": "rapport-test-secret"]
        }

        func connectArguments(_ email: String, apiBase: String? = nil) -> [String] {
            let base = running.base.absoluteString
            let root = base.hasSuffix("/") ? base : base + "/"
            return ["account", "add", email, "--api-base", apiBase ?? root, "--auth-url", root + "o/oauth2/v2/auth",
                    "--token-url", root + "token", "--client-id", "rapport-test-client",
                    "--refresh-token-file", tokenFile.path]
        }

        func run(_ arguments: [String]) throws -> CLIResult {
            try home.run(arguments, as: "ann", environment: environment)
        }
    }

    @Test func aRefreshTokenFileConnectsTheMailboxAndNoSecretEverShows() throws {
        let setup = try Setup()
        var outputs: [CLIResult] = []
        let connected = try setup.run(setup.connectArguments("ann@alpha.example"))
        outputs.append(connected)
        #expect(connected.status == 0, "\(connected)")
        #expect(connected.stdout.contains("Connected ann@alpha.example"))

        let file = setup.credentials.appendingPathComponent("ann@alpha.example.json")
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let accessToken = try #require(stored["access_token"] as? String)

        let list = try setup.run(["account", "list", "--json"])
        outputs.append(list)
        let mailboxes = try #require(try list.json() as? [[String: Any]])
        #expect(mailboxes.first?["state"] as? String == "idle")
        for arguments in [["outbox", "--json"], ["contact", "list", "--json"], ["account", "list"], ["search", "x", "--json"]] {
            outputs.append(try setup.run(arguments))
        }
        // A wrong address, a dead server, a bad URL: errors, and still no secret in them.
        outputs.append(try setup.run(setup.connectArguments("other@alpha.example")))
        outputs.append(try setup.run(setup.connectArguments("ann@alpha.example", apiBase: "http://127.0.0.1:9/")))
        let malformed = try setup.run(setup.connectArguments("ann@alpha.example", apiBase: "not a url"))
        #expect(malformed.status == 2 && malformed.errorLines.count == 1)
        outputs.append(malformed)

        let log = try String(contentsOf: setup.home.folder.appendingPathComponent("logs/rapport.log"), encoding: .utf8)
        let everything = outputs.map { $0.stdout + $0.stderr }.joined() + log
        for secret in [setup.refreshToken, accessToken, "rapport-test-secret"] {
            #expect(!everything.contains(secret), "a secret showed up in output or logs")
        }
        #expect(log.contains("command=\"account add\" exit=0"))
    }

    @Test func theWrongAccountOrADeadServerIsOneClearError() throws {
        let setup = try Setup()
        let wrong = try setup.run(setup.connectArguments("other@alpha.example"))
        #expect(wrong.status == 1 && wrong.errorLines.count == 1)
        #expect(wrong.stderr.hasPrefix("rapport: could not connect other@alpha.example"))
        let dead = try setup.run(setup.connectArguments("ann@alpha.example", apiBase: "http://127.0.0.1:9/"))
        #expect(dead.status == 1 && dead.errorLines.count == 1, "\(dead)")
        #expect(!FileManager.default.fileExists(atPath: setup.credentials.appendingPathComponent("other@alpha.example.json").path))
    }

    @Test func removeForgetsTheSignIn() throws {
        let setup = try Setup()
        #expect(try setup.run(setup.connectArguments("ann@alpha.example")).status == 0)
        let removed = try setup.run(["account", "remove", "ann@alpha.example"])
        #expect(removed.status == 0 && removed.stdout.contains("Removed ann@alpha.example"), "\(removed)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.credentials.path).isEmpty)
        let list = try #require(try setup.run(["account", "list", "--json"]).json() as? [Any])
        #expect(list.isEmpty)
    }

    @Test func withoutAnOAuthClientTheErrorSaysHowToGetOne() throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(["account", "add", "ann@alpha.example"], as: "ann")
        #expect(result.status == 1 && result.stderr.contains("Desktop app") && result.stderr.contains("[google]"))
    }
}
