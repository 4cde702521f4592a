import Foundation
import MailFormat

/// The headers that mark a message as bulk or automatic mail (a newsletter, a list, an auto-reply, a
/// bounce), kept with the message so that the contact policy can be asked again later (`explain`).
public struct MailAutomation: Sendable, Hashable {
    /// Each mark as a short line: "List-Unsubscribe", "Precedence: bulk", "Auto-Submitted: auto-replied".
    public let marks: [String]

    public init(marks: [String] = []) {
        self.marks = marks
    }

    /// The marks a message's headers carry: a List-Unsubscribe header, Precedence bulk, list or junk,
    /// and Auto-Submitted other than "no" (RFC 3834).
    public init(headers: [HeaderField]) {
        var marks: [String] = []
        if headers.first("list-unsubscribe") != nil { marks.append("List-Unsubscribe") }
        if let precedence = headers.first("precedence").map({ Self.token($0.value) }),
           ["bulk", "list", "junk"].contains(precedence) {
            marks.append("Precedence: \(precedence)")
        }
        if let submitted = headers.first("auto-submitted").map({ Self.token($0.value) }), !submitted.isEmpty,
           submitted != "no" {
            marks.append("Auto-Submitted: \(submitted)")
        }
        self.marks = marks
    }

    /// Whether the message is bulk or automatic mail.
    public var isAutomated: Bool { !marks.isEmpty }

    /// The first word of a header's value, lower-cased, letters, digits and dashes only, at most 32.
    private static func token(_ bytes: [UInt8]) -> String {
        let value = String(decoding: bytes, as: UTF8.self)
        let word = value.trimmingCharacters(in: .whitespaces).prefix { $0 != ";" && $0 != " " && $0 != "(" }
        return String(word.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(32))
    }
}
