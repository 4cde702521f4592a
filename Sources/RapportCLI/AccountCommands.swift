import CRMCore
import CRMStore
import Foundation
import GmailAPI

/// `account add|list|remove`: the Gmail mailboxes a user connects.
enum AccountCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["account", "add"], arguments: "EMAIL", positionals: 1...1,
                    summary: "connect a Gmail mailbox: sign in through the browser (or paste the address back)",
                    options: [
                        .value("--api-base", "URL", "the Gmail API to talk to (default Google's, or api_base under [google] in your own config.ini)"),
                        .value("--auth-url", "URL", "the consent page (default Google's, or auth_url likewise)"),
                        .value("--token-url", "URL", "the token endpoint (default Google's, or token_url likewise)"),
                        .value("--client-id", "ID", "your Google OAuth client (or client_id under [google] in your own config.ini)"),
                        .value("--client-secret-file", "F", "a file holding its secret (or RAPPORT_CLIENT_SECRET, or client_secret under [google] in your own config.ini)"),
                        .value("--client-secret", "S", "the secret itself: every user of the machine sees it in ps, so prefer the ways above"),
                        .value("--refresh-token-file", "F", "use a refresh token from a file instead of the browser"),
                    ], run: add),
        CommandSpec(["account", "list"], summary: "your mailboxes with sync state, last sync and last error",
                    options: [.json], run: list),
        CommandSpec(["account", "remove"], arguments: "EMAIL", positionals: 1...1,
                    summary: "disconnect a mailbox and delete its stored credentials", run: remove),
    ]

    static func add(_ run: Invocation) throws {
        let args = run.arguments
        let text = args.positionals[0]
        guard let email = EmailAddress(text) else {
            throw UsageError("“\(text)” is not an email address", command: "account add")
        }
        let google = try GoogleSettings(run)
        let refreshToken = try args.value("--refresh-token-file").map { path in
            let token = try SecretFile.read(path, what: "the refresh token file", warn: run.warn)
            run.secrets.add(token)
            return token
        }
        let user = try run.actingUser()
        let store = try run.store()
        let transport = CurlTransport()
        let flow = OAuthFlow(configuration: google.oauth(loginHint: email.value), transport: transport,
                             store: CredentialStore(environment: run.location.environment))
        let apiBase = google.apiBase
        let verify: OAuthFlow.AccountVerifier = { tokens throws(GmailError) in
            try GmailClient(baseURL: apiBase, transport: transport, tokens: tokens).profile().emailAddress
        }
        // Kept in the user's own credentials file only, never in the shared database.
        let storedBase = google.isCustomAPIBase ? apiBase : nil
        do {
            if let refreshToken {
                _ = try flow.adopt(refreshToken: refreshToken, email: email.value, apiBase: storedBase, verifyAccount: verify)
            } else {
                let prompt = TerminalOAuthPrompt(console: run.console, environment: run.location.environment)
                _ = try flow.signIn(email: email.value, apiBase: storedBase, prompt: prompt, verifyAccount: verify)
            }
        } catch {
            throw CRMError("could not connect \(email): \(error)")
        }
        let mailbox: Mailbox
        if let existing = try store.mailbox(email: email, in: .team(user.teamID)), existing.userID == user.id {
            mailbox = existing
        } else {
            mailbox = try store.addMailbox(email: email, for: user)
        }
        try store.updateMailbox(id: mailbox.id, state: .idle, lastError: nil)
        run.print("Connected \(email). Rapport syncs it with rapport sync (or while the full-screen app runs).")
    }

    static func list(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        let credentials = CredentialStore(environment: run.location.environment)
        let mailboxes = try store.mailboxes(in: user.scope, owner: user.id).map { mailbox -> Mailbox in
            // Without stored credentials (removed, or another machine) the mailbox cannot sync.
            var mailbox = mailbox
            if (try? credentials.load(mailbox.email.value)) == nil && mailbox.state != .needsLogin {
                mailbox.state = .needsLogin
                mailbox.lastError = "no stored sign-in on this machine; run rapport account add \(mailbox.email)"
            }
            return mailbox
        }
        let counts = try mailboxes.map { try store.messageCount(mailbox: $0.id) }
        if run.wantsJSON {
            run.printJSON(.array(zip(mailboxes, counts).map { ContractJSON.mailbox($0, messages: $1) }))
            return
        }
        if mailboxes.isEmpty {
            run.print("No mailboxes yet. Connect one with rapport account add you@example.com")
            return
        }
        run.print(Format.table(["EMAIL", "STATE", "LAST SYNC", "MESSAGES", "LAST ERROR"], zip(mailboxes, counts).map {
            [$0.email.value, $0.state.rawValue, Format.date($0.lastSyncAt), String($1), run.safe($0.lastError ?? "")]
        }))
        for mailbox in mailboxes {
            if let waiting = try waitingChanges(mailbox, store: store) { run.print("\(mailbox.email): \(waiting)") }
        }
    }

    /// "3 changes waiting for Gmail" (read, archive, trash made here), or nil when Gmail has them all.
    static func waitingChanges(_ mailbox: Mailbox, store: Store) throws -> String? {
        let count = try store.pendingLabelChangeCount(mailbox: mailbox.id)
        guard count > 0 else { return nil }
        return count == 1 ? "1 change waiting for Gmail" : "\(count) changes waiting for Gmail"
    }

    static func remove(_ run: Invocation) throws {
        let text = run.arguments.positionals[0]
        guard let email = EmailAddress(text) else {
            throw UsageError("“\(text)” is not an email address", command: "account remove")
        }
        let user = try run.actingUser()
        let store = try run.store()
        guard let mailbox = try store.mailboxes(in: .team(user.teamID), owner: user.id).first(where: { $0.email == email }) else {
            throw CRMError("\(email) is not one of your mailboxes; see rapport account list")
        }
        do {
            _ = try CredentialStore(environment: run.location.environment).delete(email.value)
        } catch {
            throw CRMError("could not delete the stored sign-in: \(error)")
        }
        if try store.removeMailbox(id: mailbox.id) {
            run.print("Removed \(email).")
        } else {
            run.print("Disconnected \(email) and deleted its stored sign-in; its mail stays on your timelines. "
                      + "Connect it again with rapport account add \(email).")
        }
    }
}

/// Which Google OAuth client and endpoints to use: flags first, then `[google]` in the user's own
/// config.ini (`ConfigFiles` never takes these from a home's). The client secret may also come from
/// a file or the environment, which, unlike `--client-secret`, other users cannot see in `ps`.
struct GoogleSettings {
    let clientID: String
    let clientSecret: String
    let authURL: URL
    let tokenURL: URL
    let apiBase: URL
    let isCustomAPIBase: Bool

    init(_ run: Invocation) throws {
        let args = run.arguments
        let config = run.config
        func url(_ flag: String, _ key: String, _ fallback: URL) throws -> URL {
            guard let text = args.value(flag) ?? config[key] else { return fallback }
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
                  url.host != nil else {
                throw UsageError("\(flag) wants an http(s) address such as http://127.0.0.1:8080/, not “\(text)”",
                                 command: "account add")
            }
            return url
        }
        guard let id = args.value("--client-id") ?? config["google.client_id"],
              let secret = try Self.clientSecret(run) else {
            throw CRMError("Rapport needs a Google OAuth client to connect Gmail: create a \"Desktop app\" OAuth client "
                           + "in Google Cloud (see README, Connecting Gmail) and put client_id and client_secret under "
                           + "[google] in your own \(run.location.ownConfigFile.path), or pass --client-id and "
                           + "--client-secret-file")
        }
        run.secrets.add(secret)
        clientID = id
        clientSecret = secret
        authURL = try url("--auth-url", "google.auth_url", OAuthConfiguration.googleAuthorizationURL)
        tokenURL = try url("--token-url", "google.token_url", OAuthConfiguration.googleTokenURL)
        apiBase = try url("--api-base", "google.api_base", GmailClient.googleBaseURL)
        isCustomAPIBase = apiBase != GmailClient.googleBaseURL
    }

    /// `--client-secret-file`, else `--client-secret` (with a warning), else `RAPPORT_CLIENT_SECRET`,
    /// else `client_secret` under `[google]` in the user's own config.ini.
    private static func clientSecret(_ run: Invocation) throws -> String? {
        let args = run.arguments
        if let path = args.value("--client-secret-file") {
            guard args.value("--client-secret") == nil else {
                throw UsageError("give the client secret once: --client-secret-file or --client-secret", command: "account add")
            }
            return try SecretFile.read(path, what: "the client secret file", warn: run.warn)
        }
        if let secret = args.value("--client-secret") {
            run.warn("--client-secret shows the secret to every user of this machine (in ps); use --client-secret-file F, "
                     + "RAPPORT_CLIENT_SECRET, or client_secret under [google] in your own \(run.location.ownConfigFile.path)")
            return secret
        }
        if let secret = run.location.environment["RAPPORT_CLIENT_SECRET"], !secret.isEmpty { return secret }
        return run.config["google.client_secret"]
    }

    func oauth(loginHint: String) -> OAuthConfiguration {
        OAuthConfiguration(clientID: clientID, clientSecret: clientSecret, authorizationURL: authURL, tokenURL: tokenURL,
                           loginHint: loginHint)
    }
}
