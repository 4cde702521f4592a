import Foundation

/// A Gmail message (schema `Message`); which fields are filled depends on the format asked for.
public struct GmailMessage: Sendable, Equatable, Decodable {
    public var id: String
    public var threadID: String
    /// The message's current labels, system (`INBOX`, `UNREAD`…) and user (`Label_3`) IDs.
    public var labelIDs: [String]
    /// A short preview, HTML-escaped exactly as Gmail sent it (`I&#39;m`); unescape before display.
    public var snippet: String
    /// The last history record that changed this message; 0 when absent.
    public var historyID: UInt64
    /// When Gmail accepted the message, in milliseconds since 1970; 0 when absent.
    public var internalDate: Int64
    public var sizeEstimate: Int
    /// The whole RFC 822 message (CRLF line ends), decoded from base64url; only with `format=raw`.
    public var raw: [UInt8]?
    /// The MIME tree; only with `format=full` and `format=metadata`.
    public var payload: GmailMessagePart?

    public init(id: String = "", threadID: String = "", labelIDs: [String] = [], snippet: String = "",
                historyID: UInt64 = 0, internalDate: Int64 = 0, sizeEstimate: Int = 0,
                raw: [UInt8]? = nil, payload: GmailMessagePart? = nil) {
        self.id = id
        self.threadID = threadID
        self.labelIDs = labelIDs
        self.snippet = snippet
        self.historyID = historyID
        self.internalDate = internalDate
        self.sizeEstimate = sizeEstimate
        self.raw = raw
        self.payload = payload
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        id = try json.string("id")
        threadID = try json.string("threadId")
        labelIDs = try json.strings("labelIds")
        snippet = try json.string("snippet")
        historyID = try json.uint64("historyId")
        internalDate = try json.int64("internalDate")
        sizeEstimate = try json.int("sizeEstimate")
        raw = try json.bytes("raw")
        payload = try json.object("payload", as: GmailMessagePart.self)
    }

    /// `internalDate` as a date.
    public var internalDateValue: Date {
        Date(timeIntervalSince1970: TimeInterval(internalDate) / 1000)
    }
}
