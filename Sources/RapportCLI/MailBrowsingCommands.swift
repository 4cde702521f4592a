import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// `mail list` and `mail show`: the conversations of your mailboxes, page by page, and the messages in them.
enum MailBrowsingCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["mail", "list"], summary: "conversations, newest first (default: the Inbox of all your mailboxes)",
                    options: [
                        .value("--account", "EMAIL", "one mailbox of your team instead of all of yours"),
                        .value("--label", "inbox|sent|all|unread|trash|LABEL",
                               "which conversations (default inbox); all is everything but Trash and Spam, "
                                   + "LABEL one of your Gmail labels by name"),
                        .number("--limit", "N", .mailListLimit, "how many at most"),
                        .value("--before", "CURSOR", "conversations older than these (the cursor a page ends with)"),
                        .json,
                    ], run: list),
        CommandSpec(["mail", "show"], arguments: "ID", positionals: 1...1,
                    summary: "one message in full (ID from mail list's message ids, or search)",
                    options: [.flag("--thread", "its whole conversation, oldest first"), .json], run: show),
    ]

    static func list(_ run: Invocation) throws {
        let args = run.arguments
        let limit = args.whole("--limit") ?? NumberSetting.mailListLimit.wholeDefault
        let before = try args.value("--before").map { text in
            guard let cursor = ConversationCursor(text) else {
                throw UsageError("--before wants the cursor a page of rapport mail list ended with, not “\(shown(text))”",
                                 command: "mail list")
            }
            return cursor
        }
        let folder = MailFolder(args.value("--label") ?? "inbox")
        let user = try run.actingUser()
        let store = try run.store()
        let mailboxes = try self.mailboxes(args.value("--account"), user: user, store: store)
        if case .label(let name) = folder,
           try mailboxes.allSatisfy({ try store.labelID(name, mailbox: $0.id) == nil }) {
            throw CRMError(try unknownLabel(name, mailboxes: mailboxes, named: args.value("--account") != nil,
                                            store: store))
        }
        let page = try store.conversations(mailboxes: mailboxes.map(\.id), folder: folder, in: user.scope,
                                           limit: limit, before: before)
        if run.wantsJSON {
            run.printJSON(.array(page.map(ContractJSON.conversation)))
            return
        }
        if page.isEmpty {
            run.print("No \(before == nil ? "" : "older ")conversations in \(folder.title).")
            return
        }
        let several = mailboxes.count > 1
        run.print(Format.table((several ? ["", "ACCOUNT"] : [""]) + ["ID", "WHEN", "WITH", "MSGS", "SUBJECT"],
                               page.map { conversation in
            (several ? [marker(conversation), conversation.account.value] : [marker(conversation)]) + [
                conversation.messageIDs.last.map(String.init) ?? "—", Format.date(conversation.lastAt),
                people(conversation, run: run), String(conversation.messageCount), run.safe(conversation.subject),
            ]
        }, maxWidths: several ? [1, 28, 10, 16, 28, 6] : [1, 10, 16, 28, 6]))
        if page.count == limit, let last = page.last {
            var words = ["rapport", "mail", "list"]
            for option in ["--account", "--label", "--limit"] {
                if let value = args.value(option) { words += [option, shellWord(value)] }
            }
            run.print("More: " + (words + ["--before", last.cursor.description]).joined(separator: " "))
        }
    }

    static func show(_ run: Invocation) throws {
        let id = try run.arguments.id(at: 0, of: "a message")
        let user = try run.actingUser()
        let store = try run.store()
        let thread = run.arguments.flag("--thread")
        let messages = thread ? try store.conversationMessages(of: id, in: user.scope)
                              : [try store.mailMessage(id: id, in: user.scope)].compactMap { $0 }
        guard let first = messages.first else {
            throw CRMError("there is no message \(id) in your team's mail; see rapport mail list (or rapport search)")
        }
        if run.wantsJSON {
            run.printJSON(thread ? .array(messages.map(ContractJSON.mailMessage)) : ContractJSON.mailMessage(first))
            return
        }
        if thread {
            run.print(messages.enumerated().map { index, message in
                "── \(index + 1) of \(messages.count) ──\n" + readable(message, run: run)
            }.joined(separator: "\n\n"))
            return
        }
        var text = readable(first, run: run)
        if let count = try store.conversation(ofMessage: id, in: user.scope)?.messageCount, count > 1 {
            text += "\n\nOne of \(count) messages in its conversation: rapport mail show \(id) --thread"
        }
        run.print(text)
    }

    // MARK: helpers

    /// The mailbox `account` names (any of the team's), or all of the user's own.
    private static func mailboxes(_ account: String?, user: User, store: Store) throws -> [Mailbox] {
        guard let account else {
            let own = try store.mailboxes(in: user.scope, owner: user.id)
            guard !own.isEmpty else {
                throw CRMError("you have no mailbox yet; connect one with rapport account add EMAIL")
            }
            return own
        }
        guard let address = EmailAddress(account) else {
            throw UsageError("--account wants an email address, not “\(shown(account))”", command: "mail list")
        }
        guard let mailbox = try store.mailbox(email: address, in: user.scope) else {
            throw CRMError("your team has no mailbox \(address.value); see rapport account list")
        }
        return [mailbox]
    }

    /// What to say when no mailbox has the label: the views, and the labels there are.
    private static func unknownLabel(_ name: String, mailboxes: [Mailbox], named: Bool, store: Store) throws
        -> String {
        let views = Set(MailFolder.viewNames.compactMap { MailFolder($0).systemLabel })
        var names: [String] = []
        for mailbox in mailboxes {
            for label in try store.labelNames(mailbox: mailbox.id)
            where !views.contains(label) && !names.contains(where: { $0.lowercased() == label.lowercased() }) {
                names.append(label)
            }
        }
        names.sort { $0.lowercased() < $1.lowercased() }
        let shownNames = names.prefix(20).map { "“\(SafeText.line($0))”" }
        let more = names.count > 20 ? " and \(names.count - 20) more" : ""
        let labels = names.isEmpty ? "" : ", or a label: " + shownNames.joined(separator: ", ") + more
        let place = named ? mailboxes[0].email.value : mailboxes.count == 1 ? "your mailbox" : "none of your mailboxes"
        return "\(place) \(mailboxes.count == 1 ? "has no" : "has a") label “\(shown(name))”; use "
            + MailFolder.viewNames.joined(separator: ", ") + labels
    }

    /// "*" for a conversation with unread mail.
    private static func marker(_ conversation: Conversation) -> String { conversation.unreadCount > 0 ? "*" : "" }

    /// Who else is on it: names where known, the mailbox's own address left out (unless it is alone).
    private static func people(_ conversation: Conversation, run: Invocation) -> String {
        let others = conversation.participants.filter { $0.address != conversation.account }
        return (others.isEmpty ? conversation.participants : others)
            .map { run.safe($0.name?.isEmpty == false ? $0.name : $0.address.value) }.joined(separator: ", ")
    }

    /// Headers, labels and the text of a stored message, safe for a terminal.
    private static func readable(_ message: MailMessage, run: Invocation) -> String {
        let from = message.fromAddress.map { address in
            message.fromName.map { "\(run.safe($0)) <\(address.value)>" } ?? address.value
        } ?? run.safe(message.fromName ?? "—")
        var lines = [
            "Message:  \(message.id) in \(message.mailbox.value)",
            "From:     \(from)",
            "To:       \(message.to.map(\.value).joined(separator: ", "))",
        ]
        if !message.cc.isEmpty { lines.append("Cc:       \(message.cc.map(\.value).joined(separator: ", "))") }
        lines.append("Date:     \(Format.date(message.date))")
        lines.append("Subject:  \(run.safe(message.subject))")
        if !message.labels.isEmpty { lines.append("Labels:   \(run.safe(message.labels.joined(separator: ", ")))") }
        lines.append("")
        let text = SafeText.block(message.bodyText ?? "").droppingTrailingWhitespace()
        lines.append(text.isEmpty ? "(no text)" : text)
        return lines.joined(separator: "\n")
    }

    /// A value as typed, short and without control characters, for an error message.
    private static func shown(_ text: String) -> String {
        let line = SafeText.line(text)
        return line.count > 40 ? line.prefix(40) + "…" : line
    }

    /// A word as a shell reads it back: as it is when plain, else in single quotes.
    private static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "@._-+/:=,".unicodeScalars.contains($0))
        }
        return plain ? text : "'" + SafeText.line(text).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
