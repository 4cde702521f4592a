import Foundation

/// A reply, reply to all, or forward of a message, worked out once for every place that writes one
/// (the command line and the app): who it goes to, its subject with one "Re:" or "Fwd:", its body
/// (what the person writes, their signature, then the parent quoted or forwarded), how it threads,
/// and, for a forward, the parent's attachments.
public struct ReplyPlan: Sendable, Hashable {
    /// What is written in answer to a message.
    public enum Kind: String, Sendable, CaseIterable, Hashable, Codable {
        /// To the sender (its Reply-To when it has one; the recipients of mail we sent).
        case reply
        /// To the sender and everyone else on it but us.
        case replyAll
        /// To whoever the person names, with the parent and its attachments.
        case forward
    }

    public var kind: Kind
    public var from: EmailAddress
    public var to: [NamedAddress]
    public var cc: [NamedAddress]
    public var subject: String
    public var body: String
    public var threading: Threading
    /// The parent's attachments, for a forward.
    public var attachments: [NewAttachment]

    /// The answer of `kind` to `parent`, sent from `from`. `ownAddresses` are all of the user's
    /// mailboxes (never answered to); `text` is what the person writes above their `signature` and
    /// the parent; dates read in `zone`.
    public init(_ kind: Kind, to parent: ParentMessage, from: EmailAddress, ownAddresses: Set<EmailAddress>,
                text: String = "", signature: Signature? = nil, zone: TimeZone = .current) {
        self.kind = kind
        self.from = from
        let recipients = Self.recipients(kind, of: parent, own: ownAddresses.union([from]))
        to = recipients.to
        cc = recipients.cc
        subject = Self.subject(kind == .forward ? "Fwd:" : "Re:", parent.subject)
        let parentPart = kind == .forward ? Self.forwarded(parent, zone: zone) : Self.quoted(parent, zone: zone)
        body = Signature.body(text, signature: signature) + "\n\n" + parentPart
        threading = Threading(answering: parent.messageID, parentReferences: parent.references,
                              threadID: parent.mailbox == from ? parent.threadID : nil, in: from)
        attachments = kind == .forward ? parent.attachments : []
    }

    /// The plan as an email to save: recipients with their names, subject, body, threading, attachments.
    public func request() -> ComposeRequest {
        var request = ComposeRequest(from: from, to: to.map(\.address), subject: subject, bodyText: body)
        request.cc = cc.map(\.address)
        request.displayNames = NamedAddress.names(to + cc)
        request.threading = threading
        request.attachments = attachments
        return request
    }

    // MARK: - Recipients

    /// Reply: Reply-To, else the sender; for mail we sent, its To. Reply to all: those, then the
    /// parent's To, in To; its Cc in Cc. Never one of `own` (unless a plain reply would then go to
    /// nobody: a note to oneself is answered to oneself), each address once, with the first name given.
    static func recipients(_ kind: Kind, of parent: ParentMessage, own: Set<EmailAddress>)
        -> (to: [NamedAddress], cc: [NamedAddress]) {
        let primary = parent.isOwn ? parent.to : (parent.replyTo.isEmpty ? [parent.from].compactMap { $0 } : parent.replyTo)
        switch kind {
        case .forward:
            return ([], [])
        case .reply:
            let others = unique(primary, excluding: own)
            return (others.isEmpty ? unique(primary, excluding: []) : others, [])
        case .replyAll:
            let to = unique(primary + parent.to, excluding: own)
            let cc = unique(parent.cc, excluding: own.union(to.map(\.address)))
            return (to.isEmpty && cc.isEmpty ? unique(primary, excluding: []) : to, cc)
        }
    }

    /// Each address once, in order, without `excluded`; an address given with and without a name keeps the name.
    static func unique(_ list: [NamedAddress], excluding excluded: Set<EmailAddress>) -> [NamedAddress] {
        var result: [NamedAddress] = []
        for entry in list where !excluded.contains(entry.address) {
            if let index = result.firstIndex(where: { $0.address == entry.address }) {
                if result[index].name == nil { result[index].name = entry.name }
            } else {
                result.append(entry)
            }
        }
        return result
    }

    // MARK: - Subject

    /// Words that, before a colon, say a subject answers or passes on another: English, German
    /// (AW, WG) and the Nordic languages (SV).
    private static let answerWords: Set<String> = ["re", "fw", "fwd", "aw", "sv", "wg"]

    /// `subject` with every answer prefix taken off the front: "Re:", "RE :", "Re[2]:", "Fwd:", "AW:"…
    public static func baseSubject(_ subject: String) -> String {
        var text = Substring(subject).drop(while: \.isWhitespace)
        while let rest = afterAnswerPrefix(text) { text = rest.drop(while: \.isWhitespace) }
        return String(text).trimmingCharacters(in: .whitespaces)
    }

    /// What follows an answer prefix at the start of `text`; nil when it has none.
    private static func afterAnswerPrefix(_ text: Substring) -> Substring? {
        let word = text.prefix(while: \.isLetter)
        guard answerWords.contains(word.lowercased()) else { return nil }
        var rest = text[word.endIndex...].drop(while: { $0 == " " })
        if let open = rest.first, open == "[" || open == "(" {
            let close: Character = open == "[" ? "]" : ")"
            let digits = rest.dropFirst().prefix(while: \.isNumber)
            guard !digits.isEmpty, rest.dropFirst(digits.count + 1).first == close else { return nil }
            rest = rest.dropFirst(digits.count + 2).drop(while: { $0 == " " })
        }
        guard rest.first == ":" || rest.first == "：" else { return nil }
        return rest.dropFirst()
    }

    /// `prefix` once before the subject's own words: "Re: Re: AW: Offer" → "Re: Offer".
    static func subject(_ prefix: String, _ subject: String) -> String {
        let base = baseSubject(subject)
        return base.isEmpty ? prefix : prefix + " " + base
    }

    // MARK: - Body

    /// "Tue, 3 Mar 2026 at 14:05", as the lines above quoted and forwarded mail give it.
    static func dateText(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE, d MMM yyyy 'at' HH:mm"
        return formatter.string(from: date)
    }

    /// "Carol Client <carol@client.example>", or the address alone.
    private static func who(_ address: NamedAddress?) -> String {
        guard let address else { return "someone" }
        return address.name.map { "\($0) <\(address.address.value)>" } ?? address.address.value
    }

    /// The parent's text as lines, without the empty ones at its end.
    private static func lines(of parent: ParentMessage) -> [Substring] {
        var lines = (parent.bodyText ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }

    /// "On DATE, NAME wrote:" and the parent's text with "> " before each line (">" before a line
    /// already quoted, so quotes nest as readers expect).
    static func quoted(_ parent: ParentMessage, zone: TimeZone) -> String {
        let quoted = lines(of: parent).map { line in
            line.isEmpty ? ">" : line.hasPrefix(">") ? ">" + line : "> " + line
        }
        return (["On \(dateText(parent.date, zone: zone)), \(who(parent.from)) wrote:"] + quoted).joined(separator: "\n")
    }

    /// The forwarded message: a header block (From, Date, Subject, To, Cc) and its text as it was.
    static func forwarded(_ parent: ParentMessage, zone: TimeZone) -> String {
        var header = [
            "---------- Forwarded message ---------",
            "From: \(who(parent.from))",
            "Date: \(dateText(parent.date, zone: zone))",
            "Subject: \(parent.subject)",
            "To: \(parent.to.map { who($0) }.joined(separator: ", "))",
        ]
        if !parent.cc.isEmpty { header.append("Cc: \(parent.cc.map { who($0) }.joined(separator: ", "))") }
        return (header + [""] + lines(of: parent).map(String.init)).joined(separator: "\n")
    }
}
