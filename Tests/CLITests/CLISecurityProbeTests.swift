import CRMCore
import Foundation
import GmailSimulator
import RapportTestSupport
import Testing

/// Issue 13's probes, each made again through the real binary by real OS users sharing a team home
/// (a lead who administers it, a member, an outsider of another group), each shown not to get through.
/// Where a suite already makes a probe that way, it is named here rather than made twice. One test at a
/// time: each mostly waits on the processes it runs, and would otherwise hold a second of the test
/// runner's threads (two on a two-core machine) that other suites' waits need.
///
///
/// 1. `mailboxes.api_base` (and token and consent addresses) steering the owner's token:
///    `nothingInTheSharedHomeSteersWhereTheOwnersTokenGoes` (+Secrets)
/// 2. Another team's user reading the database or running Rapport against the home:
///    `CLITeamHomeTests.anotherTeamCannotReadTheHome`
/// 3. A member who sets `is_admin` on themselves: `aMemberWhoMakesThemselvesAdministratorGainsNothing`
///    (+Outbox); owning the database file: `CLITeamHomeTests.owningTheSharedDatabaseMakesNobodyAnAdministrator`
/// 4. A teammate queueing, editing or replaying mail in someone's mailbox with sqlite3:
///    `mailATeammateQueuesOrChangesWithSqlite3IsNeverSent` (+Outbox)
/// 5. Replacing the database in the sticky folder: `CLITeamHomeTests.membersCannotRemoveOrReplaceEachOthersFiles`
///    and `owningTheSharedDatabaseMakesNobodyAnAdministrator`
/// 6. Replacing or editing the home's config.ini: `membersCannotRemoveOrReplaceEachOthersFiles` (replacing),
///    `aMemberCannotChangeTheHomesSettings` (+Files, editing), `nothingInTheSharedHomeSteersWhereTheOwnersTokenGoes`
///    (a planted `[google]`), `CLISecretsTests.aHomeConfigCannotSteerTheSignInOnlyTheUsersOwnCan` (the owner's own)
/// 7. `logs/rapport.log` swapped for a link (or another name of a file): `aLogPlantedByAMemberIsNotWrittenThrough` (+Files)
/// 8. A refresh token echoed by the token endpoint: `anEchoedTokenReachesNeitherTheOwnerNorATeammate` (+Secrets)
/// 9. Stack traces and hangs on odd input: `oddInputIsOneLineForAMemberNeverACrashOrAHang` (+Input)
/// 10. Settings out of range: `settingsOutOfRangeStopSyncNamingTheKey` (+Input)
/// 11. A forged answer on the sign-in port: `aForgedAnswerOnTheSignInPortIsIgnoredAndNobodyElseSeesTheSecret`
///     (+Secrets)
/// 12. `--client-secret` on the command line: the warning, file and environment in
///     `CLISecretsTests.theClientSecretComesFromAFileOrTheEnvironmentAndTheFlagWarns`; that another user sees
///     neither the file's secret nor the environment's in `aForgedAnswerOnTheSignInPortIsIgnoredAndNobodyElseSeesTheSecret`
/// 13. `sync --once` stopped by SIGTERM, SIGINT or kill -9: `aStoppedOrKilledSyncLeavesNothingShownAsSyncing`
///     (+Signals); the same for root in `CLISyncTests.aSyncKilledOrStoppedLeavesNoMailboxSyncing`
@Suite(.enabled(if: TestOSUser.canCreate && ["/usr/bin/sqlite3", "/usr/bin/curl", "/usr/bin/timeout"].allSatisfy {
                    FileManager.default.isExecutableFile(atPath: $0)
                },
                "the security probes run Rapport as several OS users: they need root, useradd, setpriv, sqlite3, curl, timeout"),
       .serialized, .timeLimit(.minutes(2)))
struct CLISecurityProbeTests {
    /// A team home (`TeamHomeFixture`) whose lead and member have each signed in to a simulated Gmail
    /// as people do: a `[google]` section in their own config.ini and a refresh token in a file of theirs.
    final class SignedInTeam {
        let team: TeamHomeFixture
        let gmail: RunningSimulator
        /// The refresh token each account signed in with.
        private(set) var refreshTokens: [String: String] = [:]
        static let leadAccount = "lead@sales.example"
        static let memberAccount = "member@sales.example"

        /// The people added; the lead signed in, and the member too unless `memberSignsIn` is false.
        init(memberSignsIn: Bool = true, configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
            team = try TeamHomeFixture()
            try team.addPeople()
            gmail = try RunningSimulator(accounts: [Self.leadAccount, Self.memberAccount], configure: configure)
            try signIn(team.lead, Self.leadAccount)
            if memberSignsIn { try signIn(team.member, Self.memberAccount) }
        }

        var lead: TestOSUser { team.lead }
        var member: TestOSUser { team.member }

        /// The simulator's address, ending in a slash.
        var root: String { Self.root(of: gmail) }

        static func root(of running: RunningSimulator) -> String {
            let base = running.base.absoluteString
            return base.hasSuffix("/") ? base : base + "/"
        }

        /// `[google]` naming the simulator at `root` as the client, API, token and consent addresses.
        static func googleSection(_ root: String, secret: Bool = true) -> String {
            "[google]\napi_base = \(root)\nauth_url = \(root)o/oauth2/v2/auth\ntoken_url = \(root)token\n"
                + "client_id = rapport-test-client\n" + (secret ? "client_secret = rapport-test-secret\n" : "")
        }

        /// What `user` keeps in their own config.ini: the simulator, no quota wait, no undo window.
        func ownConfig(secret: Bool = true) -> String {
            Self.googleSection(root, secret: secret) + "[sync]\nunits_per_second = 3000\n[sending]\nundo_seconds = 0\n"
        }

        /// `user` writes their own config and a token file, and runs `account add` with it.
        func signIn(_ user: TestOSUser, _ account: String) throws {
            let token = gmail.simulator.issueRefreshToken(for: account)
            refreshTokens[account] = token
            try user.writeFile(".config/rapport/config.ini", ownConfig())
            try user.writeFile("token", token)
            let added = try team.rapport(user, ["account", "add", account, "--refresh-token-file", tokenFile(of: user)])
            guard added.status == 0 else { throw CRMError("account add as \(user.login): \(added)") }
        }

        func tokenFile(of user: TestOSUser) -> String { user.home.appendingPathComponent("token").path }

        /// A file in `user`'s own credentials folder (`sealing.key`, `ACCOUNT.json`).
        func credential(_ name: String, of user: TestOSUser) -> URL {
            user.home.appendingPathComponent(".config/rapport/credentials/\(name)")
        }

        /// `rapport sync --once` as `user`.
        func sync(_ user: TestOSUser) throws -> CLIResult {
            try team.rapport(user, ["sync", "--once"])
        }

        /// Runs `rapport compose … ARGS` as `user`; returns the id it prints.
        func compose(_ user: TestOSUser, subject: String, _ extra: [String] = [],
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let made = try team.rapport(user, ["compose", "--to", "carol@client.example", "--subject", subject,
                                               "--body", "About \(subject)."] + extra)
            #expect(made.status == 0, "\(made)", sourceLocation: sourceLocation)
            return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// What `sqlite3` prints for `sql` as root (the test looking, not a probe).
        func look(_ sql: String) throws -> String {
            try ProcessOutput.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [team.path("rapport.db"), sql], environment: [:])
                .stdout.trimmingCharacters(in: .newlines)
        }
    }
}
