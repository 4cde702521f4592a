import Foundation
import RapportTestSupport
import Testing

/// Probes 3 and 4: a member who writes the shared database cannot make a teammate's sync send
/// anything the teammate did not queue, nor gain anything by making themselves an administrator.
extension CLISecurityProbeTests {
    /// Probe 4. With sqlite3, as the OS lets them, the member redirects the lead's queued email, queues
    /// the lead's draft, inserts a queued row of their own in the lead's mailbox, moves an email they
    /// sealed themselves into it, and sets the lead's sent email back to queued with the seal it had
    /// (read while it waited). The lead's sync sends none of it (Gmail's log shows no send) and fails
    /// each forged row saying why; the replayed one too, since sending recorded Gmail's thread on it,
    /// which its seal covers (a reply into a known thread would instead be found in Sent, as sent).
    @Test func mailATeammateQueuesOrChangesWithSqlite3IsNeverSent() throws {
        let setup = try SignedInTeam()
        let team = setup.team
        let lead = SignedInTeam.leadAccount
        let simulator = setup.gmail.simulator
        let sent = try setup.compose(setup.lead, subject: "Sent", ["--queue"])
        let seal = try team.sqlite(setup.member, "SELECT hex(seal) FROM outgoing_emails WHERE id = \(sent)")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(seal.count == 64, "the member reads the seal while the email waits to be sent")
        #expect(try setup.sync(setup.lead).status == 0)
        #expect(simulator.sentMessages(for: lead).count == 1)
        let redirected = try setup.compose(setup.lead, subject: "Renewal", ["--queue"])
        let draft = try setup.compose(setup.lead, subject: "Draft")
        let moved = try setup.compose(setup.member, subject: "Moved", ["--queue"])

        let mailbox = "(SELECT id FROM mailboxes WHERE email = '\(lead)')"
        let author = "(SELECT id FROM users WHERE login = '\(setup.lead.login)')"
        let forged = try team.sqlite(setup.member, """
            UPDATE outgoing_emails SET to_addrs = '["eve@rival.example"]' WHERE id = \(redirected);
            UPDATE outgoing_emails SET status = 'queued' WHERE id = \(draft);
            UPDATE outgoing_emails SET mailbox_id = \(mailbox), author_id = \(author) WHERE id = \(moved);
            UPDATE outgoing_emails SET status = 'queued', seal = X'\(seal)' WHERE id = \(sent);
            INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, to_addrs, subject, body_text, status, message_id,
                created_at, updated_at)
            SELECT team_id, \(mailbox), id, '["carol@client.example"]', 'Contract', 'We are cancelling the contract.',
                'queued', 'rapport.forged@sales.example', 0, 0 FROM users WHERE login = '\(setup.lead.login)';
            SELECT id FROM outgoing_emails WHERE message_id = 'rapport.forged@sales.example';
            """)
        #expect(forged.status == 0, "the OS lets a member write the outbox: \(forged)")
        let inserted = forged.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let synced = try setup.sync(setup.lead)
        #expect(synced.status == 0, "\(synced)")
        #expect(simulator.sentMessages(for: lead).count == 1, "nothing more reached Gmail")
        #expect(synced.errorLines.filter { $0.hasPrefix("Sent") }.isEmpty, "\(synced)")
        let changed = "it was not sealed by its author's key (it was changed or queued outside Rapport)"
        let unsealed = "it carries no seal from its author's key"
        for (id, why) in [(redirected, changed), (draft, unsealed), (moved, changed), (inserted, unsealed), (sent, changed)] {
            #expect(synced.stderr.contains("rapport: \(lead): outgoing email \(id) was not sent: \(why)"), "\(id): \(synced)")
            let shown = try team.rapport(setup.lead, ["outbox", "show", id])
            #expect(shown.stdout.contains("Outgoing email \(id) — failed") && shown.stdout.contains("Error:    \(why)"),
                    "\(id): \(shown)")
        }
        #expect(!synced.stderr.contains("eve@rival.example") && !synced.stderr.contains("Contract"))
    }

    /// Probe 3. A member sets `is_admin` on themselves with sqlite3. In a shared home that flag lives in
    /// a database every member can write, so it is not the wall (decision 83): what they could not do
    /// before they still cannot. No second team is made in the home; acting as the lead they queue
    /// mail their own key sealed, which the lead's sync refuses; the lead's sign-in and key stay the lead's.
    @Test func aMemberWhoMakesThemselvesAdministratorGainsNothing() throws {
        let setup = try SignedInTeam()
        let team = setup.team
        let lead = setup.lead.login
        let account = SignedInTeam.leadAccount
        let made = try team.sqlite(setup.member, "UPDATE users SET is_admin = 1 WHERE login = '\(setup.member.login)'")
        #expect(made.status == 0, "\(made)")

        let second = try team.rapport(setup.member, ["team", "add", "Rivals"])
        second.expectOneLine(["this home serves team “Sales”; a second team needs its own home"])

        let queued = try setup.compose(setup.member, subject: "Forged", ["--as", lead, "--queue"])
        let quiet = setup.gmail.simulator.requestLog.count
        let theirSync = try team.rapport(setup.member, ["sync", "--once", "--as", lead])
        #expect(theirSync.status == 1 && theirSync.stderr.contains("rapport account add \(account)"), "\(theirSync)")
        #expect(setup.gmail.simulator.requestLog.count == quiet, "the member has no sign-in of the lead's to use")

        let synced = try setup.sync(setup.lead)
        #expect(synced.status == 0, "\(synced)")
        #expect(setup.gmail.simulator.sentMessages(for: account).isEmpty, "nothing reached Gmail")
        #expect(synced.stderr.contains("outgoing email \(queued) was not sent: it was not sealed by its author's key"),
                "\(synced)")

        for file in ["\(account).json", "sealing.key"] {
            let path = setup.credential(file, of: setup.lead).path
            #expect(FileManager.default.fileExists(atPath: path), "\(file) is there to be read")
            let read = try setup.member.run("/bin/cat", [path])
            #expect(read.status != 0 && read.stderr.contains("Permission denied"), "\(file): \(read)")
        }
    }
}
