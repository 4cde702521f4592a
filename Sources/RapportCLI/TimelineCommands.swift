import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// `timeline` and `activity add|edit|delete`: what happened with a contact.
enum TimelineCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["timeline"], arguments: "CONTACT_ID|EMAIL", positionals: 1...1,
                    summary: "every email, call, meeting and note with a contact, newest first",
                    options: [
                        .number("--limit", "N", .timelineLimit, "how many at most"),
                        .value("--before", "CURSOR", "entries older than this one (the last id of a page)"),
                        .json,
                    ], run: timeline),
        CommandSpec(["activity", "add"], summary: "record a note, call or meeting on a contact's timeline",
                    options: [
                        .value("--contact", "ID", "the contact's id or address", required: true),
                        .value("--type", "note|call|meeting", "what kind", required: true),
                        .value("--summary", "TEXT", "what was said or agreed", required: true),
                        .value("--subject", "S", "a short title"),
                        .value("--at", "ISO8601", "when it happened (default now)"),
                        .value("--duration", "D", "how long a call or meeting took: 30m, 1h, 1h30"),
                        .value("--outcome", "TEXT", "how a call or meeting ended, e.g. booked a demo"),
                        .json,
                    ], run: add),
        CommandSpec(["activity", "edit"], arguments: "ID", positionals: 1...1, summary: "change a note, call or meeting",
                    options: [
                        .value("--type", "note|call|meeting", "what kind"),
                        .value("--summary", "TEXT", "what was said or agreed"),
                        .value("--subject", "S", "a short title"),
                        .value("--at", "ISO8601", "when it happened"),
                        .value("--duration", "D", "how long a call or meeting took: 30m, 1h, 1h30 (0 clears it)"),
                        .value("--outcome", "TEXT", "how a call or meeting ended (empty clears it)"),
                        .json,
                    ], run: edit),
        CommandSpec(["activity", "delete"], arguments: "ID", positionals: 1...1,
                    summary: "take an entry off the timeline (an email itself stays on record)", run: delete),
    ]

    static func timeline(_ run: Invocation) throws {
        let limit = run.arguments.whole("--limit") ?? NumberSetting.timelineLimit.wholeDefault
        var before: Int64?
        if let text = run.arguments.value("--before") {
            guard let id = Int64(text), id > 0 else {
                throw UsageError("--before wants the id of the last entry you saw, not “\(text)”", command: "timeline")
            }
            before = id
        }
        let user = try run.actingUser()
        let store = try run.store()
        let contact = try resolveContact(run.arguments.positionals[0], user: user, store: store)
        let entries = try store.timeline(contact: contact.id, in: user.scope, limit: limit, before: before)
        if run.wantsJSON {
            run.printJSON(.array(entries.map(ContractJSON.activity)))
            return
        }
        var header = "\(run.safe(contact.name)) <\(contact.emails.map(\.value).joined(separator: ", "))>"
        if let company = contact.companyName { header += " · " + run.safe(company) }
        run.print(header)
        if entries.isEmpty {
            run.print(before == nil ? "Nothing on the timeline yet. Record a call or note with rapport activity add."
                                    : "No older entries.")
            return
        }
        run.print(Format.table(["ID", "WHEN", "WHAT", "WHO", "SUBJECT / SUMMARY"], entries.map { entry in
            [String(entry.id), Format.date(entry.occurredAt), describe(entry), entry.userLogin ?? "—",
             [entry.subject, entry.summary].compactMap { $0.map(run.safe) }.filter { !$0.isEmpty }
                .joined(separator: " — ") + details(entry, run)]
        }, maxWidths: [10, 16, 12, 12]))
        if entries.count == limit, let last = entries.last {
            run.print("More: rapport timeline \(contact.id) --before \(last.id)")
        }
    }

    static func add(_ run: Invocation) throws {
        let args = run.arguments
        let type = try activityType(args.value("--type")!)
        let at = try args.date("--at")
        let minutes = try duration(args, command: "activity add", clearable: false)
        let user = try run.actingUser()
        let store = try run.store()
        let contact = try resolveContact(args.value("--contact")!, user: user, store: store)
        let activity = try store.addActivity(contact: contact.id, type: type, summary: args.value("--summary")!,
                                             subject: args.value("--subject"), at: at, durationMinutes: minutes,
                                             outcome: args.value("--outcome"), by: user)
        if run.wantsJSON {
            run.printJSON(ContractJSON.activity(activity))
        } else {
            run.print("Added \(type.rawValue) \(activity.id) to \(run.safe(contact.name))'s timeline.")
        }
    }

    static func edit(_ run: Invocation) throws {
        let args = run.arguments
        let id = try args.id(at: 0, of: "an activity")
        let edit = Store.ActivityEdit(type: try args.value("--type").map(activityType), summary: args.value("--summary"),
                                      subject: args.value("--subject"), occurredAt: try args.date("--at"),
                                      durationMinutes: try duration(args, command: "activity edit", clearable: true),
                                      outcome: args.value("--outcome"))
        guard !edit.isEmpty else {
            throw UsageError("say what to change: --type, --summary, --subject, --at, --duration or --outcome",
                             command: "activity edit")
        }
        let user = try run.actingUser()
        let activity = try run.store().editActivity(id: id, edit, by: user)
        if run.wantsJSON {
            run.printJSON(ContractJSON.activity(activity))
        } else {
            run.print("Updated \(activity.type.rawValue) \(id).")
        }
    }

    static func delete(_ run: Invocation) throws {
        let id = try run.arguments.id(at: 0, of: "an activity")
        let user = try run.actingUser()
        let store = try run.store()
        let wasEmail = try store.activity(id: id, in: user.scope)?.source != .manual
        try store.deleteActivity(id: id, by: user)
        run.print(wasEmail ? "Took activity \(id) off the timeline; the email itself is kept."
                           : "Deleted activity \(id).")
    }

    // MARK: helpers

    /// A contact by id or by one of its addresses, in the user's scope.
    static func resolveContact(_ text: String, user: User, store: Store) throws -> Contact {
        if let id = Int64(text) {
            guard id > 0, let contact = try store.contact(id: id, in: user.scope) else {
                throw CRMError("there is no contact \(text) in your team; see rapport contact list")
            }
            return contact
        }
        guard let address = EmailAddress(text) else {
            throw UsageError("“\(text)” is neither a contact id nor an email address")
        }
        guard let contact = try store.contact(email: address, in: user.scope) else {
            throw CRMError("no contact in your team has that address; see rapport contact list --query")
        }
        return contact
    }

    /// `--duration` in minutes ("0" clears it when `clearable`).
    private static func duration(_ args: ParsedArguments, command: String, clearable: Bool) throws -> Int? {
        guard let text = args.value("--duration") else { return nil }
        if clearable, text.trimmingCharacters(in: .whitespaces) == "0" { return 0 }
        guard let minutes = ActivityDuration.minutes(text) else {
            throw UsageError("--duration wants a length such as 30m, 1h or 1h30 (at most 24h), not “\(text)”",
                             command: command)
        }
        return minutes
    }

    private static func activityType(_ text: String) throws -> ActivityType {
        guard let type = ActivityType(rawValue: text.lowercased()), ActivityType.manual.contains(type) else {
            throw UsageError("--type is one of note, call, meeting; not “\(text)”")
        }
        return type
    }

    /// " (45m, booked a demo)" for a call or meeting with a length or outcome; "" otherwise.
    private static func details(_ activity: Activity, _ run: Invocation) -> String {
        let parts = [activity.durationMinutes.map(ActivityDuration.text), activity.outcome.map(run.safe)].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    private static func describe(_ activity: Activity) -> String {
        switch activity.direction {
        case .incoming?: return "← \(activity.type.rawValue)"
        case .outgoing?: return "→ \(activity.type.rawValue)"
        case nil: return "· \(activity.type.rawValue)"
        }
    }
}
