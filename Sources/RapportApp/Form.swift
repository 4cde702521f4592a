import CRMCore
import Foundation

/// A question in steps on the prompt line (a contact's fields, a call's details): one field at a
/// time, Enter checks it and goes on, Esc cancels the whole form. Pure: the reducer reads it.
public struct Form: Equatable, Sendable {
    /// What the answers make.
    public enum Kind: Equatable, Sendable {
        /// A new contact (`id` nil) or a change to one.
        case contact(id: Int64?)
        /// A new note, call or meeting on a contact's timeline (`id` nil), or a change to one.
        case activity(contactID: Int64, type: ActivityType, id: Int64?)
    }

    /// One question of the form and its answer so far.
    public struct Field: Equatable, Sendable {
        let label: String
        let placeholder: String
        var value: String
        /// The value the form opened with.
        let initial: String

        init(label: String, placeholder: String, value: String) {
            self.label = label
            self.placeholder = placeholder
            self.value = value
            initial = value
        }
    }

    public let kind: Kind
    var fields: [Field]
    var step = 0

    var current: Field { fields[step] }
    var isLastStep: Bool { step == fields.count - 1 }

    /// "New contact", "Edit call".
    var title: String {
        switch kind {
        case .contact(let id): return id == nil ? "New contact" : "Edit contact"
        case .activity(_, let type, let id): return (id == nil ? "New " : "Edit ") + type.rawValue
        }
    }

    /// The form for a new contact (owned by `owner`), or for changing `contact`.
    static func contact(_ contact: Contact?, owner: String) -> Form {
        Form(kind: .contact(id: contact?.id), fields: [
            Field(label: "Name", placeholder: "first and last name", value: contact?.name ?? ""),
            Field(label: "Addresses", placeholder: "ann@acme.com, ann.lee@gmail.com",
                  value: contact?.emails.map(\.value).joined(separator: ", ") ?? ""),
            Field(label: "Company", placeholder: "blank for none", value: contact?.companyName ?? ""),
            Field(label: "Phone", placeholder: "blank for none", value: contact?.phone ?? ""),
            Field(label: "Owner", placeholder: "a teammate's login, blank for nobody",
                  value: contact == nil ? owner : contact?.ownerLogin ?? ""),
        ])
    }

    /// The form for a new note, call or meeting (starting with `summary`), or for changing `activity`;
    /// calls and meetings also ask when, how long and how it ended.
    static func activity(contactID: Int64, type: ActivityType, editing activity: Activity?, summary: String = "",
                         zone: TimeZone) -> Form {
        var fields = [Field(label: "Summary", placeholder: "what happened, in a line", value: activity?.summary ?? summary)]
        if type.hasDetails {
            fields += [
                Field(label: "When", placeholder: "now, 14:30, yesterday 9:00, 2h ago, 2026-12-01 14:00",
                      value: activity.map { ActivityTime.text($0.occurredAt, zone: zone) } ?? "now"),
                Field(label: "Duration", placeholder: "30m, 1h, 1h30; blank if not known",
                      value: activity?.durationMinutes.map(ActivityDuration.text) ?? ""),
                Field(label: "Outcome", placeholder: "booked a demo, voicemail, no answer; blank for none",
                      value: activity?.outcome ?? ""),
            ]
        }
        return Form(kind: .activity(contactID: contactID, type: type, id: activity?.id), fields: fields)
    }

    /// The answer to the field `label`, trimmed.
    func answer(_ label: String) -> String {
        (fields.first { $0.label == label }?.value ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// What is wrong with the current answer, said as what to fix; nil when it will do.
    func problem(now: Date, calendar: Calendar) -> String? {
        let text = current.value.trimmingCharacters(in: .whitespaces)
        switch (kind, current.label) {
        case (.contact, "Name") where text.isEmpty:
            return "A contact needs a name: type one (Esc cancels)."
        case (.contact, "Addresses"):
            let words = Self.addressWords(text)
            if words.isEmpty { return "A contact needs an address, such as ann@acme.com: type one (Esc cancels)." }
            if let bad = words.first(where: { EmailAddress($0) == nil }) {
                return "“\(bad.prefix(40))” is not an email address: fix it or take it out."
            }
            return nil
        case (.activity(_, let type, _), "Summary") where text.isEmpty:
            return "The \(type.rawValue) needs a line of text: say what happened (Esc cancels)."
        case (.activity, "When") where ActivityTime.parse(text, now: now, calendar: calendar) == nil:
            return "Could not read “\(text.prefix(30))” as a time: try now, 14:30, yesterday 9:00 or 2026-12-01 14:00."
        case (.activity, "When") where ActivityTime.parse(text, now: now, calendar: calendar)! > now.addingTimeInterval(60):
            return "That time is still to come: log a call or meeting once it has happened."
        case (.activity, "Duration") where !text.isEmpty && ActivityDuration.minutes(text) == nil:
            return "Could not read “\(text.prefix(20))” as a length: try 30m, 1h or 1h30 (at most 24h), or leave it blank."
        default:
            return nil
        }
    }

    /// What the finished form asks for.
    func effect(now: Date, calendar: Calendar) -> Effect {
        switch kind {
        case .contact(let id):
            let draft = ContactDraft(name: answer("Name"), emails: Self.addressWords(answer("Addresses")).compactMap(EmailAddress.init),
                                     company: answer("Company"), phone: answer("Phone"), owner: answer("Owner"))
            return .saveContact(id: id, draft)
        case .activity(let contactID, let type, let id):
            let duration = answer("Duration")
            var draft = ActivityDraft(id: id, contactID: contactID, type: type, summary: answer("Summary"))
            if type.hasDetails {
                // A time left as it was shown keeps its seconds.
                let when = fields.first { $0.label == "When" }
                draft.at = id != nil && when?.value == when?.initial ? nil
                    : ActivityTime.parse(answer("When"), now: now, calendar: calendar)
                // Blank clears a duration when editing; a new entry simply has none.
                draft.durationMinutes = duration.isEmpty ? (id == nil ? nil : 0) : ActivityDuration.minutes(duration)
                draft.outcome = answer("Outcome")
            }
            return .saveActivity(draft)
        }
    }

    /// The addresses typed, split at commas, semicolons and spaces.
    static func addressWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
    }
}

/// A contact as the form left it: every field as typed (blank company, phone or owner: none).
public struct ContactDraft: Equatable, Sendable {
    public var name: String
    public var emails: [EmailAddress]
    public var company: String
    public var phone: String
    public var owner: String
}

/// A note, call or meeting as the form left it.
public struct ActivityDraft: Equatable, Sendable {
    /// The entry being changed; nil for a new one.
    public var id: Int64?
    public var contactID: Int64
    public var type: ActivityType
    public var summary: String
    /// When it happened (calls and meetings); nil: now, or as it was.
    public var at: Date?
    /// Minutes; 0 clears what was there.
    public var durationMinutes: Int?
    /// How it ended; empty clears it.
    public var outcome: String?
}
