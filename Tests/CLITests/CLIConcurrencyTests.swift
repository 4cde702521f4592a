import Foundation
import Synchronization
import Testing

/// Several `rapport` processes on one database: no "database is locked", no lost write.
@Suite struct CLIConcurrencyTests {
    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Shared", "--email", "shared@client.example"], as: "ann")
        let rows = (1...1500).map { "Bulk \($0),bulk\($0)@import.example" }
        let csv = home.folder.appendingPathComponent("bulk.csv")
        try ("name,email\n" + rows.joined(separator: "\n")).write(to: csv, atomically: true, encoding: .utf8)

        let beta = try home.ok(["contact", "add", "--name", "Beta Contact", "--email", "beta@client.example", "--json"],
                               as: "bob")
        let betaID = try #require((try JSONSerialization.jsonObject(with: Data(beta.utf8)) as? [String: Any])?["id"] as? Int)

        let results = Mutex<[CLIResult?]>([])
        let group = DispatchGroup()
        for worker in 0..<2 {
            DispatchQueue.global().async(group: group) {
                let login = worker == 0 ? "ann" : "bob"
                let contact = worker == 0 ? "1" : String(betaID)
                for index in 0..<40 {
                    let add = try? home.run(["contact", "add", "--name", "W\(worker)-\(index)",
                                             "--email", "w\(worker)-\(index)@client.example"], as: login)
                    let note = try? home.run(["activity", "add", "--contact", contact, "--type", "note",
                                              "--summary", "note \(index)"], as: login)
                    results.withLock { $0 += [add, note] }
                }
            }
        }
        DispatchQueue.global().async(group: group) {
            let imported = try? home.run(["contact", "import", csv.path], as: "ann")
            results.withLock { $0.append(imported) }
        }
        group.wait()

        for result in results.withLock({ $0 }) {
            let result = try #require(result)
            #expect(result.status == 0, "\(result)")
            #expect(!result.stderr.contains("locked"), "\(result)")
        }
        let alpha = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--limit", "5000", "--json"], as: "ann").utf8)) as? [Any])
        let betaList = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--json"], as: "bob").utf8)) as? [Any])
        #expect(alpha.count == 1 + 40 + 1500)
        #expect(betaList.count == 1 + 40)
        let annNotes = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--limit", "100", "--json"], as: "ann").utf8)) as? [Any])
        #expect(annNotes.count == 40)
    }
}
