import CRMCore
import CRMStore
import Foundation
import Hardening

/// `contact add|import|list`.
enum ContactCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["contact", "add"], summary: "add a contact with one or more addresses",
                    options: [
                        .value("--name", "N", "their name", required: true),
                        .value("--email", "E", "an address (repeat for more)", required: true, repeatable: true),
                        .value("--company", "NAME", "their company (created when new)"),
                        .value("--phone", "P", "a phone number"),
                        .json,
                    ], run: add),
        CommandSpec(["contact", "import"], arguments: "FILE.csv", positionals: 1...1,
                    summary: "import contacts from a Google Contacts or HubSpot CSV export, merging by address",
                    options: [.json], run: importCSV),
        CommandSpec(["contact", "list"], summary: "list your team's contacts",
                    options: [
                        .value("--query", "Q", "only those whose name, address, company or id matches"),
                        .number("--limit", "N", .contactListLimit, "how many at most"),
                        .json,
                    ], run: list),
    ]

    static func add(_ run: Invocation) throws {
        let emails = try run.arguments.addresses("--email")
        let user = try run.actingUser()
        let contact = try run.store().addContact(name: run.arguments.value("--name")!, emails: emails,
                                                 companyName: run.arguments.value("--company"),
                                                 phone: run.arguments.value("--phone"), by: user)
        if run.wantsJSON {
            run.printJSON(ContractJSON.contact(contact))
        } else {
            run.print("Added contact \(contact.id): \(run.safe(contact.name)) "
                      + "<\(contact.emails.map(\.value).joined(separator: ", "))>")
        }
    }

    static func importCSV(_ run: Invocation) throws {
        let path = run.arguments.positionals[0]
        let user = try run.actingUser()
        let store = try run.store()
        let (summary, fileRejections, rowCount) = try store.noting(command: "contact import", by: user.login) {
            try importRows(from: path, into: store, by: user)
        }
        let rejections = (fileRejections + summary.rejections).sorted { $0.line < $1.line }
        if run.wantsJSON {
            run.printJSON(.object([
                ("created", .int(summary.created)), ("merged", .int(summary.merged)),
                ("rejected", .array(rejections.map {
                    .object([("line", .int($0.line)), ("reason", .string($0.reason))])
                })),
            ]))
        } else {
            run.print("Imported \(rowCount - summary.rejections.count) rows from \(path): "
                      + "\(summary.created) new contacts, \(summary.merged) merged into contacts you had.")
        }
        for rejection in rejections {
            run.warn("\(path) line \(rejection.line) was not imported: \(rejection.reason)")
        }
        if !rejections.isEmpty {
            if !run.wantsJSON {
                run.print("\(rejections.count) row\(rejections.count == 1 ? " was" : "s were") not imported; "
                          + "fix \(rejections.count == 1 ? "it" : "them") and import the file again "
                          + "(rows already imported merge, so nothing doubles).")
            }
            throw CommandFailed()
        }
    }

    /// Reads the CSV at `path` a megabyte at a time and imports each piece's rows as it comes (see
    /// `Store.importContacts`), so neither the file nor its rows are held whole. A file in UTF-16 (rare:
    /// some spreadsheet exports) is read whole and converted, up to 100 MB.
    private static func importRows(from path: String, into store: Store, by user: User) throws
        -> (summary: Store.ImportSummary, rejections: [ContactImport.Rejection], rows: Int) {
        let overLimit = "split it into smaller files and import each (nothing doubles)"
        guard let file = try BoundedInput(file: path, limit: 8 << 30, overLimit: overLimit).opened() else {
            throw CRMError("\(path) cannot be read as a file")
        }
        var reader = ContactImport.Reader()
        var summary = Store.ImportSummary()
        var rowCount = 0
        func importing(_ rows: [ContactImport.Row]) throws {
            summary.add(try store.importContacts(rows, by: user))
            rowCount += rows.count
        }
        var chunk = try file.readChunk(1 << 20)
        if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
            guard file.size <= 100 << 20 else {
                throw CRMError("\(path) is in UTF-16 and larger than 100 MB; save it as UTF-8 CSV, or split it")
            }
            while case let more = try file.readChunk(1 << 20), !more.isEmpty { chunk += more }
            try importing(reader.take(CSVReader(data: Data(chunk)).records))
        } else {
            var stream = CSVReader.Stream()
            while !chunk.isEmpty {
                try importing(reader.take(stream.feed(chunk)))
                chunk = try file.readChunk(1 << 20)
            }
            try importing(reader.take(stream.finish()))
        }
        try reader.end()
        return (summary, reader.rejections, rowCount)
    }

    static func list(_ run: Invocation) throws {
        let limit = run.arguments.whole("--limit") ?? NumberSetting.contactListLimit.wholeDefault
        let user = try run.actingUser()
        let contacts = try run.store().contacts(in: user.scope, matching: run.arguments.value("--query"), limit: limit)
        if run.wantsJSON {
            run.printJSON(.array(contacts.map(ContractJSON.contact)))
            return
        }
        if contacts.isEmpty {
            run.print(run.arguments.value("--query") == nil
                      ? "No contacts yet. Add one with rapport contact add, or import a CSV with rapport contact import."
                      : "No contacts match.")
            return
        }
        run.print(Format.table(["ID", "NAME", "EMAIL", "COMPANY"], contacts.map {
            [String($0.id), run.safe($0.name), $0.emails.map(\.value).joined(separator: ", "), run.safe($0.companyName)]
        }, maxWidths: [8, 30, 40]))
    }
}
