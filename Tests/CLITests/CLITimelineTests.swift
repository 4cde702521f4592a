import Foundation
import Testing

@Suite struct CLITimelineTests {
    @Test func activitiesShowOnTheTimelineWithTheContractShape() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        for (index, type) in ["call", "meeting", "note"].enumerated() {
            try home.ok(["activity", "add", "--contact", "carol@client.example", "--type", type, "--summary",
                         "entry \(index)", "--at", "2026-11-0\(index + 1)T10:00:00Z"], as: "ann")
        }
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["type"] as? String } == ["note", "meeting", "call"])
        let first = entries[0]
        for key in ["activity_id", "type", "direction", "occurred_at", "subject", "summary", "user", "source"] {
            #expect(first.keys.contains(key), "timeline --json has \(key)")
        }
        #expect(first["occurred_at"] as? String == "2026-11-03T10:00:00Z")
        #expect(first["user"] as? String == "ann")
        #expect((first["source"] as? [String: Any])?["type"] as? String == "manual")
        #expect(first["direction"] is NSNull)

        let page = try home.ok(["timeline", "carol@client.example", "--limit", "2"], as: "ann")
        let lastID = try #require(entries[1]["activity_id"] as? Int)
        #expect(page.contains("More: rapport timeline 1 --before \(lastID)"))
        let older = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--before", String(lastID), "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(older.compactMap { $0["type"] as? String } == ["call"])
    }

    @Test func editAndDelete() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        try home.ok(["activity", "add", "--contact", "1", "--type", "note", "--summary", "first"], as: "ann")
        let edited = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["activity", "edit", "1", "--type", "call", "--summary", "second", "--json"], as: "ann").utf8)) as? [String: Any])
        #expect(edited["type"] as? String == "call" && edited["summary"] as? String == "second")
        let nothing = try home.run(["activity", "edit", "1"], as: "ann")
        #expect(nothing.status == 2)
        #expect(try home.ok(["activity", "delete", "1"], as: "ann").contains("Deleted activity 1"))
        #expect(try home.ok(["timeline", "1"], as: "ann").contains("Nothing on the timeline yet"))
        #expect(try home.run(["activity", "delete", "1"], as: "ann").status == 1)
    }

    @Test func aCallHasATimeADurationAndAnOutcome() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        let added = try #require(try JSONSerialization.jsonObject(with: Data(home.ok([
            "activity", "add", "--contact", "1", "--type", "call", "--summary", "Pricing", "--at", "2026-11-02T10:00:00Z",
            "--duration", "1h30", "--outcome", "booked a demo", "--json",
        ], as: "ann").utf8)) as? [String: Any])
        #expect(added["duration_minutes"] as? Int == 90 && added["outcome"] as? String == "booked a demo")
        #expect(added["occurred_at"] as? String == "2026-11-02T10:00:00Z")
        let id = try #require(added["activity_id"] as? Int)
        let edited = try #require(try JSONSerialization.jsonObject(with: Data(home.ok([
            "activity", "edit", String(id), "--duration", "0", "--outcome", "voicemail", "--json",
        ], as: "ann").utf8)) as? [String: Any])
        #expect(edited["duration_minutes"] is NSNull && edited["outcome"] as? String == "voicemail")
        #expect(try home.ok(["timeline", "1"], as: "ann").contains("Pricing (voicemail)"))
        let note = try #require(try JSONSerialization.jsonObject(with: Data(home.ok([
            "activity", "add", "--contact", "1", "--type", "note", "--summary", "No details", "--json",
        ], as: "ann").utf8)) as? [String: Any])
        #expect(note["duration_minutes"] is NSNull && note["outcome"] is NSNull)

        let bad = try home.run(["activity", "add", "--contact", "1", "--type", "call", "--summary", "x", "--duration", "forever"],
                               as: "ann")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--duration wants a length such as 30m, 1h or 1h30 (at most 24h), not “forever”"))
        #expect(try home.run(["activity", "add", "--contact", "1", "--type", "call", "--summary", "x", "--duration", "0"],
                             as: "ann").status == 2, "a new call cannot take 0 minutes")
    }

    @Test func searchAndInsights() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol Vance", "--email", "carol@client.example", "--company", "Globex"],
                    as: "ann")
        try home.ok(["activity", "add", "--contact", "1", "--type", "meeting", "--summary", "Quarterly kumquat review",
                     "--at", "2026-01-01T10:00:00Z"], as: "ann")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["search", "kumquat", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(hits.count == 1)
        #expect(hits.first?["kind"] as? String == "activity" && hits.first?["contact_id"] as? Int == 1)
        #expect(hits.first?["account"] as? String == "ann", "a note, call or meeting says which teammate")
        #expect(try home.ok(["search", "kumquat", "--sort", "relevance"], as: "ann").contains("Quarterly kumquat review"))
        try home.run(["search", "kumquat", "--sort", "best"], as: "ann").expectOneLine(["--sort", "relevance", "best"],
                                                                                       status: 2)
        #expect(try home.ok(["search", "glob"], as: "ann").contains("Carol Vance"))
        #expect(try home.ok(["search", "nothing-like-this"], as: "ann").contains("Nothing matches"))

        let insights = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["insights", "1", "--json"], as: "ann").utf8)) as? [String: Any])
        #expect((insights["weeks"] as? [Any])?.count == 12)
        #expect(insights["last_touch"] as? String == "2026-01-01T10:00:00Z")
        let cold = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["insights", "--json"], as: "ann").utf8)) as? [String: Any])
        #expect(cold["cold_days"] as? Int == 30)
        #expect((cold["going_cold"] as? [[String: Any]])?.first?["name"] as? String == "Carol Vance")
        try "[insights]\ncold_days = 3650\n".write(to: home.folder.appendingPathComponent("config.ini"), atomically: true,
                                                    encoding: .utf8)
        #expect(try home.ok(["insights"], as: "ann").contains("Nobody is going cold"))
    }

    @Test func theInsightsReportLabelsItsSparklinesAndIsASCIIUnderTheCLocale() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Zoë Vance", "--email", "zoe@client.example"], as: "ann")
        let report = try home.run(["insights", "1"], as: "ann", environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": ""]).stdout
        #expect(report.contains("Zoë Vance: emails a week, the last 12 weeks, oldest → newest"), "\(report)")
        #expect(report.contains("  in   ▁▁▁▁▁▁▁▁▁▁▁▁  0 emails"))
        #expect(report.split(separator: "\n").allSatisfy { $0.count <= 80 }, "readable at 80 columns")
        let ascii = try home.run(["insights", "1"], as: "ann", environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]).stdout
        #expect(ascii.contains("Zoe Vance: emails a week, the last 12 weeks, oldest > newest"), "\(ascii)")
        #expect(ascii.contains("  in   ____________  0 emails"))
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
