import CRMCore
import CRMStore
import Foundation

/// `followups` (and `done`, `snooze`) and `remind`: what to follow up, and reminders to.
enum FollowupCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["followups"], summary: "sent mail with no reply after N days, and reminders; due ones first",
                    options: [
                        .number("--days", "N", .followupDays, "days without a reply, else [followups] days"),
                        .json,
                    ], run: list),
        CommandSpec(["followups", "done"], arguments: "ID", positionals: 1...1,
                    summary: "mark a follow-up done (ID: email:N or N for a sent email, reminder:N)",
                    run: done),
        CommandSpec(["followups", "snooze"], arguments: "ID", positionals: 1...1,
                    summary: "put a follow-up off until a time (ID: email:N or N, reminder:N)",
                    options: [.value("--until", "WHEN", "3d, tomorrow, mon 9:00, 2026-12-01 or ISO 8601",
                                     required: true)],
                    run: snooze),
        CommandSpec(["remind"], arguments: "[CONTACT_ID]", positionals: 0...1,
                    summary: "set a reminder to follow up a contact, or a sent email (--email)",
                    options: [
                        .value("--at", "WHEN", "3d, tomorrow, mon 9:00, 2026-12-01 or ISO 8601", required: true),
                        .value("--note", "TEXT", "what to do then"),
                        .value("--email", "ID", "a sent email's id (rapport outbox); its contact by default"),
                        .json,
                    ], run: remind),
    ]

    static func list(_ run: Invocation) throws {
        // config.ini is read only when --days does not say.
        let days = try run.arguments.whole("--days") ?? run.config.whole(.followupDays)
        let user = try run.actingUser()
        let items = try run.store().followups(in: user.scope, days: days)
        if run.wantsJSON {
            run.printJSON(.array(items.map(ContractJSON.followup)))
            return
        }
        if items.isEmpty {
            run.print("Nothing to follow up: every email sent has a reply or is under \(days) days old, and no reminder is set.")
            return
        }
        let now = Date()
        run.print(Format.table(["ID", "DUE", "WHAT", "CONTACT", "TO", "SUBJECT / NOTE"], items.map { item in
            let what = item.kind == .reminder ? "reminder" : "no reply, \(item.daysWaiting)d"
            return [item.key.description, (item.isDue(at: now) ? "" : "later ") + Format.date(item.dueAt), what,
                    item.contactID.map(String.init) ?? "—", item.to.first.map { $0.value } ?? "—",
                    run.safe([item.subject, item.note].compactMap { $0 }.joined(separator: " — "))]
        }, maxWidths: [16, 22, 14, 10, 28, 40]))
    }

    static func done(_ run: Invocation) throws {
        let key = try followupKey(run)
        let user = try run.actingUser()
        guard try run.store().finishFollowup(key, by: user) else { throw noFollowup(key) }
        run.print("Done: \(key)" + (key.isReminder ? " (noted on the contact's timeline)" : ""))
    }

    static func snooze(_ run: Invocation) throws {
        let key = try followupKey(run)
        let until = try when(run, "--until")
        let user = try run.actingUser()
        guard try run.store().snoozeFollowup(key, until: until, by: user) else { throw noFollowup(key) }
        run.print("Snoozed \(key) until \(Format.date(until))")
    }

    static func remind(_ run: Invocation) throws {
        let args = run.arguments
        let contact = args.positionals.isEmpty ? nil : try args.id(at: 0, of: "a contact")
        var email: Int64?
        if let text = args.value("--email") {
            guard let id = Int64(text), id > 0 else {
                throw UsageError("--email wants a sent email's id (a positive number), not “\(text)”", command: "remind")
            }
            email = id
        }
        guard contact != nil || email != nil else {
            throw UsageError("rapport remind needs CONTACT_ID or --email ID", command: "remind")
        }
        let at = try when(run, "--at")
        let user = try run.actingUser()
        let reminder: Reminder
        do {
            reminder = try run.store().addReminder(contact: contact, email: email, at: at, note: args.value("--note"),
                                                   by: user)
        } catch Refusal.notFound(.contact, id: 0) where contact == nil {
            throw CRMError("sent email \(email ?? 0) is to nobody who is a contact of your team; "
                           + "give the contact too: rapport remind CONTACT_ID --email \(email ?? 0) --at …")
        }
        if run.wantsJSON {
            run.printJSON(.object([("id", .string(FollowupKey.reminder(reminder.id).description)),
                                   ("contact_id", .int(reminder.contactID)),
                                   ("outgoing_email_id", reminder.outgoingEmailID.map { .int($0) } ?? .null),
                                   ("due_at", ContractJSON.date(reminder.dueAt)),
                                   ("note", .string(reminder.note))]))
            return
        }
        run.print("Reminder \(FollowupKey.reminder(reminder.id)) on contact \(reminder.contactID) for \(Format.date(reminder.dueAt))")
    }

    // MARK: helpers

    private static func followupKey(_ run: Invocation) throws -> FollowupKey {
        let text = run.arguments.positionals[0]
        guard let key = FollowupKey(text) else {
            throw UsageError("“\(text)” is not a follow-up; use email:N (or N) for a sent email, reminder:N for a "
                             + "reminder, as rapport followups lists them", command: run.arguments.command)
        }
        return key
    }

    /// A time as people type it (`SendTime`), which must be ahead.
    private static func when(_ run: Invocation, _ option: String) throws -> Date {
        let text = run.arguments.value(option)!
        let now = Date()
        guard let date = SendTime.parse(text, now: now) else {
            throw UsageError("\(option) “\(text)” is not a time; use 3d, 2h, tomorrow, mon 9:00, 2026-12-01 14:00 "
                             + "or 2026-12-01T14:00:00Z", command: run.arguments.command)
        }
        guard date > now.addingTimeInterval(-60) else {
            throw UsageError("\(option) \(text) has passed; give a time ahead", command: run.arguments.command)
        }
        return date
    }

    private static func noFollowup(_ key: FollowupKey) -> CRMError {
        switch key {
        case .email(let id):
            return CRMError("there is no sent email \(id) in your team to follow up; see rapport followups")
        case .reminder(let id):
            return CRMError("there is no open reminder \(id) in your team; see rapport followups")
        }
    }
}

extension FollowupKey {
    var isReminder: Bool {
        if case .reminder = self { return true }
        return false
    }
}
