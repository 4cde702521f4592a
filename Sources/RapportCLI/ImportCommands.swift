import CRMCore
import CRMStore
import Foundation
import Hardening
import MailImport

/// `import maildir|mbox`: bring a salesperson's existing mail (mutt, notmuch, Thunderbird) into Rapport.
enum ImportCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["import", "maildir"], arguments: "PATH", positionals: 1...1,
                    summary: "import a Maildir (or a tree of them) into one of your mailboxes",
                    options: [.value("--account", "EMAIL", "the mailbox it belongs to (default: your only one)"), .json],
                    run: { try run($0, maildir: true) }),
        CommandSpec(["import", "mbox"], arguments: "PATH", positionals: 1...1,
                    summary: "import an mbox file into one of your mailboxes",
                    options: [.value("--account", "EMAIL", "the mailbox it belongs to (default: your only one)"), .json],
                    run: { try run($0, maildir: false) }),
    ]

    static func run(_ run: Invocation, maildir: Bool) throws {
        let path = run.arguments.positionals[0]
        let url = URL(fileURLWithPath: path)
        let user = try run.actingUser()
        let store = try run.store()
        let mailbox = try target(run.arguments.value("--account"), user: user, store: store)
        var importer = MailImporter(store: store, mailbox: mailbox)
        importer.keepAttachmentBytes = try run.config.whole(.keepAttachmentsMB) << 20
        store.contactCreation = try run.config.contactCreation()
        var contents = Maildir.Contents()
        do {
            if maildir {
                contents = try Maildir.contents(at: url)
            } else {
                contents.items = try Mbox.items(at: url)
            }
        } catch let refusal as FileRefusal {
            throw CRMError("cannot read \(path): \(refusal.reason)")
        } catch {
            throw CRMError("cannot read \(path): \(ErrorReason.text(for: error))"
                           + (maildir ? " (a Maildir is a folder holding cur and new)" : ""))
        }
        // Not message files: said, and passed over; the messages around them are imported.
        for skipped in contents.skipped {
            run.warn("skipped \(run.safe(skipped.location)): \(skipped.reason)")
        }
        let items = contents.items
        let progress = ProgressBar(label: "Importing", total: items.count)
        let started = Date()
        let summary = try store.noting(command: maildir ? "import maildir" : "import mbox", by: user.login) {
            try importer.run(items) { progress.update(done: $0) }
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        for failure in summary.unreadable {
            run.warn("could not import \(run.safe(failure.location)): \(failure.reason)")
        }
        if run.wantsJSON {
            run.printJSON(.object([
                ("messages", .int(items.count)), ("imported", .int(summary.imported)),
                ("already_there", .int(summary.alreadyThere)), ("unreadable", .int(summary.unreadable.count)),
                ("skipped", .int(contents.skipped.count)),
                ("seconds", .double((seconds * 100).rounded() / 100)),
            ]))
        } else {
            var line = "Imported \(summary.imported) of \(items.count) messages into \(mailbox.email) "
                + "in \(String(format: "%.1f", seconds)) s"
            if summary.alreadyThere > 0 { line += "; \(summary.alreadyThere) were already there" }
            if !contents.skipped.isEmpty {
                line += "; skipped \(contents.skipped.count) "
                    + (contents.skipped.count == 1 ? "that is not a message file" : "that are not message files")
            }
            line += summary.unreadable.isEmpty ? "." : "; \(summary.unreadable.count) could not be read (listed above)."
            run.print(line)
        }
        if !summary.unreadable.isEmpty { throw CommandFailed() }
    }

    private static func target(_ text: String?, user: User, store: Store) throws -> Mailbox {
        let own = try store.mailboxes(in: .team(user.teamID), owner: user.id)
        if let text {
            guard let address = EmailAddress(text) else {
                throw UsageError("--account: “\(text)” is not an email address")
            }
            guard let mailbox = own.first(where: { $0.email == address }) else {
                throw CRMError("--account is not one of your mailboxes; see rapport account list")
            }
            return mailbox
        }
        switch own.count {
        case 1: return own[0]
        case 0: throw CRMError("you have no mailbox to import into yet; add one with rapport account add EMAIL")
        default: throw CRMError("you have \(own.count) mailboxes; choose one with --account")
        }
    }
}
