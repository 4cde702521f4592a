import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct MigrationTests {
    /// Rows a database at each step could hold, written with that step's own tables.
    private func seed(_ db: Connection, upTo step: Int) throws {
        if step >= 1 {
            try db.execute("INSERT INTO teams (id, name, created_at) VALUES (1, 'Alpha', 0)")
            try db.execute("INSERT INTO users (id, login, name, team_id, created_at) VALUES (1, 'ann', 'Ann', 1, 0)")
            try db.execute("""
                INSERT INTO mailboxes (id, user_id, email, api_base, created_at)
                VALUES (1, 1, 'ann@alpha.example', 'http://127.0.0.1:9/', 0)
                """)
        }
        if step >= 2 {
            try db.execute("INSERT INTO companies (id, team_id, name, created_at) VALUES (1, 1, 'Zephyr Corp', 0)")
            try db.execute("""
                INSERT INTO contacts (id, team_id, name, company_id, created_at, updated_at)
                VALUES (1, 1, 'Quentin Marlowe', 1, 0, 0)
                """)
            try db.execute("""
                INSERT INTO contact_emails (team_id, address, contact_id, position) VALUES (1, 'quentin@zephyr.example', 1, 0)
                """)
        }
        if step >= 3 {
            try db.execute("""
                INSERT INTO outgoing_emails (id, team_id, mailbox_id, author_id, to_addrs, subject, body_text,
                    created_at, updated_at)
                VALUES (1, 1, 1, 1, '["quentin@zephyr.example"]', 'Xylophone proposal', 'body', 0, 0)
                """)
            try db.execute("""
                INSERT INTO incoming_emails (id, mailbox_id, team_id, gmail_id, subject, internal_date, direction,
                    created_at)
                VALUES (1, 1, 1, 'g1', 'Walrus question', 0, 'in', 0)
                """)
            // Queued by a person at 500, so the undo window has a start once the sync step adds queued_at.
            try db.execute("""
                INSERT INTO outgoing_emails (id, team_id, mailbox_id, author_id, to_addrs, subject, status,
                    created_at, updated_at)
                VALUES (2, 1, 1, 1, '["quentin@zephyr.example"]', 'Yak update', 'queued', 0, 500)
                """)
            try db.execute("""
                INSERT INTO outgoing_email_status_history (outgoing_email_id, from_status, to_status, at, user_id, login)
                VALUES (2, NULL, 'draft', 0, 1, 'ann'), (2, 'draft', 'queued', 500, 1, 'ann')
                """)
        }
        if step >= 4 {
            try db.execute("""
                INSERT INTO activities (id, team_id, contact_id, user_id, type, occurred_at, summary, source_type,
                    created_at, updated_at)
                VALUES (1, 1, 1, 1, 'note', 0, 'Kumquat allergy noted', 'manual', 0, 0)
                """)
        }
        if step >= 6 {
            try db.execute("UPDATE outgoing_emails SET queued_at = 500 WHERE id = 2")
            try db.execute("""
                UPDATE incoming_emails SET references_ids = '["r1@zephyr.example"]', history_id = 4242 WHERE id = 1
                """)
            try db.execute("""
                INSERT INTO sync_state (mailbox_id, full_sync_cursor, page_token, listing_done, window_start)
                VALUES (1, 77, 'page-3', 0, 86400)
                """)
            try db.execute("""
                INSERT INTO sync_fetch_queue (mailbox_id, gmail_id, thread_id, purpose, attempts, not_before, seq)
                VALUES (1, 'g2', 't2', 'full', 1, 0, 1)
                """)
            try db.execute("INSERT INTO sync_leases (mailbox_id, holder, expires_at) VALUES (1, 'pid-9', 1000)")
        }
    }

    @Test(arguments: 0...Migrations.all.count)
    func migratesFromEveryEarlierStepKeepingEveryRow(step: Int) throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        do {
            let db = try Connection(path: path)
            try Migrator.migrate(db, upTo: step)
            #expect(try Migrator.applied(db) == Migrations.all.prefix(step).map(\.name))
            try seed(db, upTo: step)
        }
        let store = try Store(path: path)
        #expect(store.appliedMigrations == Migrations.all.dropFirst(step).map(\.name))
        #expect(try Migrator.applied(store.connection) == Migrations.all.map(\.name))
        #expect(try store.connection.first("PRAGMA integrity_check")?.string(0) == "ok")
        #expect(try store.connection.first("PRAGMA foreign_key_check") == nil)
        let scope = Scope.team(1)
        if step >= 1 { #expect(try store.user(login: "ann")?.name == "Ann") }
        if step >= 1, step <= Migrations.all.firstIndex(where: { $0.name == Migrations.forgetAPIBase.name })! {
            #expect(try store.count("SELECT count(*) FROM mailboxes WHERE api_base IS NOT NULL") == 0,
                    "an API address once recorded in the shared database is forgotten")
        }
        if step >= 2 {
            #expect(try store.contact(id: 1, in: scope)?.emails.map(\.value) == ["quentin@zephyr.example"])
            #expect(try store.search("marlowe", in: scope).map(\.kind) == [.contact])
            #expect(try store.search("zephyr", in: scope).contains { $0.kind == .contact })
            for text in ["MARLOWE", "zephyr corp", "quentin@"] {
                #expect(try store.contacts(in: scope, matching: text).map(\.id) == [1], "the contacts filter finds “\(text)”")
            }
        }
        if step >= 3 {
            // 012c_incoming_attachments: mail stored before it has attachments not known yet (nil), not none.
            let stored = try store.incomingAttachments(emailID: 1, in: scope)
            #expect(stored?.gmailID == "g1" && stored?.attachments == nil)
            #expect(try store.search("xylophone", in: scope).map(\.kind) == [.outgoingEmail])
            #expect(try store.search("walrus", in: scope).map(\.kind) == [.incomingEmail])
            // 013b_conversations: mail stored before it is summed up into conversations.
            #expect(try store.conversations(mailboxes: [1], folder: .allMail, in: scope, limit: 10).map(\.subject)
                        == ["Walrus question"])
        }
        if step >= 4 {
            #expect(try store.search("kumquat", in: scope).map(\.kind) == [.activity])
            #expect(try store.timeline(contact: 1, in: scope).map(\.summary) == ["Kumquat allergy noted"])
        }
        // 006_sync: every contact address is queued for a backfill of every mailbox of its team, and
        // queued mail has the time a person queued it.
        if step >= 2 {
            #expect(try store.pendingBackfillAddresses(mailbox: 1, limit: 10) == ["quentin@zephyr.example"])
        }
        if step >= 3 {
            #expect(try store.connection.first("SELECT queued_at FROM outgoing_emails WHERE id = 2")?.int(0) == 500)
            let undo = UndoWindow(seconds: 10)
            #expect(try store.dueOutgoing(mailbox: 1, now: Date(timeIntervalSince1970: 509), undoWindow: undo).isEmpty)
            #expect(try store.dueOutgoing(mailbox: 1, now: Date(timeIntervalSince1970: 510), undoWindow: undo) == [2])
        }
        if step >= 6 {
            #expect(try store.fullSyncProgress(mailbox: 1) == FullSyncProgress(
                cursor: 77, pageToken: "page-3", listingDone: false, windowStart: Date(timeIntervalSince1970: 86400)))
            #expect(try store.pendingFetches(mailbox: 1, limit: 10, now: Date()) == ["g2"])
            #expect(try store.leaseHolder(mailbox: 1)?.holder == "pid-9")
            #expect(try store.knownGmailIDs(mailbox: 1, among: ["g1", "g2"]) == ["g1"])
        }
        // Opening again applies nothing.
        #expect(try Store(path: path).appliedMigrations.isEmpty)
    }

    @Test func refusesADatabaseFromANewerRapport() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        let newer = Migrations.all + [Migration("999_from_the_future", "CREATE TABLE future (id INTEGER)")]
        try Migrator.migrate(try Connection(path: path), migrations: newer)
        do {
            _ = try Store(path: path)
            Issue.record("a newer schema must be refused")
        } catch let error as StoreError {
            #expect(error.kind == .schemaTooNew)
        }
    }

    @Test func aStepThatLeavesRowsPointingAtNothingIsUndoneAndTheStepsBeforeItStay() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        let db = try Connection(path: path)
        try Migrator.migrate(db, upTo: Migrations.all.count - 2)
        try seed(db, upTo: Migrations.all.count - 2)
        // With foreign keys off during a step, deleting a contact cascades nowhere.
        let broken = Migration("999_drops_a_contact", "DELETE FROM contacts WHERE id = 1")
        let error = #expect(throws: StoreError.self) { try Migrator.migrate(db, migrations: Migrations.all + [broken]) }
        #expect(error?.kind == .migrationFailed)
        #expect(error?.message.contains("999_drops_a_contact") == true)
        #expect(error?.message.contains("contact_emails at contacts") == true)
        #expect(error?.message.contains("stays at step \(Migrations.all.last!.name)") == true)
        // Each step has its own transaction: the two good ones before it are kept.
        #expect(try Migrator.applied(db) == Migrations.all.map(\.name))
        #expect(try db.first("SELECT count(*) FROM contacts WHERE id = 1")?.int(0) == 1)
        #expect(try db.first("PRAGMA foreign_key_check") == nil)
        #expect(try db.first("PRAGMA foreign_keys")?.int(0) == 1)
        let explanation = error?.explanation(database: path) ?? ""
        #expect(explanation.contains("could not be brought up to date") && explanation.contains("backup"))
    }

    /// SQLite's procedure for changing a table's shape: make the new table, copy, drop the old one,
    /// rename. With foreign keys on, dropping `teams` would fail (users and contacts point at it).
    @Test func aStepMayRebuildATableThatOthersPointAt() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        let db = try Connection(path: path)
        try Migrator.migrate(db)
        try seed(db, upTo: Migrations.all.count)
        let rebuild = Migration("999_teams_rebuilt", """
            CREATE TABLE new_teams (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                motto TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL
            );
            INSERT INTO new_teams (id, name, created_at) SELECT id, name, created_at FROM teams;
            DROP TABLE teams;
            ALTER TABLE new_teams RENAME TO teams;
            """)
        #expect(try Migrator.migrate(db, migrations: Migrations.all + [rebuild]) == [rebuild.name])
        #expect(try db.first("SELECT count(*) FROM teams WHERE motto = ''")?.int(0) == 1)
        #expect(try db.first("SELECT count(*) FROM users WHERE team_id = 1")?.int(0) == 1)
        #expect(try db.first("PRAGMA foreign_key_check") == nil)
        #expect(try db.first("PRAGMA foreign_keys")?.int(0) == 1)
        #expect(throws: StoreError.self) { try db.execute("DELETE FROM teams") }
    }

    @Test func stepNamesAreUniqueAndOrdered() {
        let names = Migrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names == names.sorted())
    }
}
