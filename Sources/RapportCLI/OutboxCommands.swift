import CRMCore
import CRMStore
import Foundation
import Hardening
import MailSync

/// `compose` and `outbox`: writing mail and following it from draft to sent.
enum OutboxCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["compose"], summary: "write an email (a draft unless --queue or --send-at); prints its id",
                    options: [
                        .value("--from", "EMAIL", "one of your mailboxes (default: your only one)"),
                        .value("--to", "A[,B]", "recipients", repeatable: true),
                        .value("--cc", "A[,B]", "copy recipients", repeatable: true),
                        .value("--bcc", "A[,B]", "blind copy recipients", repeatable: true),
                        .value("--subject", "S", "the subject", required: true),
                        .value("--body", "TEXT", "the body"),
                        .value("--body-file", "F", "read the body from a file, or - for standard input"),
                        .value("--attach", "FILE", "attach a file", repeatable: true),
                        .value("--link", "TYPE:ID", "what it is about: contact:ID, company:ID or deal:ID"),
                        .value("--reply-to", "ACTIVITY_ID", "reply to an email on a timeline"),
                        .flag("--queue", "queue it to be sent by rapport sync"),
                        .value("--send-at", "ISO8601", "queue it to be sent at this time"),
                        .json,
                    ], run: compose),
        CommandSpec(["outbox"], summary: "your outgoing mail by status",
                    options: [
                        .value("--status", "S", "only draft, queued, sending, sent or failed mail"),
                        .flag("--team", "your whole team's outgoing mail, not only yours"),
                        .json,
                    ], run: list),
        CommandSpec(["outbox", "show"], arguments: "ID", positionals: 1...1,
                    summary: "one outgoing email with its whole status history", options: [.json], run: show),
        CommandSpec(["outbox", "queue"], arguments: "ID", positionals: 1...1, summary: "queue a draft to be sent",
                    options: [.value("--send-at", "ISO8601", "send it at this time")], run: { try act($0, .queue) }),
        CommandSpec(["outbox", "cancel"], arguments: "ID", positionals: 1...1,
                    summary: "pull queued mail back to drafts", run: { try act($0, .cancel) }),
        CommandSpec(["outbox", "retry"], arguments: "ID", positionals: 1...1, summary: "queue failed mail again",
                    run: { try act($0, .retry) }),
        CommandSpec(["outbox", "edit"], arguments: "ID", positionals: 1...1,
                    summary: "reopen failed mail as a draft", run: { try act($0, .edit) }),
        CommandSpec(["outbox", "delete"], arguments: "ID", positionals: 1...1,
                    summary: "delete a draft or failed email", run: delete),
    ]

    static func compose(_ run: Invocation) throws {
        let args = run.arguments
        let to = try args.addresses("--to")
        let cc = try args.addresses("--cc")
        let bcc = try args.addresses("--bcc")
        let body = try readBody(args)
        var link: RecordLink?
        if let text = args.value("--link") {
            guard let parsed = RecordLink(text) else {
                throw UsageError("--link wants contact:ID, company:ID or deal:ID, not “\(text)”", command: "compose")
            }
            link = parsed
        }
        var replyTo: Int64?
        if let text = args.value("--reply-to") {
            guard let id = Int64(text), id > 0 else {
                throw UsageError("--reply-to wants an activity id from rapport timeline, not “\(text)”",
                                 command: "compose")
            }
            replyTo = id
        }
        let sendAt = try args.date("--send-at")
        let attachments = try args.list("--attach").map(readAttachment)
        let user = try run.actingUser()
        let store = try run.store()
        let from = try sender(args.value("--from"), user: user, store: store)
        var request = ComposeRequest(from: from, to: to, subject: args.value("--subject")!, bodyText: body)
        request.cc = cc
        request.bcc = bcc
        request.attachments = attachments
        request.link = link
        request.replyToActivityID = replyTo
        request.queue = args.flag("--queue")
        request.sendAt = sendAt
        let email = try store.compose(request, by: user, sealingKey: request.queues ? ownKey(run) : nil)
        if run.wantsJSON {
            run.printJSON(ContractJSON.outgoing(email, history: try store.statusHistory(of: email.id, in: user.scope)))
        } else {
            run.print(String(email.id))
        }
    }

    static func list(_ run: Invocation) throws {
        var status: OutboxStatus?
        if let text = run.arguments.value("--status") {
            guard let parsed = OutboxStatus(rawValue: text.lowercased()) else {
                throw UsageError("--status is one of draft, queued, sending, sent, failed; not “\(text)”",
                                 command: "outbox")
            }
            status = parsed
        }
        let user = try run.actingUser()
        let emails = try run.store().outbox(in: user.scope, author: run.arguments.flag("--team") ? nil : user.id,
                                            status: status)
        if run.wantsJSON {
            run.printJSON(.array(emails.map { ContractJSON.outgoing($0) }))
            return
        }
        if emails.isEmpty {
            run.print(status == nil ? "Your outbox is empty. Write an email with rapport compose."
                                    : "No \(status!.rawValue) mail.")
            return
        }
        let counts = OutboxStatus.allCases.compactMap { state -> String? in
            let count = emails.filter { $0.status == state }.count
            return count == 0 ? nil : "\(count) \(state.rawValue)"
        }
        run.print(counts.joined(separator: " · "))
        run.print(Format.table(["ID", "STATUS", "TO", "SUBJECT", "WHEN", "NOTE"], emails.map { email in
            [String(email.id), email.status.rawValue, email.to.first.map { $0.value + (email.to.count > 1 ? " +\(email.to.count - 1)" : "") } ?? "—",
             run.safe(email.subject), Format.date(email.status == .queued ? (email.sendAt ?? email.updatedAt) : email.updatedAt),
             note(for: email, run: run)]
        }, maxWidths: [8, 8, 32, 40, 16]))
    }

    static func show(_ run: Invocation) throws {
        let id = try run.arguments.id(at: 0, of: "an outgoing email")
        let user = try run.actingUser()
        let store = try run.store()
        guard let email = try store.outgoingEmail(id: id, in: user.scope) else {
            throw Refusal.notFound(.outgoingEmail, id: id)
        }
        let history = try store.statusHistory(of: id, in: user.scope)
        if run.wantsJSON {
            run.printJSON(ContractJSON.outgoing(email, history: history))
            return
        }
        var lines = [
            "Outgoing email \(email.id) — \(email.status.rawValue)",
            "From:     \(email.from)",
            "To:       \(email.to.map(\.value).joined(separator: ", "))",
        ]
        if !email.cc.isEmpty { lines.append("Cc:       \(email.cc.map(\.value).joined(separator: ", "))") }
        if !email.bcc.isEmpty { lines.append("Bcc:      \(email.bcc.map(\.value).joined(separator: ", "))") }
        lines.append("Subject:  \(run.safe(email.subject))")
        if let link = email.link { lines.append("About:    \(link)") }
        if let sendAt = email.sendAt { lines.append("Send at:  \(Format.date(sendAt))") }
        if !email.attachments.isEmpty {
            lines.append("Attached: " + email.attachments.map { "\(run.safe($0.filename)) (\($0.size) bytes)" }
                .joined(separator: ", "))
        }
        if let error = email.lastError { lines.append("Error:    \(run.safe(error))") }
        lines.append("Attempts: \(email.attempts)")
        lines += ["", "History:"]
        lines += history.map { change in
            "  \(Format.date(change.at))  \((change.from?.rawValue ?? "new").padding(toLength: 7, withPad: " ", startingAt: 0)) → "
                + "\(change.to.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  by \(change.by)"
                + (change.error.map { "  (\(run.safe($0)))" } ?? "")
        }
        run.print(lines.joined(separator: "\n"))
    }

    static func act(_ run: Invocation, _ action: OutboxAction) throws {
        let id = try run.arguments.id(at: 0, of: "an outgoing email")
        let sendAt = try run.arguments.date("--send-at")
        let user = try run.actingUser()
        let email = try run.store().apply(action, to: id, by: user, Store.OutboxUpdate(
            sendAt: sendAt, sealingKey: action.needsAuthorsKey ? ownKey(run) : nil))
        switch action {
        case .queue, .retry:
            let when = email.sendAt.map { $0 > Date() ? "at \(Format.date($0))" : "as soon as possible" }
                ?? "as soon as possible"
            run.print("Queued outgoing email \(id); rapport sync sends it \(when).")
        case .cancel: run.print("Moved outgoing email \(id) back to drafts.")
        case .edit: run.print("Reopened outgoing email \(id) as a draft.")
        default: run.print("Outgoing email \(id) is now \(email.status.rawValue).")
        }
    }

    static func delete(_ run: Invocation) throws {
        let id = try run.arguments.id(at: 0, of: "an outgoing email")
        let user = try run.actingUser()
        try run.store().deleteOutgoingEmail(id: id, by: user)
        run.print("Deleted outgoing email \(id).")
    }

    // MARK: helpers

    /// The key that seals what this OS user queues (made on first use beside their credentials).
    private static func ownKey(_ run: Invocation) throws -> SealingKey {
        try SealingKey.own(environment: run.location.environment)
    }

    private static func note(for email: OutgoingEmail, run: Invocation) -> String {
        switch email.status {
        case .failed: return run.safe(email.lastError ?? "failed")
        case .queued where email.lastError != nil: return "retrying: " + run.safe(email.lastError)
        case .queued where (email.sendAt ?? .distantPast) > Date(): return "scheduled"
        default: return ""
        }
    }

    private static func readBody(_ args: ParsedArguments) throws -> String {
        switch (args.value("--body"), args.value("--body-file")) {
        case (let body?, nil): return body
        case (nil, let path?):
            let input = BoundedInput(path, limit: AttachmentInfo.maximumTotalBytes,
                                     overLimit: "Gmail sends no larger email; share it by link instead")
            do {
                return String(decoding: try input.read(), as: UTF8.self)
            } catch {
                throw CRMError("cannot read the body from \(input.name): \(error.reason)")
            }
        case (.some, .some):
            throw UsageError("give the body with --body or --body-file, not both", command: "compose")
        case (nil, nil):
            throw UsageError("rapport compose needs a body: --body TEXT, or --body-file F (- for standard input)",
                             command: "compose")
        }
    }

    private static func readAttachment(_ path: String) throws -> NewAttachment {
        let url = URL(fileURLWithPath: path)
        do {
            let data = Data(try BoundedInput(file: path, limit: AttachmentInfo.maximumTotalBytes,
                                             overLimit: "Gmail takes no more in one email; share it by link instead").read())
            return NewAttachment(filename: url.lastPathComponent,
                                 contentType: AttachmentInfo.contentType(forFilename: url.lastPathComponent), data: data)
        } catch {
            throw CRMError("cannot attach \(path): \(error.reason)")
        }
    }

    private static func sender(_ text: String?, user: User, store: Store) throws -> EmailAddress {
        if let text {
            guard let address = EmailAddress(text) else {
                throw UsageError("--from: “\(text)” is not an email address", command: "compose")
            }
            return address
        }
        let own = try store.mailboxes(in: .team(user.teamID), owner: user.id)
        switch own.count {
        case 1: return own[0].email
        case 0: throw CRMError("you have no mailbox to send from yet; connect one with rapport account add EMAIL")
        default: throw CRMError("you have \(own.count) mailboxes; choose one with --from")
        }
    }
}
