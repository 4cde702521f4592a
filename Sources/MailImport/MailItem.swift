import Foundation

/// One message waiting to be imported: where it is, how to read its bytes, and the labels its
/// folder and flags give it.
public struct MailItem: Sendable {
    /// A file path, or "mbox:offset", for messages to people.
    public let location: String
    public let labels: [String]
    public let read: @Sendable () throws -> [UInt8]
}

/// Labels for a folder name: INBOX for the top, SENT, TRASH and SPAM for their usual names.
enum FolderLabels {
    static func labels(forFolder name: String) -> [String] {
        let key = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "./ "))
        if key.isEmpty || key == "inbox" { return ["INBOX"] }
        if key.contains("sent") || key.contains("gesendet") || key.contains("envoy") { return ["SENT"] }
        if key.contains("trash") || key.contains("deleted") || key.contains("bin") { return ["TRASH"] }
        if key.contains("spam") || key.contains("junk") { return ["SPAM"] }
        if key.contains("draft") { return ["DRAFT"] }
        return [name.trimmingCharacters(in: CharacterSet(charactersIn: ". "))]
    }
}
