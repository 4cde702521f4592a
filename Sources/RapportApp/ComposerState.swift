import CRMCore
import Foundation
import TerminalUI

/// The email being written: one line per header field, the body, and what it is linked to.
public struct ComposerState: Equatable, Sendable {
    /// The parts of the form that take the keys, in Tab order (the attachments only while there are some).
    public enum Field: String, CaseIterable, Codable, Sendable {
        case from, to, cc, bcc, subject, attachments, body

        var label: String {
            switch self {
            case .from: return "From"
            case .to: return "To"
            case .cc: return "Cc"
            case .bcc: return "Bcc"
            case .subject: return "Subject"
            case .attachments: return "Attached"
            case .body: return "Body"
            }
        }

        var isAddressField: Bool { self == .to || self == .cc || self == .bcc }
    }

    public var from: String
    public var to: TextField
    public var cc: TextField
    public var bcc: TextField
    public var subject: TextField
    public var body: TextEditor
    public var focus: Field
    public var link: RecordLink?
    /// What the link points at, for people ("Carol Client").
    public var linkTitle: String?
    /// Whether the person chose the link (C-t); otherwise it follows the first address in To.
    public var linkChosen = false
    public var replyToActivityID: Int64?
    /// What it answers, for a reply or forward (nil for new mail).
    public var answering: ReplyPlan.Kind?
    /// How it joins the conversation it answers (`ReplyPlan`); empty for new mail.
    public var threading = Threading()
    /// Files to attach (paths on this machine), not yet stored.
    public var attachments: [String]
    /// Names of files the saved draft carries already.
    public var storedAttachments: [String] = []
    /// Places in `storedAttachments` of the ones removed here (the draft drops them when saved).
    public var droppedAttachments: [Int] = []
    /// The file chosen on the Attached line (in `files`), for removing.
    public var attachmentIndex = 0
    /// The draft this edits, once saved.
    public var outgoingID: Int64?
    /// Contacts matching the address being typed, and the one picked.
    public var completions: [Contact] = []
    public var completionIndex = 0

    public init(from: String, to: String = "", cc: String = "", bcc: String = "", subject: String = "", body: String = "",
                focus: Field = .to, link: RecordLink? = nil, linkTitle: String? = nil, replyToActivityID: Int64? = nil,
                attachments: [String] = [], outgoingID: Int64? = nil) {
        self.from = from
        self.to = TextField(text: to, placeholder: "name@company.com, …")
        self.cc = TextField(text: cc)
        self.bcc = TextField(text: bcc)
        self.subject = TextField(text: subject, placeholder: "What it is about")
        self.body = TextEditor(text: body)
        self.focus = focus
        self.link = link
        self.linkTitle = linkTitle
        self.replyToActivityID = replyToActivityID
        self.attachments = attachments
        self.outgoingID = outgoingID
    }

    /// The single-line field `field`, or nil for From, the attachments and Body.
    func textField(_ field: Field) -> TextField? {
        switch field {
        case .to: return to
        case .cc: return cc
        case .bcc: return bcc
        case .subject: return subject
        case .from, .attachments, .body: return nil
        }
    }

    mutating func setTextField(_ field: Field, _ value: TextField) {
        switch field {
        case .to: to = value
        case .cc: cc = value
        case .bcc: bcc = value
        case .subject: subject = value
        case .from, .attachments, .body: break
        }
    }

    /// The files the email carries, as the Attached line lists them: the saved draft's (less those
    /// removed), then the ones attached here.
    var files: [String] {
        storedAttachments.enumerated().filter { !droppedAttachments.contains($0.offset) }.map(\.element)
            + attachments.map { ($0 as NSString).lastPathComponent }
    }

    /// Moves the focus `step` fields on (back when negative), round the form; the Attached line is
    /// passed over while there is nothing attached.
    mutating func moveFocus(by step: Int) {
        let fields = Field.allCases.filter { $0 != .attachments || !files.isEmpty }
        let index = fields.firstIndex(of: focus) ?? 0
        focus = fields[(index + step + fields.count) % fields.count]
    }

    /// Removes the file chosen on the Attached line; its name, or nil when there is none.
    mutating func removeChosenAttachment() -> String? {
        let files = files
        guard files.indices.contains(attachmentIndex) else { return nil }
        let stored = storedAttachments.indices.filter { !droppedAttachments.contains($0) }
        if attachmentIndex < stored.count {
            droppedAttachments.append(stored[attachmentIndex])
        } else {
            attachments.remove(at: attachmentIndex - stored.count)
        }
        let removed = files[attachmentIndex]
        attachmentIndex = max(0, min(attachmentIndex, files.count - 2))
        return removed
    }

    /// Whether nothing has been written yet (an empty composer is not worth saving); a body holding
    /// only the `signature` it was opened with is empty.
    func isBlank(signature: Signature?) -> Bool {
        let body = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return to.text.isEmpty && cc.text.isEmpty && bcc.text.isEmpty && subject.text.isEmpty
            && (body.isEmpty || body == signature?.block) && attachments.isEmpty
    }

    /// What the title says it is: "Reply", "Reply to all", "Forward", "Draft" or "New email".
    var title: String {
        switch answering {
        case .reply?: return "Reply"
        case .replyAll?: return "Reply to all"
        case .forward?: return "Forward"
        case nil: return threading.isReply || replyToActivityID != nil ? "Reply" : outgoingID != nil ? "Draft" : "New email"
        }
    }

    /// The first address in To, once it is a whole address (nil while it is being typed, or To is empty).
    var firstRecipient: EmailAddress? {
        // The shortest run of comma-separated pieces that reads as addresses: a quoted display name
        // may hold a comma ("Müller, Jörg" <joerg@acme.example>).
        let pieces = to.text.split(separator: ",", omittingEmptySubsequences: false)
        for count in pieces.indices {
            if case .success(let addresses) = EmailAddress.parseList(pieces[...count].joined(separator: ",")),
               let first = addresses.first {
                return first
            }
        }
        return nil
    }

    /// The last address being typed in an address field (after the last comma), for completion.
    var addressBeingTyped: String? {
        guard focus.isAddressField, let field = textField(focus) else { return nil }
        let last = field.text.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
        let word = last.trimmingCharacters(in: .whitespaces)
        return word.isEmpty ? nil : word
    }

    /// Replaces the address being typed with `address` and starts the next one.
    mutating func complete(with address: String) {
        guard focus.isAddressField, var field = textField(focus) else { return }
        var parts = field.text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if parts.isEmpty { parts = [""] }
        parts[parts.count - 1] = address
        field = TextField(text: parts.joined(separator: ", ") + ", ", placeholder: field.placeholder)
        setTextField(focus, field)
        completions = []
        completionIndex = 0
    }

    /// What is saved as typed: every field's text and where the cursor was.
    public var snapshot: ComposerSnapshot {
        ComposerSnapshot(from: from, to: to.text, cc: cc.text, bcc: bcc.text, subject: subject.text, body: body.text,
                         focus: focus, bodyLine: body.cursor.line, bodyColumn: body.cursor.column,
                         link: link.map(\.description), linkTitle: linkTitle, replyToActivityID: replyToActivityID,
                         attachments: attachments, storedAttachments: storedAttachments, outgoingID: outgoingID,
                         droppedAttachments: droppedAttachments.isEmpty ? nil : droppedAttachments,
                         linkChosen: linkChosen ? true : nil, answering: answering,
                         threading: threading.isReply ? threading : nil)
    }

    /// The composer as it was saved.
    public init(_ snapshot: ComposerSnapshot) {
        self.init(from: snapshot.from, to: snapshot.to, cc: snapshot.cc, bcc: snapshot.bcc, subject: snapshot.subject,
                  body: snapshot.body, focus: snapshot.focus, link: snapshot.link.flatMap(RecordLink.init),
                  linkTitle: snapshot.linkTitle, replyToActivityID: snapshot.replyToActivityID,
                  attachments: snapshot.attachments, outgoingID: snapshot.outgoingID)
        storedAttachments = snapshot.storedAttachments
        droppedAttachments = snapshot.droppedAttachments ?? []
        linkChosen = snapshot.linkChosen ?? false
        answering = snapshot.answering
        threading = snapshot.threading ?? Threading()
        body.move(to: TextEditor.Position(line: snapshot.bodyLine, column: snapshot.bodyColumn))
        to.moveToEnd()
        cc.moveToEnd()
        bcc.moveToEnd()
        subject.moveToEnd()
    }
}

/// The composer's fields exactly as typed (half-written addresses too), saved after every change.
public struct ComposerSnapshot: Codable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var cc: String
    public var bcc: String
    public var subject: String
    public var body: String
    public var focus: ComposerState.Field
    public var bodyLine: Int
    public var bodyColumn: Int
    public var link: String?
    public var linkTitle: String?
    public var replyToActivityID: Int64?
    public var attachments: [String]
    public var storedAttachments: [String] = []
    public var outgoingID: Int64?
    /// Places in `storedAttachments` the draft is to drop (nil: none; sessions saved before there were
    /// any lack it).
    public var droppedAttachments: [Int]?
    /// Whether the person chose the link (nil: it follows To).
    public var linkChosen: Bool?
    /// What it answers (nil for new mail, and in what Rapport saved before it answered with plans).
    public var answering: ReplyPlan.Kind?
    /// How it threads; nil for new mail.
    public var threading: Threading?

    /// The email as the rules of composing see it (`Composition`).
    public func composition(queue: Bool, sendAt: Date?) -> Composition {
        Composition(to: to, cc: cc, bcc: bcc, queue: queue, sendAt: sendAt)
    }

    /// JSON for the store.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads what `json` wrote; nil when it cannot.
    public init?(json: String) {
        guard let value = try? JSONDecoder().decode(ComposerSnapshot.self, from: Data(json.utf8)) else { return nil }
        self = value
    }

    public init(from: String, to: String, cc: String, bcc: String, subject: String, body: String,
                focus: ComposerState.Field, bodyLine: Int, bodyColumn: Int, link: String?, linkTitle: String?,
                replyToActivityID: Int64?, attachments: [String], storedAttachments: [String], outgoingID: Int64?,
                droppedAttachments: [Int]? = nil, linkChosen: Bool? = nil, answering: ReplyPlan.Kind? = nil,
                threading: Threading? = nil) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.body = body
        self.focus = focus
        self.bodyLine = bodyLine
        self.bodyColumn = bodyColumn
        self.link = link
        self.linkTitle = linkTitle
        self.replyToActivityID = replyToActivityID
        self.attachments = attachments
        self.storedAttachments = storedAttachments
        self.outgoingID = outgoingID
        self.droppedAttachments = droppedAttachments
        self.linkChosen = linkChosen
        self.answering = answering
        self.threading = threading
    }
}
