import Foundation
import GmailSimulator
import RapportTestSupport
import Testing

/// Probes 1, 6, 8, 11 and 12: where a token, a code or the client secret goes, and who can see them.
extension CLISecurityProbeTests {
    /// Probes 1 and 6. A member writes the lead's mailbox row (`api_base`, then the owner) and plants
    /// a config.ini naming their own server for every Google address; the lead's sync, after Google
    /// expired the access token, and a new sign-in still talk only to the addresses in the lead's own files.
    @Test func nothingInTheSharedHomeSteersWhereTheOwnersTokenGoes() throws {
        let setup = try SignedInTeam()
        let team = setup.team
        let lead = SignedInTeam.leadAccount
        let attacker = try RunningSimulator(accounts: [lead])
        let theirs = SignedInTeam.root(of: attacker)

        let steered = try team.sqlite(setup.member, "UPDATE mailboxes SET api_base = '\(theirs)' WHERE email = '\(lead)'; "
                                      + "SELECT api_base FROM mailboxes WHERE email = '\(lead)'")
        #expect(steered.status == 0 && steered.stdout == theirs + "\n", "the OS lets a member write the row: \(steered)")
        let planted = try team.shell(setup.member, "cat > config.ini",
                                     stdin: SignedInTeam.googleSection(theirs) + "[sync]\nunits_per_second = 1\n")
        #expect(planted.status == 0 && team.status("config.ini")?.st_uid == setup.member.uid, "\(planted)")

        let simulator = setup.gmail.simulator
        simulator.expireAccessTokens()
        let before = simulator.requestLog.count
        let synced = try setup.sync(setup.lead)
        #expect(synced.status == 0, "\(synced)")
        #expect(synced.errorLines == ["rapport: ignoring \(team.path("config.ini")): it belongs to \(setup.member.login), "
                                      + "and only the home's owner (\(setup.lead.login)) or root may set its settings; "
                                      + "\(setup.lead.login) can remove it (rm \(team.path("config.ini"))) and write it again"])
        let heard = simulator.requestLog.dropFirst(before)
        #expect(heard.contains { $0.method == .token && $0.status == 200 }, "a fresh token from the lead's own token endpoint")
        #expect(heard.contains { $0.account == lead && $0.status == 200 }, "used at the lead's own API")

        let signedIn = try team.rapport(setup.lead, ["account", "add", lead, "--refresh-token-file", setup.tokenFile(of: setup.lead)])
        #expect(signedIn.status == 0 && signedIn.stdout.contains("Connected \(lead)"), "\(signedIn)")

        // The member makes the mailbox theirs: they have no sign-in for it, so their sync asks nobody.
        let taken = try team.sqlite(setup.member, "UPDATE mailboxes SET user_id = (SELECT id FROM users WHERE login = "
                                    + "'\(setup.member.login)') WHERE email = '\(lead)'")
        #expect(taken.status == 0, "\(taken)")
        let quiet = simulator.requestLog.count
        let theirSync = try team.rapport(setup.member, ["sync", "--once", "--account", lead])
        #expect(theirSync.status == 1 && theirSync.stderr.contains("rapport account add \(lead)"), "\(theirSync)")
        #expect(simulator.requestLog.count == quiet, "nothing was asked of Google for the taken mailbox")

        #expect(attacker.simulator.requestLog.isEmpty,
                "the member's server heard nothing: \(attacker.simulator.requestLog.map { "\($0.httpMethod) \($0.path)" })")
    }

    /// Probe 8. The token endpoint quotes the refresh token and the whole form (client secret included)
    /// in its error; neither the lead's terminal nor anything a teammate can read holds them: the
    /// mailbox's last error, the outbox's errors, the log (group-readable) and `account list`.
    @Test func anEchoedTokenReachesNeitherTheOwnerNorATeammate() throws {
        let setup = try SignedInTeam(memberSignsIn: false)
        let team = setup.team
        let lead = SignedInTeam.leadAccount
        let queued = try setup.compose(setup.lead, subject: "Renewal", ["--queue"])
        let stored = try String(contentsOf: setup.credential("\(lead).json", of: setup.lead), encoding: .utf8)
        let credentials = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let accessToken = try #require(credentials["access_token"] as? String)
        let simulator = setup.gmail.simulator
        simulator.configuration.tokenErrorsEchoRequest = true
        simulator.setInvalidGrant(true, for: lead)
        simulator.expireAccessTokens()

        let synced = try setup.sync(setup.lead)
        #expect(synced.status == 1 && synced.stderr.contains("Google no longer accepts Rapport's access"), "\(synced)")
        #expect(simulator.requestLog.contains { $0.method == .token && $0.status == 400 }, "the echo was made")
        let listed = try team.rapport(setup.lead, ["account", "list"])
        let listedJSON = try team.rapport(setup.lead, ["account", "list", "--json"])
        let shown = try team.rapport(setup.lead, ["outbox", "show", queued])
        let rows = try team.sqlite(setup.member, "SELECT last_error FROM mailboxes; SELECT last_error FROM outgoing_emails; "
                                   + "SELECT error FROM outgoing_email_status_history")
        #expect(rows.status == 0 && rows.stdout.contains("[redacted]"), "the stored error quoted the echo, redacted: \(rows)")
        let log = try team.member.run("/bin/cat", [team.path("logs/rapport.log")])
        #expect(log.status == 0 && log.stdout.contains("command=\"sync\""), "a teammate can read the log: \(log)")

        let everything = [synced, listed, listedJSON, shown, rows, log].map { $0.stdout + $0.stderr }.joined()
        let refreshToken = try #require(setup.refreshTokens[lead])
        let encoded = try #require(refreshToken.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics)))
        for secret in [refreshToken, encoded, String(refreshToken.dropFirst(4)), accessToken, "rapport-test-secret"] {
            #expect(!everything.contains(secret), "a secret showed: \(secret.prefix(6))…")
        }
    }

    /// Probes 11 and 12. While the lead signs in through the browser, a user of another team calls the
    /// sign-in's loopback port with forged answers: each is turned away and the sign-in keeps waiting,
    /// then completes when the lead's browser comes back. Meanwhile the member, reading the sign-in's
    /// command line and environment as anyone may try, finds neither the client secret nor a way in.
    @Test func aForgedAnswerOnTheSignInPortIsIgnoredAndNobodyElseSeesTheSecret() throws {
        let setup = try SignedInTeam(memberSignsIn: false)
        let team = setup.team
        let lead = setup.lead
        let account = SignedInTeam.leadAccount
        let secretFile = "client-secret"
        try lead.writeFile(".config/rapport/config.ini", setup.ownConfig(secret: false))
        try lead.writeFile(secretFile, "rapport-test-secret\n")
        let output = try TemporaryFolder("rapport-sign-in")
        let printed = output.url.appendingPathComponent("output")
        #expect(FileManager.default.createFile(atPath: printed.path, contents: nil))
        let handle = try FileHandle(forWritingTo: printed)
        defer { try? handle.close() }
        let signIn = try lead.start(CLIHome.binary.path, ["account", "add", account, "--client-secret-file",
                                                          lead.home.appendingPathComponent(secretFile).path],
                                    environment: ["RAPPORT_HOME": team.home.path, "RAPPORT_CLIENT_SECRET": "from-the-environment"],
                                    output: handle)
        defer { if signIn.isRunning { kill(signIn.processIdentifier, SIGKILL) } }

        // The listener's address and the consent link, as the terminal shows them.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("Waiting for Google to send you back to") {
            guard Date() < deadline, signIn.isRunning else { Issue.record("no consent link: \(text)"); return }
            usleep(20_000)
            text = (try? String(contentsOf: printed, encoding: .utf8)) ?? ""
        }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let link = try #require(lines.first { $0.hasPrefix(setup.root) }, "\(text)")
        let waiting = try #require(lines.first { $0.hasPrefix("Waiting for Google") }, "\(text)")
        let listener = try #require(waiting.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }, "\(waiting)")

        let outsider = team.outsider
        for forged in ["?state=forged&code=stolen", "?code=stolen", "?error=access_denied&state=forged"] {
            let answered = try outsider.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}",
                                                              "\(listener)/\(forged)"])
            #expect(answered.stdout == "400", "\(forged) → \(answered)")
        }
        usleep(300_000)
        #expect(signIn.isRunning, "the sign-in is still waiting for the lead's browser")

        let pid = signIn.processIdentifier
        let commandLine = try team.member.run("/bin/cat", ["/proc/\(pid)/cmdline"])
        #expect(commandLine.status == 0 && commandLine.stdout.contains("--client-secret-file"), "\(commandLine)")
        #expect(!commandLine.stdout.contains("rapport-test-secret"))
        let environment = try team.member.run("/bin/cat", ["/proc/\(pid)/environ"])
        #expect(environment.status != 0 && environment.stderr.contains("Permission denied"), "\(environment)")
        let file = try team.member.run("/bin/cat", [lead.home.appendingPathComponent(secretFile).path])
        #expect(file.status != 0 && file.stderr.contains("Permission denied"), "\(file)")

        // The lead's browser follows the consent page back to the listener, with this attempt's state.
        let browser = try lead.run("/usr/bin/curl", ["-s", "-L", "-o", "/dev/null", "-w", "%{http_code}", link])
        #expect(browser.stdout == "200", "\(browser)")
        while signIn.isRunning && Date() < deadline.addingTimeInterval(20) { usleep(20_000) }
        #expect(!signIn.isRunning)
        signIn.waitUntilExit()
        text = try String(contentsOf: printed, encoding: .utf8)
        #expect(signIn.terminationStatus == 0, "\(text)")
        #expect(text.contains("Connected \(account)"), "\(text)")
        let exchanges = setup.gmail.simulator.requestLog.filter { $0.method == .token }
        #expect(exchanges.count == 2 && exchanges.allSatisfy { $0.status == 200 },
                "one refresh at set-up, one code exchange with the secret from the file: \(exchanges.map(\.status))")
    }
}
