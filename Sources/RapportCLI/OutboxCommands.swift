import CRMCore
import CRMStore
import Foundation
import Hardening
import MailSync
import RapportTerminal
import TerminalUI

/// `compose` and `outbox`: writing mail and following it from draft to sent.
enum OutboxCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["compose"], summary: "write an email (a draft unless --queue or --send-at); prints its id",
                    options: [
                        .value("--from", "EMAIL", "one of your mailboxes (default: your only one)"),
                        .value("--to", "A[,B]", "recipients", repeatable: true),
                        .value("--cc", "A[,B]", "copy recipients", repeatable: true),
                        .value("--bcc", "A[,B]", "blind copy recipients", repeatable: true),
                        .value("--subject", "S", "the subject (a reply or forward has one already)"),
                        .value("--body", "TEXT", "the body (above the quote, in a reply or forward)"),
                        .value("--body-file", "F", "read the body from a file, or - for standard input"),
                        .value("--attach", "FILE", "attach a file", repeatable: true),
                        .value("--link", "TYPE:ID", "what it is about: contact:ID, company:ID or deal:ID"),
                        .value("--reply-to", "ACTIVITY_ID",
                               "reply to an email: a timeline entry, mail:ID (rapport mail list) or outbox:ID"),
                        .flag("--reply-all", "with --reply-to: to the sender and everyone else on it but you"),
                        .value("--forward", "ACTIVITY_ID",
                               "forward an email (as --reply-to names it), with the attachments Rapport keeps"),
                        .flag("--no-signature", "leave out your signature (rapport/signature in your config folder)"),
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
        let to = try args.namedAddresses("--to")
        let cc = try args.namedAddresses("--cc")
        let bcc = try args.namedAddresses("--bcc")
        let replyTo = try args.value("--reply-to").map { try ReplySource($0, option: "--reply-to") }
        let forward = try args.value("--forward").map { try ReplySource($0, option: "--forward") }
        if replyTo != nil && forward != nil {
            throw UsageError("give --reply-to or --forward, not both", command: "compose")
        }
        if args.flag("--reply-all") && replyTo == nil {
            throw UsageError("--reply-all goes with --reply-to ID", command: "compose")
        }
        if forward != nil && to.isEmpty {
            throw UsageError("a forward goes to whom you name: give --to", command: "compose")
        }
        let answered = replyTo ?? forward
        if answered == nil && args.value("--subject") == nil {
            throw UsageError("rapport compose needs --subject S", command: "compose")
        }
        let text = try readBody(args, required: answered == nil)
        var link: RecordLink?
        if let text = args.value("--link") {
            guard let parsed = RecordLink(text) else {
                throw UsageError("--link wants contact:ID, company:ID or deal:ID, not “\(text)”", command: "compose")
            }
            link = parsed
        }
        let sendAt = try args.date("--send-at")
        let attachments = try args.list("--attach").map(readAttachment)
        let user = try run.actingUser()
        let store = try run.store()
        let chosen = try args.value("--from").map(fromAddress)
        let parent = try answered?.parent(in: store, for: user, preferring: chosen, attachments: forward != nil)
        let own = try store.mailboxes(in: .team(user.teamID), owner: user.id).map(\.email)
        let from = try chosen ?? parent.flatMap { own.contains($0.message.mailbox) ? $0.message.mailbox : nil }
            ?? sender(mailboxes: own)
        let signature = args.flag("--no-signature") ? nil : signature(for: from, run)
        var request: ComposeRequest
        if let parent {
            let kind: ReplyPlan.Kind = forward != nil ? .forward : args.flag("--reply-all") ? .replyAll : .reply
            request = ReplyPlan(kind, to: parent.message, from: from, ownAddresses: Set(own), text: text,
                                signature: signature).request()
            request.replyToActivityID = parent.activityID
            let left = parent.message.attachmentsNotKept
            if kind == .forward, !left.isEmpty {
                run.warn("the forward goes without \(left.count == 1 ? "one attachment" : "\(left.count) attachments") "
                         + "Rapport does not keep (\(left.map { SafeText.line($0) }.joined(separator: ", "))); save them with "
                         + "rapport mail save and attach them with --attach")
            }
            if !to.isEmpty { request.to = to.map(\.address) }
            if !cc.isEmpty { request.cc = cc.map(\.address) }
            if let subject = args.value("--subject") { request.subject = subject }
        } else {
            request = ComposeRequest(from: from, to: to.map(\.address), subject: args.value("--subject")!,
                                     bodyText: Signature.body(text, signature: signature))
            request.cc = cc.map(\.address)
        }
        request.bcc = bcc.map(\.address)
        request.displayNames.merge(NamedAddress.names(to + cc + bcc)) { _, typed in typed }
        request.attachments += attachments
        request.link = link ?? request.link
        request.queue = args.flag("--queue")
        request.sendAt = sendAt
        let email = try store.compose(request, by: user, sealingKey: request.queues ? ownKey(run) : nil)
        if run.wantsJSON {
            run.printJSON(ContractJSON.outgoing(email, history: try store.statusHistory(of: email.id, in: user.scope)))
        } else {
            run.print(String(email.id))
        }
    }

    /// The user's signature for mail from `mailbox` (their own files only); a file that is there but
    /// cannot be used is said on standard error and left out.
    private static func signature(for mailbox: EmailAddress, _ run: Invocation) -> Signature? {
        let found = SignatureFiles(environment: run.location.environment).signature(for: mailbox)
        if let warning = found.warning { run.warn(warning) }
        return found.signature
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
            "  \(Format.date(change.at))  \(TextWidth.pad(change.from?.rawValue ?? "new", to: 7)) → "
                + "\(TextWidth.pad(change.to.rawValue, to: 7))  by \(change.by)"
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

    /// The body given with --body or --body-file; empty when none was given and none is `required`.
    private static func readBody(_ args: ParsedArguments, required: Bool) throws -> String {
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
            guard required else { return "" }
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

    private static func fromAddress(_ text: String) throws -> EmailAddress {
        guard let address = EmailAddress(text) else {
            throw UsageError("--from: “\(text)” is not an email address", command: "compose")
        }
        return address
    }

    /// The mailbox to send from when none is named: the user's only one.
    private static func sender(mailboxes own: [EmailAddress]) throws -> EmailAddress {
        switch own.count {
        case 1: return own[0]
        case 0: throw CRMError("you have no mailbox to send from yet; connect one with rapport account add EMAIL")
        default: throw CRMError("you have \(own.count) mailboxes; choose one with --from")
        }
    }
}
