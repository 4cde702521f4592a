import CRMCore
import CRMStore
import Foundation

/// `rapport-bench mail` (issue 14): mail lists on a large store. The `ui` benchmark's store (N messages
/// in threads, recorded the way sync records them, so the conversation triggers run for every one),
/// then the first and the last page of each view through the store, and `rapport mail list` itself.
struct MailBenchmark {
    let builder: UIStoreBuilder
    let directory: String?
    let repeats: Int
    let clock = ContinuousClock()

    static let pageSize = 50
    static let launches = 5

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: UIStoreBuilder.flagNames.union(["--dir", "--repeats"]))
        builder = try UIStoreBuilder(flags: flags, seed: 14)
        directory = flags.text("--dir")
        repeats = try flags.count("--repeats", default: 200)
    }

    func run() throws {
        let bench = try BenchmarkFolder(directory, prefix: "rapport-mail")
        defer { bench.removeIfTemporary() }
        let folder = bench.url
        let path = bench.database
        print("rapport-bench mail: \(Figure.count(builder.messages)) messages, \(Figure.count(builder.contacts)) contacts, "
              + "pages of \(Self.pageSize), seed \(builder.seed)")
        print(bench.databaseLine)

        let store = try Store(path: path)
        print("loading…")
        let built = try builder.build(into: store)
        let counts = try store.connection.first("""
            SELECT (SELECT count(*) FROM incoming_emails), (SELECT count(*) FROM conversations),
                   (SELECT max(message_count) FROM conversations)
            """)
        print("loaded \(Figure.count(try counts?.int(0) ?? 0)) messages in \(Figure.count(try counts?.int(1) ?? 0)) "
              + "conversations (the longest has \(try counts?.int(2) ?? 0)) in \(Figure.decimal(built.loadTime.seconds, 1)) s "
              + "(\(Figure.decimal(Double(builder.messages) / built.loadTime.seconds, 0)) messages/s with the summaries kept); "
              + "\(built.user.login)'s mailbox holds \(Figure.count(built.mailboxMessages))\n")

        let own = try store.mailboxes(in: built.user.scope, owner: built.user.id).map(\.id)
        let team = try store.mailboxes(in: built.user.scope).map(\.id)
        var table = ReportTable("Mail list pages through the store (Store.conversations), \(repeats) runs each",
                                header: ["view", "conversations", "pages", "walk s", "first p50 ms", "first max ms",
                                         "last n", "last p50 ms", "last max ms"])
        for (name, mailboxes, folder) in [("Inbox, \(built.user.login)", own, MailFolder.inbox),
                                           ("All Mail, \(built.user.login)", own, .allMail),
                                           ("Sent, \(built.user.login)", own, .sent),
                                           ("All Mail, the team's \(team.count) mailboxes", team, .allMail)] {
            table.add(try measure(store, name: name, mailboxes: mailboxes, folder: folder, user: built.user))
        }
        print(table.rendered)
        print(try binaryReport(folder: folder, store: store, user: built.user, mailboxes: own))
        print(try migrationReport(path: path, store: store))
    }

    /// Takes step 013b_conversations back out of the database and opens it again, as a home made before
    /// it is opened by this Rapport: how long summing up every conversation takes, and whether the
    /// summaries it makes are those the triggers kept.
    private func migrationReport(path: String, store: Store) throws -> String {
        let digest = """
            SELECT count(*), sum(message_count), sum(unread_count), sum(last_at), sum(in_all_mail),
                   sum(length(subject)), (SELECT count(*) FROM conversation_labels),
                   (SELECT sum(last_at) FROM conversation_labels)
            FROM conversations
            """
        func figures(_ store: Store) throws -> [Int64] {
            guard let row = try store.connection.first(digest) else { return [] }
            return try (0..<8).map { try row.int64(.position($0)) }
        }
        let kept = try figures(store)
        try store.connection.write {
            try store.connection.executeScript("""
                DROP TRIGGER incoming_conversation_added; DROP TRIGGER incoming_conversation_removed;
                DROP TRIGGER incoming_conversation_changed; DROP TRIGGER incoming_conversation_left;
                DROP TABLE conversation_labels; DROP TABLE conversations; DROP TABLE mailbox_labels;
                DROP INDEX incoming_thread; ALTER TABLE mailboxes DROP COLUMN labels_listed_at;
                DELETE FROM schema_migrations WHERE name = '013b_conversations';
                """)
        }
        let start = clock.now
        let migrated = try Store(path: path)
        let took = clock.now - start
        guard migrated.appliedMigrations.first == "013b_conversations" else {
            throw CRMError("step 013b_conversations was not applied again (\(migrated.appliedMigrations))")
        }
        let same = try figures(migrated) == kept
        var table = ReportTable("Opening a home made before conversations (step 013b_conversations sums up every "
                                + "message)", header: ["measure", "value"])
        table.add("migration time (s)", Figure.decimal(took.seconds, 2))
        table.add("summaries equal those the triggers kept", same ? "yes" : "NO")
        return table.rendered
    }

    /// Every page of a view from the first: where each page starts (nil for the first) and the
    /// conversations seen, each once (one that comes twice stops the benchmark).
    private func walk(_ store: Store, name: String, mailboxes: [Int64], folder: MailFolder, user: User) throws
        -> (starts: [ConversationCursor?], conversations: Int) {
        var seen = Set<Int64>()
        var starts: [ConversationCursor?] = []
        var cursor: ConversationCursor?
        while true {
            let page = try store.conversations(mailboxes: mailboxes, folder: folder, in: user.scope, limit: Self.pageSize,
                                               before: cursor)
            guard let last = page.last else { break }
            for conversation in page where !seen.insert(conversation.id).inserted {
                throw CRMError("conversation \(conversation.id) came twice while paging \(name)")
            }
            starts.append(cursor)
            cursor = last.cursor
        }
        return (starts, seen.count)
    }

    /// Walks every page of a view, then times its first and its last page.
    private func measure(_ store: Store, name: String, mailboxes: [Int64], folder: MailFolder, user: User) throws
        -> [String] {
        let walkStart = clock.now
        let (starts, conversations) = try walk(store, name: name, mailboxes: mailboxes, folder: folder, user: user)
        let walked = clock.now - walkStart
        func time(_ cursor: ConversationCursor?) throws -> LatencyStats {
            var timings: [Double] = []
            for _ in 0..<repeats {
                let start = clock.now
                _ = try store.conversations(mailboxes: mailboxes, folder: folder, in: user.scope, limit: Self.pageSize,
                                            before: cursor)
                timings.append((clock.now - start).milliseconds)
            }
            return LatencyStats(milliseconds: timings)
        }
        let first = try time(nil)
        let last = try time(starts.last ?? nil)
        let lastSize = conversations - (starts.count - 1) * Self.pageSize
        return [name, Figure.count(conversations), Figure.count(starts.count), Figure.decimal(walked.seconds, 2),
                Figure.decimal(first.p50), Figure.decimal(first.max), Figure.count(lastSize), Figure.decimal(last.p50),
                Figure.decimal(last.max)]
    }

    /// `rapport mail list --json` as people run it (a process, its store opened), first and last page.
    private func binaryReport(folder: URL, store: Store, user: User, mailboxes: [Int64]) throws -> String {
        let binary = BenchmarkHome.rapportBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            return "(no rapport binary at \(binary): build it next to rapport-bench for the command's own figures)\n"
        }
        let starts = try walk(store, name: "Inbox", mailboxes: mailboxes, folder: .inbox, user: user).starts
        let environment = UIBenchmark.environment(home: folder, login: user.login)
        var table = ReportTable("rapport mail list --json (the real binary, median of \(Self.launches) runs)",
                                header: ["run", "wall ms", "peak RSS MB"])
        let page = ["mail", "list", "--json", "--limit", String(Self.pageSize)]
        for (name, arguments) in [("first page", page),
                                  ("last page", page + ((starts.last ?? nil).map { ["--before", $0.description] } ?? [])),
                                  ("rapport account list --json, for comparison", ["account", "list", "--json"])] {
            let runs = try (0..<Self.launches).map { _ in try ChildProcess.run(binary, arguments, environment: environment) }
            guard runs.allSatisfy({ $0.status == 0 }) else {
                throw CRMError("rapport \(arguments.joined(separator: " ")) failed (exit \(runs.map(\.status)))")
            }
            let wall = LatencyStats(milliseconds: runs.map { $0.seconds * 1_000 })
            table.add(name, Figure.decimal(wall.p50, 1), Figure.decimal(runs.map(\.peakMegabytes).max() ?? 0, 1))
        }
        return table.rendered
    }
}
