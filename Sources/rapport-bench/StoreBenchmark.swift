import CRMCore
import CRMStore
import DeterministicRandom
import Foundation

/// `rapport-bench store`: builds a large store through the store's ordinary write methods, in large
/// transactions, then times the read paths people wait on (a contact's timeline, search) and prints
/// the figures as tables.
struct StoreBenchmark {
    let options: BenchmarkOptions
    /// Only the search mix after loading (`rapport-bench search`), instead of every store read.
    var searchMixOnly = false
    let clock = ContinuousClock()

    static let teamName = "Northwind Sales"
    static let logins = [("maria", "Maria Keller"), ("devon", "Devon Price"), ("sam", "Sam Okafor")]

    /// What the load phase wrote and how long it took.
    struct LoadResult {
        let counts: RowCounts
        /// Time spent inside the store's write transactions.
        let storeTime: Duration
        /// Wall time of the whole phase, generating the text included.
        let wallTime: Duration
        let transactions: Int
        /// Time inside each kind of record's write, and how many of each.
        let perKind: [PendingRecord.Kind: (time: Duration, count: Int)]
        /// The store's id of each planned contact.
        let contactIDs: [Int64]
    }

    func run() throws {
        let start = clock.now
        let (folder, isTemporary) = try makeFolder()
        defer { if isTemporary { try? FileManager.default.removeItem(atPath: folder) } }
        let path = (folder as NSString).appendingPathComponent("rapport.db")
        print("rapport-bench store: \(Figure.count(options.contacts)) contacts, "
              + "\(Figure.count(options.activities)) timeline entries, seed \(options.seed)")
        print("database: \(path)\(isTemporary ? " (temporary, removed at exit)" : "")")
        let store = try Store(path: path)
        print("SQLite \(try store.connection.first("SELECT sqlite_version()")?.string(0) ?? "?")\n")
        let (users, mailboxes) = try Self.addTeam(to: store)
        var random = SeededRandom(seed: options.seed)
        let people = SyntheticPeople(contacts: options.contacts, companies: max(1, options.contacts / 25),
                                     teammates: users.count, random: &random)
        let plan = ActivityPlan(contacts: options.contacts, activities: options.activities, now: store.now(),
                                random: &random)
        print("planned the data in \(seconds(clock.now - start)); loading…")

        let load = try self.load(people: people, plan: plan, users: users, mailboxes: mailboxes, into: store,
                                 random: random)
        print(loadReport(load))
        try verify(store: store, load: load)
        if searchMixOnly {
            let mix = SearchMix(people: people, plan: plan, now: store.now())
            print(try measureSearchMix(store: try Store(path: path), scope: users[0].scope, mix: mix))
            print(try NotmuchComparison(messages: options.maildirMessages, seed: options.seed).run())
            return
        }
        print(try measureCeiling(of: path, counts: load.counts, ours: load.storeTime))

        // The reads go through a connection of their own, as the UI's would.
        let reader = try Store(path: path)
        let scope = users[0].scope
        let timeline = try measureTimeline(store: reader, scope: scope, plan: plan, contactIDs: load.contactIDs,
                                           random: &random)
        print(timeline)
        let workload = SearchWorkload(people: people, plan: plan, random: &random)
        print(try measureSearch(store: reader, scope: scope, workload: workload))

        var sizes = ReportTable("Files", header: ["file", "MB"])
        for (name, file) in [("rapport.db", path), ("rapport.db-wal", path + "-wal")] {
            sizes.add(name, Figure.decimal(megabytes(of: file), 1))
        }
        sizes.add("total wall time (s)", Figure.decimal((clock.now - start).seconds, 1))
        print(sizes.rendered)
    }

    // MARK: setup

    private func makeFolder() throws -> (String, Bool) {
        if let directory = options.directory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = (directory as NSString).appendingPathComponent("rapport.db")
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CRMError("\(path) already exists; the benchmark needs a fresh store, so give another --dir")
            }
            return (directory, false)
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rapport-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder, true)
    }

    /// A team of three (the first one is who the read paths run as), each with a mailbox.
    static func addTeam(to store: Store) throws -> ([User], [Mailbox]) {
        try store.addTeam(name: Self.teamName)
        var users: [User] = []
        var mailboxes: [Mailbox] = []
        for (index, (login, name)) in Self.logins.enumerated() {
            let user = try store.addUser(login: login, name: name, teamName: Self.teamName, isAdmin: index == 2)
            users.append(user)
            mailboxes.append(try store.addMailbox(email: EmailAddress("\(login)@\(RecordFactory.ownDomain)")!,
                                                  for: user))
        }
        return (users, mailboxes)
    }

    // MARK: load

    /// Rows in each table the load writes, read back from the store.
    struct RowCounts {
        var companies = 0
        var contacts = 0
        var contactEmails = 0
        var incomingEmails = 0
        var outgoingEmails = 0
        var outgoingStatusHistory = 0
        var activities = 0

        init(_ store: Store) throws {
            func count(_ table: String) throws -> Int {
                try store.connection.first("SELECT count(*) FROM \(table)")?.int(0) ?? 0
            }
            companies = try count("companies")
            contacts = try count("contacts")
            contactEmails = try count("contact_emails")
            incomingEmails = try count("incoming_emails")
            outgoingEmails = try count("outgoing_emails")
            outgoingStatusHistory = try count("outgoing_email_status_history")
            activities = try count("activities")
        }

        var total: Int {
            companies + contacts + contactEmails + incomingEmails + outgoingEmails + outgoingStatusHistory + activities
        }
    }

    private func load(people: SyntheticPeople, plan: ActivityPlan, users: [User], mailboxes: [Mailbox],
                      into store: Store, random: SeededRandom) throws -> LoadResult {
        let start = clock.now
        var storeTime = Duration.zero
        var transactions = 0
        func write<T>(_ body: () throws -> T) throws -> T {
            let began = clock.now
            let value = try store.connection.write(body)
            storeTime += clock.now - began
            transactions += 1
            return value
        }

        let companies = try write {
            try people.companies.map { try store.addCompany(name: $0.name, domain: $0.domain, by: users[0]).name }
        }
        var contactIDs: [Int64] = []
        contactIDs.reserveCapacity(people.people.count)
        for batch in stride(from: 0, to: people.people.count, by: 5_000) {
            contactIDs += try write {
                try people.people[batch..<min(batch + 5_000, people.people.count)].map { person in
                    try store.addContact(name: person.name, emails: person.emails,
                                         companyName: person.company.map { companies[$0] }, phone: person.phone,
                                         by: users[person.owner]).id
                }
            }
        }

        var factory = RecordFactory(people: people, contactIDs: contactIDs, users: users, mailboxes: mailboxes,
                                    random: random)
        var records: [PendingRecord] = []
        records.reserveCapacity(options.entriesPerTransaction)
        var perKind: [PendingRecord.Kind: (time: Duration, count: Int)] = [:]
        var lastReport = clock.now
        for batch in stride(from: 0, to: plan.entries.count, by: options.entriesPerTransaction) {
            records.removeAll(keepingCapacity: true)
            for entry in plan.entries[batch..<min(batch + options.entriesPerTransaction, plan.entries.count)] {
                records.append(factory.record(for: entry))
            }
            try write {
                for record in records {
                    let began = clock.now
                    try record.write(to: store)
                    let spent = clock.now - began
                    perKind[record.kind, default: (.zero, 0)].time += spent
                    perKind[record.kind, default: (.zero, 0)].count += 1
                }
            }
            if clock.now - lastReport > .seconds(10) {
                lastReport = clock.now
                let done = min(batch + options.entriesPerTransaction, plan.entries.count)
                print("  … \(Figure.count(done)) entries, \(seconds(clock.now - start))")
            }
        }
        store.now = { Date() }
        return LoadResult(counts: try RowCounts(store), storeTime: storeTime, wallTime: clock.now - start,
                          transactions: transactions, perKind: perKind, contactIDs: contactIDs)
    }

    private func loadReport(_ load: LoadResult) -> String {
        let counts = load.counts
        var table = ReportTable("Bulk load", header: ["rows written", "rows"])
        table.add("companies", Figure.count(counts.companies))
        table.add("contacts", Figure.count(counts.contacts))
        table.add("contact_emails", Figure.count(counts.contactEmails))
        table.add("incoming_emails", Figure.count(counts.incomingEmails))
        table.add("outgoing_emails (sent)", Figure.count(counts.outgoingEmails))
        table.add("activities", Figure.count(counts.activities))
        let counted = Self.countedRows(counts)
        table.add("= counted rows", Figure.count(counted))
        table.add("outgoing_email_status_history", Figure.count(counts.outgoingStatusHistory))
        table.add("= all rows", Figure.count(counts.total))
        let storeSeconds = load.storeTime.seconds
        var rates = ReportTable("Bulk insert rate", header: ["measure", "value"])
        rates.add("write transactions", Figure.count(load.transactions))
        rates.add("time in store writes (s)", Figure.decimal(storeSeconds, 1))
        rates.add("load phase wall time, with text generation (s)", Figure.decimal(load.wallTime.seconds, 1))
        rates.add("counted rows/s (store time)", Figure.count(Int(Double(counted) / storeSeconds)))
        rates.add("all rows/s (store time)", Figure.count(Int(Double(counts.total) / storeSeconds)))
        rates.add("counted rows/s (wall time)", Figure.count(Int(Double(counted) / load.wallTime.seconds)))
        for (label, rows) in [("counted", counted), ("all", counts.total)] {
            rates.add("target > 100,000 \(label) rows/s", Double(rows) / storeSeconds > 100_000 ? "met" : "MISSED")
        }
        var kinds = ReportTable("Store time per timeline record", header: ["record", "count", "µs each"])
        for kind in PendingRecord.Kind.allCases {
            guard let spent = load.perKind[kind], spent.count > 0 else { continue }
            kinds.add(kind.label, Figure.count(spent.count),
                      Figure.decimal(spent.time.seconds * 1_000_000 / Double(spent.count), 1))
        }
        return table.rendered + """
            Counted rows: companies, contacts, contact_emails, incoming_emails, outgoing_emails and activities.
            Not counted: the status history of sent mail (4 rows per sent email, written too, timed too)
            and the search_index rows each transaction writes before it commits (timed too).

            """ + "\n" + rates.rendered + "\n" + kinds.rendered
    }

    /// Checks that the normal read paths see what was loaded.
    private func verify(store: Store, load: LoadResult) throws {
        let db = store.connection
        let activities = try db.first("SELECT count(*) FROM activities")?.int(0) ?? 0
        let indexed = try db.first("SELECT count(*) FROM search_index")?.int(0) ?? 0
        let manual = try db.first("SELECT count(*) FROM activities WHERE source_type = 'manual'")?.int(0) ?? 0
        let expected = load.counts.contacts + load.counts.incomingEmails + load.counts.outgoingEmails + manual
        guard activities == load.counts.activities, indexed == expected else {
            throw CRMError("the store holds \(activities) activities and \(indexed) search rows; "
                           + "expected \(load.counts.activities) and \(expected)")
        }
        print("check: \(Figure.count(activities)) activities and \(Figure.count(indexed)) search-index rows, "
              + "as expected\n")
    }

    // MARK: helpers

    /// The rows the insert rate counts: every record row, not the outbox history nor the search index.
    static func countedRows(_ counts: RowCounts) -> Int {
        counts.companies + counts.contacts + counts.contactEmails + counts.incomingEmails + counts.outgoingEmails
            + counts.activities
    }

    func seconds(_ duration: Duration) -> String {
        Figure.decimal(duration.seconds, 1) + " s"
    }

    private func megabytes(of path: String) -> Double {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
        return size / 1_048_576
    }
}
