import Foundation

/// An email template: a `NAME.md` file whose first line may be `Subject: …`, the rest the body, with
/// merge fields such as `{{first_name}}`. Only text: a template never names recipients, senders or
/// files, and a line such as `To: …` in it is body text like any other.
public struct MailTemplate: Sendable, Hashable {
    public let name: String
    /// The subject from its first line, when it has one.
    public let subject: String?
    public let body: String

    /// Reads a template's text (line endings made "\n").
    public init(name: String, text: String) {
        self.name = name
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var subject: String?
        if let first = lines.first, first.lowercased().hasPrefix("subject:") {
            subject = first.dropFirst("subject:".count).trimmingCharacters(in: .whitespaces)
            lines.removeFirst()
            if lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
        }
        self.subject = subject
        body = lines.joined(separator: "\n")
    }

    /// Whether `name` may name a template: letters, digits, `-` and `_`, not empty, at most 64.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The fields a template may use.
    public enum Field: String, Sendable, CaseIterable, Hashable {
        case firstName = "first_name", lastName = "last_name", name, company, deal
        case senderFirstName = "sender_first_name"
    }

    /// Subject and body with every field filled from `values`.
    /// - Throws: `TemplateProblem` naming the first field used with no value (and whom it is for,
    ///   `recipient`), or a `{{…}}` that is not a field.
    public func filled(with values: [Field: String], recipient: String) throws(TemplateProblem) -> (subject: String?, body: String) {
        (try subject.map { text throws(TemplateProblem) in try fill(text, values, recipient: recipient) },
         try fill(body, values, recipient: recipient))
    }

    private func fill(_ text: String, _ values: [Field: String], recipient: String) throws(TemplateProblem) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let word = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let field = Field(rawValue: word) else {
                throw .unknownField(String(word.prefix(40)), template: name)
            }
            guard let value = values[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .missingValue(field, template: name, recipient: recipient)
            }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The fields worked out for a contact: first and last name split from the full name at its last
    /// space (a one-word name has no last name), the company, the deal, and the sender's first name.
    public static func values(contactName: String?, company: String?, deal: String?,
                              senderName: String?) -> [Field: String] {
        var values: [Field: String] = [:]
        if let name = contactName?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            values[.name] = name
            let words = name.split(separator: " ")
            values[.firstName] = words.first.map(String.init)
            if words.count > 1 { values[.lastName] = String(words.last!) }
        }
        values[.company] = company
        values[.deal] = deal
        values[.senderFirstName] = senderName?.split(separator: " ").first.map(String.init)
        return values
    }
}

/// Why a template could not be filled in.
public enum TemplateProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field the template uses has no value for this recipient ("contact 12 (Ann Lee)", or an address).
    case missingValue(MailTemplate.Field, template: String, recipient: String)
    /// `{{…}}` names no field.
    case unknownField(String, template: String)

    public var description: String {
        switch self {
        case .missingValue(let field, let template, let recipient):
            return "template \(template) needs {{\(field.rawValue)}}, which \(recipient) has no value for; "
                + "fill it in on the contact, or write that part by hand (nothing was queued)"
        case .unknownField(let word, let template):
            return "template \(template) uses {{\(word)}}, which is not a merge field; use "
                + MailTemplate.Field.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: " ")
        }
    }
}
