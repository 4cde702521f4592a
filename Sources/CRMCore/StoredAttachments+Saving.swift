import Foundation
import Hardening

/// Saving an email's attachments as files: one rule for `rapport mail save` and the app. Only
/// bytes in hand are written (kept here, or fetched by the caller from the owner's Gmail), into a
/// `SaveFolder` (safe names, never replacing anything); each one not in hand is refused with who
/// can save it and how.
extension StoredAttachments {
    /// What saving wrote and what it could not.
    public struct Saving: Sendable, Equatable {
        /// The paths written, in the attachments' order.
        public var saved: [String] = []
        /// A sentence for each attachment not saved (what went wrong and what to do).
        public var problems: [String] = []
    }

    /// Saves `files` (attachments with their bytes) into `folder`, and refuses those of `listed` whose
    /// bytes are not among them (`canFetch`: the caller could have fetched them from Gmail, so none is
    /// missing for want of a sign-in).
    public func save(_ files: [(attachment: IncomingAttachment, bytes: [UInt8])], listed: [IncomingAttachment],
                     into folder: SaveFolder, canFetch: Bool = false) -> Saving {
        var saving = Saving()
        for (attachment, bytes) in files {
            do {
                saving.saved.append(try folder.save(bytes, as: attachment.filename))
            } catch {
                saving.problems.append("\(error)")
            }
        }
        for attachment in listed where !attachment.isKept && !canFetch {
            saving.problems.append(notKept(attachment))
        }
        return saving
    }

    /// The attachments to save: all, or the one at `position` (from 0); nil when there is no such one.
    public func chosen(_ position: Int?) -> [IncomingAttachment]? {
        guard let all = attachments else { return nil }
        guard let position else { return all }
        return all.indices.contains(position) ? [all[position]] : nil
    }

    /// Why an attachment whose bytes are not kept here was not saved, and who can save it (shown
    /// through `SafeText.line`: the owner's name is as they typed it).
    public func notKept(_ attachment: IncomingAttachment) -> String {
        let size = ByteCount.text(attachment.size)
        guard isInGmail else {
            return "attachment \(attachment.position + 1) (\(size)) was not kept when the email was imported (it was over "
                + "[mail] keep_attachments_mb) and imported mail is not in Gmail; import it again with a higher limit"
        }
        return "attachment \(attachment.position + 1) (\(size)) is kept only in the Gmail of \(mailbox.email), "
            + "\(ownerName)'s mailbox; \(ownerLogin) can save it with rapport mail save \(emailID)"
    }

    /// Why the attachments of an email stored before Rapport recorded them cannot be listed here.
    public var unknownText: String {
        let what = "message \(emailID) was stored before Rapport recorded attachments"
        guard isInGmail else { return what + "; import it again to record them" }
        return what + "; \(ownerLogin) can save them from the Gmail of \(mailbox.email) with rapport mail save \(emailID)"
    }
}
