import Foundation

/// An email as a person composes it, before it is stored: recipients as typed, how much is attached,
/// and whether it is to be queued. `problems(now:)` is the one place that says what stops an email
/// being saved or queued; the composer, `ComposeRequest` and the store all ask it.
public struct Composition: Sendable, Equatable {
    /// The To field as typed: "carol@acme.example, Dan <dan@acme.example>".
    public var to: String
    public var cc: String
    public var bcc: String
    /// The size of every attachment together.
    public var attachmentBytes: Int
    /// Queue it at once instead of keeping a draft.
    public var queue: Bool
    /// Send no earlier than this (implies `queue`).
    public var sendAt: Date?

    public init(to: String, cc: String = "", bcc: String = "", attachmentBytes: Int = 0, queue: Bool = false,
                sendAt: Date? = nil) {
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.attachmentBytes = attachmentBytes
        self.queue = queue
        self.sendAt = sendAt
    }

    /// A composition of addresses already read.
    public init(to: [EmailAddress], cc: [EmailAddress], bcc: [EmailAddress], attachmentBytes: Int = 0,
                queue: Bool = false, sendAt: Date? = nil) {
        let text = { (list: [EmailAddress]) in list.map(\.value).joined(separator: ", ") }
        self.init(to: text(to), cc: text(cc), bcc: text(bcc), attachmentBytes: attachmentBytes, queue: queue,
                  sendAt: sendAt)
    }

    /// A send time this far in the past still counts as now (the time it took to type it, a clock a little off).
    public static let sendTimeGrace: TimeInterval = 60

    /// Whether it goes into the queue rather than drafts.
    public var queues: Bool { queue || sendAt != nil }

    /// The field as typed.
    public func text(_ field: RecipientField) -> String {
        switch field {
        case .to: return to
        case .cc: return cc
        case .bcc: return bcc
        }
    }

    /// The addresses of a field, each once; empty when something in it is not an address (see `problems`).
    public func addresses(_ field: RecipientField) -> [EmailAddress] {
        namedAddresses(field).map(\.address)
    }

    /// The addresses of a field with the display names typed with them; empty like `addresses`.
    public func namedAddresses(_ field: RecipientField) -> [NamedAddress] {
        (try? EmailAddress.parseNamedList(text(field)).get()) ?? []
    }

    /// The display names typed in To, Cc and Bcc, by address.
    public var displayNames: [EmailAddress: String] {
        NamedAddress.names(RecipientField.allCases.flatMap(namedAddresses))
    }

    /// Everything that stops it being saved (or queued, when it is to be), most urgent first.
    public func problems(now: Date) -> [CompositionProblem] {
        var problems: [CompositionProblem] = []
        var recipients = 0
        for field in RecipientField.allCases {
            switch EmailAddress.parseList(text(field)) {
            case .success(let addresses): recipients += addresses.count
            case .failure(let error): problems.append(.notAnAddress(error.piece, field: field))
            }
        }
        if recipients > OutgoingEmail.maximumRecipients { problems.append(.tooManyRecipients(recipients)) }
        if attachmentBytes > AttachmentInfo.maximumTotalBytes { problems.append(.tooLarge(bytes: attachmentBytes)) }
        if queues && recipients == 0 && !problems.contains(where: \.isUnreadableAddress) {
            problems.append(.noRecipients)
        }
        if let sendAt, sendAt < now.addingTimeInterval(-Self.sendTimeGrace) { problems.append(.sendTimeInPast(sendAt)) }
        return problems
    }
}

/// The recipient fields of an email.
public enum RecipientField: String, Sendable, CaseIterable, Hashable {
    case to = "To", cc = "Cc", bcc = "Bcc"
}
