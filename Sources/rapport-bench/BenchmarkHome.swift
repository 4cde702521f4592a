import CRMCore
import Foundation
import GmailSimulator

/// A Rapport home the real binary sets up for a Maildir corpus: a team, Maria, her mailbox connected
/// to a simulated Gmail on loopback (nothing is synced: the import reads her address from it to tell
/// her mail from mail to her), and the corpus's first 300 correspondents as contacts.
enum BenchmarkHome {
    /// The `rapport` binary built next to this one.
    static var rapportBinary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("rapport").path
    }

    /// Sets up the home `home` (inside `folder`) and runs `body` with the environment that points
    /// `rapport` at it, while the simulated Gmail runs.
    static func with<T>(home: URL, in folder: URL, corpus: MaildirCorpus, _ body: ([String: String]) throws -> T) throws -> T {
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = home.path
        environment["RAPPORT_USER"] = "maria"
        let csv = folder.appendingPathComponent("contacts.csv")
        try corpus.contactsCSV(count: 300).write(to: csv, atomically: true, encoding: .utf8)
        let simulator = try GmailSimulator(configuration: SimulatorConfiguration())
        simulator.addAccount(email: corpus.ownAddress)
        let base = try simulator.start().absoluteString
        defer { simulator.stop() }
        let root = base.hasSuffix("/") ? base : base + "/"
        let tokenFile = folder.appendingPathComponent("maria.token")
        try simulator.issueRefreshToken(for: corpus.ownAddress).write(to: tokenFile, atomically: true, encoding: .utf8)
        chmod(tokenFile.path, 0o600)
        environment["RAPPORT_CREDENTIALS_DIR"] = folder.appendingPathComponent("credentials").path
        let configuration = SimulatorConfiguration()
        environment["RAPPORT_CLIENT_SECRET"] = configuration.clientSecret
        let connect = ["account", "add", corpus.ownAddress, "--api-base", root, "--auth-url", root + "o/oauth2/v2/auth",
                       "--token-url", root + "token", "--client-id", configuration.clientID,
                       "--refresh-token-file", tokenFile.path]
        for step in [["init"], ["team", "add", "Sales"], ["user", "add", "maria", "--name", "Maria Keller", "--team", "Sales"],
                     connect, ["contact", "import", csv.path]] {
            let outcome = try ChildProcess.run(rapportBinary, step, environment: environment)
            guard outcome.status == 0 else { throw CRMError("rapport \(step.joined(separator: " ")) failed: \(outcome.output)") }
        }
        return try body(environment)
    }
}
