import CRMCore
import CRMStore
import Foundation
import GmailAPI
import Hardening
import MailSync
import TerminalUI

/// `mail save`: an incoming email's attachments saved as files, never replacing anything. Bytes the
/// database does not keep come from the Gmail of the mailbox holding the email, which only its owner
/// can reach; a teammate's are named with whose they are.
enum MailSaveCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["mail", "save"], arguments: "ID", positionals: 1...1,
                    summary: "save an email's attachments into a folder (never overwrites)",
                    options: [
                        .value("--dir", "DIR", "where to save (default: [mail] download_dir in your own config, "
                               + "else ~/Downloads)"),
                    ], run: save),
    ]

    static func save(_ run: Invocation) throws {
        let text = run.arguments.positionals[0]
        guard let id = Int64(text), id > 0 else {
            throw UsageError("mail save wants the id of an email (see rapport mail list), not “\(run.safe(text))”",
                             command: "mail save")
        }
        let user = try run.actingUser()
        let store = try run.store()
        guard let stored = try store.incomingAttachments(emailID: id, in: user.scope) else {
            throw CRMError("there is no message \(id); see rapport mail list")
        }
        if stored.attachments?.isEmpty == true { throw CRMError("message \(id) has no attachments") }
        let canFetch = stored.isInGmail && stored.mailbox.userID == user.id
        guard stored.attachments != nil || canFetch else { throw CRMError(SafeText.line(stored.unknownText)) }
        // The sign-in is looked for before the folder is made, Gmail asked only once the folder is there.
        let fetcher = canFetch && stored.attachments?.allSatisfy(\.isKept) != true
            ? try fetcher(for: stored, run: run, store: store) : nil
        let folder = try saveFolder(run)
        let listed: [IncomingAttachment]
        let files: [(attachment: IncomingAttachment, bytes: [UInt8])]
        if let fetcher {
            do {
                files = try fetcher.attachments(of: stored)
            } catch let error as GmailError {
                throw CRMError("could not fetch the attachments of message \(id) from Gmail: \(error)")
            }
            listed = files.map(\.attachment)
        } else {
            listed = stored.attachments ?? []
            files = listed.compactMap { attachment in attachment.data.map { (attachment, $0) } }
        }
        if listed.isEmpty { throw CRMError("message \(id) has no attachments") }
        let saving = stored.save(files, listed: listed, into: folder, canFetch: canFetch)
        for path in saving.saved { run.print(run.safe(path)) }
        for problem in saving.problems { run.warn(SafeText.line(problem)) }
        if !saving.problems.isEmpty { throw CommandFailed() }
    }

    /// The folder to save into: `--dir`, else `[mail] download_dir` from the user's own config, else
    /// ~/Downloads; made (0700) when missing.
    static func saveFolder(_ run: Invocation) throws -> SaveFolder {
        if run.arguments.value("--dir")?.isEmpty == true { throw UsageError("--dir needs a folder", command: "mail save") }
        let path = downloadFolder(run, named: run.arguments.value("--dir"))
        do {
            return try SaveFolder(path)
        } catch {
            throw CRMError(error.described(advice: error.isMissing ? "make its parent folder first, or choose another "
                                                                     + "with --dir" : error.advice))
        }
    }

    /// The full path of the folder `named` (a flag), else `[mail] download_dir` from the user's own
    /// config, else ~/Downloads: where `mail save` and the app save attachments.
    static func downloadFolder(_ run: Invocation, named: String? = nil) -> String {
        let configured = run.config[ConfigFiles.downloadFolderKey].flatMap { $0.isEmpty ? nil : $0 }
        return HomeLocation.folder(named ?? configured ?? "~/Downloads", run.location.environment).path
    }

    /// What fetches the files not kept from the user's own Gmail, with the sign-in stored on this machine.
    private static func fetcher(for stored: StoredAttachments, run: Invocation, store: Store) throws -> AttachmentFetcher {
        let settings = try SyncSettings(config: run.config)
        guard let connection = try MailboxConnections.single(for: stored.mailbox, settings: settings,
                                                             environment: run.location.environment) else {
            throw CRMError(MailboxConnections.noSignIn(stored.mailbox))
        }
        return AttachmentFetcher(store: store, connection: connection, settings: settings)
    }
}
