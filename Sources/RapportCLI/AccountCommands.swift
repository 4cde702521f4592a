import CRMCore
import CRMStore
import Foundation

/// `account add|list`: the Gmail mailboxes a user connects.
enum AccountCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["account", "add"], arguments: "EMAIL", positionals: 1...1,
                    summary: "connect a Gmail mailbox (sign-in arrives with the Gmail release)",
                    options: [.value("--api-base", "URL", "the Gmail API to talk to (tests and the demo)")],
                    run: add),
        CommandSpec(["account", "list"], summary: "your mailboxes with sync state, last sync and last error",
                    options: [.json], run: list),
    ]

    static func add(_ run: Invocation) throws {
        let text = run.arguments.positionals[0]
        guard let email = EmailAddress(text) else {
            throw UsageError("“\(text)” is not an email address", command: "account add")
        }
        if let base = run.arguments.value("--api-base"), URL(string: base)?.scheme == nil {
            throw UsageError("--api-base wants a URL such as http://127.0.0.1:8080, not “\(base)”",
                             command: "account add")
        }
        let user = try run.actingUser()
        let mailbox = try run.store().addMailbox(email: email, for: user, apiBase: run.arguments.value("--api-base"))
        run.print("Added mailbox \(mailbox.email) for \(user.login). Gmail sign-in is not in this build yet, so it "
                  + "waits in needs_login: you can write drafts from it, and they go out once it is signed in.")
    }

    static func list(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        let mailboxes = try store.mailboxes(in: user.scope, owner: user.id)
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
    }
}
