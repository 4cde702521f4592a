import Foundation
import Testing

/// Through the real binary: what a teammate changes or adds with sqlite3 in someone's outbox is not
/// sent by that person's `rapport sync`, which says why; and only an email's author can queue it.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct CLISealedSendTests {
    @Test func mailChangedOrQueuedWithSqlite3IsFailedAndNothingReachesGmail() throws {
        let setup = try CLISyncTests.SyncHome(messages: 0, latency: 0)
        let home = setup.home
        let edited = try home.ok(["compose", "--to", "carol@client.example", "--subject", "Renewal", "--body", "Terms.",
                                  "--queue"], as: "ann").trimmingCharacters(in: .whitespacesAndNewlines)
        // A teammate with write access to the database redirects Ann's queued email…
        _ = try home.sqlite("UPDATE outgoing_emails SET to_addrs = '[\"eve@rival.example\"]' WHERE id = \(edited)")
        // …and queues one of their own in her mailbox.
        _ = try home.sqlite("""
            INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, to_addrs, subject, body_text, status, message_id,
                created_at, updated_at)
            SELECT u.team_id, m.id, u.id, '["carol@client.example"]', 'Contract', 'We are cancelling the contract.',
                'queued', 'rapport.forged@alpha.example', 0, 0
            FROM users u JOIN mailboxes m ON m.user_id = u.id WHERE u.login = 'ann'
            """)
        let inserted = try home.sqlite("SELECT id FROM outgoing_emails WHERE message_id = 'rapport.forged@alpha.example'")

        let result = try setup.sync()
        #expect(result.status == 0, "\(result)")
        #expect(setup.simulator.sentMessages(for: CLISyncTests.SyncHome.account).isEmpty, "nothing reached Gmail")
        #expect(!setup.simulator.requestLog.contains { $0.method == .messagesSend })
        for (id, why) in [(edited, "it was not sealed by its author's key (it was changed or queued outside Rapport)"),
                          (inserted, "it carries no seal from its author's key")] {
            #expect(result.stderr.contains("Outgoing email \(id) failed; see rapport outbox show \(id)."), "\(result)")
            #expect(result.stderr.contains("rapport: ann@alpha.example: outgoing email \(id) was not sent: \(why)"),
                    "\(result)")
            let shown = try home.ok(["outbox", "show", id], as: "ann")
            #expect(shown.contains("Outgoing email \(id) — failed"), "\(shown)")
            #expect(shown.contains("Error:    \(why)"), "\(shown)")
            #expect(shown.contains("open it, check it and queue it again"), "\(shown)")
        }
        #expect(!result.stderr.contains("eve@rival.example") && !result.stderr.contains("Contract"),
                "the messages name no address or subject")

        // Failed mail is hers to look at and throw away.
        try home.ok(["outbox", "delete", edited], as: "ann")
        try home.ok(["outbox", "delete", inserted], as: "ann")
    }

    @Test func onlyTheAuthorQueuesAndTheKeyStaysInTheirFolder() throws {
        let home = try CLIHome.withTwoTeams()
        let draft = try home.ok(["compose", "--to", "carol@client.example", "--subject", "Draft", "--body", "b"],
                                as: "ann").trimmingCharacters(in: .whitespacesAndNewlines)
        let key = home.credentials.appendingPathComponent("sealing.key")
        #expect(!FileManager.default.fileExists(atPath: key.path), "a draft needs no key")
        let admin = try home.run(["outbox", "queue", draft], as: "ada")
        #expect(admin.status == 1)
        #expect(admin.stderr == "rapport: cannot queue outgoing email \(draft): it is ann's, and only its author can "
                + "send it (it is sealed with their own key)\n", "\(admin)")
        try home.ok(["outbox", "queue", draft], as: "ann")
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        #expect(try home.sqlite("SELECT length(seal) FROM outgoing_emails WHERE id = \(draft)") == "32")
        // The admin may still pull it back.
        try home.ok(["outbox", "cancel", draft], as: "ada")
        #expect(try home.sqlite("SELECT seal IS NULL FROM outgoing_emails WHERE id = \(draft)") == "1")
    }
}
