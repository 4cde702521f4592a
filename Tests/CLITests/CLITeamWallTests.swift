import Foundation
import Testing

/// Bob, in team Beta, sees none of team Alpha's work through any command.
@Suite struct CLITeamWallTests {
    @Test func everyCommandKeepsTeamBetaOutOfAlpha() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol Quokka", "--email", "carol@client.example", "--company", "Quokka Co"],
                    as: "ann")
        try home.ok(["company", "add", "--name", "Quokka Two"], as: "ann")
        try home.ok(["deal", "add", "--name", "Quokka deal", "--contact", "1"], as: "ann")
        try home.ok(["activity", "add", "--contact", "1", "--type", "note", "--summary", "quokka budget"], as: "ann")
        let email = try home.ok(["compose", "--to", "carol@client.example", "--subject", "Quokka plan", "--body", "b",
                                 "--link", "contact:1", "--queue"], as: "ann").trimmingCharacters(in: .whitespacesAndNewlines)

        func expectEmptyJSONArray(_ arguments: [String]) throws {
            let output = try home.ok(arguments + ["--json"], as: "bob")
            let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any], "\(arguments)")
            #expect(array.isEmpty, "rapport \(arguments.joined(separator: " ")) as bob")
            #expect(!output.lowercased().contains("quokka"))
        }
        try expectEmptyJSONArray(["contact", "list"])
        try expectEmptyJSONArray(["contact", "list", "--query", "carol"])
        try expectEmptyJSONArray(["outbox"])
        try expectEmptyJSONArray(["outbox", "--team"])
        try expectEmptyJSONArray(["search", "quokka"])
        try expectEmptyJSONArray(["search", "carol"])
        let cold = try home.ok(["insights", "--days", "1", "--json"], as: "bob")
        #expect(!cold.contains("Quokka"))

        func expectRefused(_ arguments: [String]) throws {
            let result = try home.run(arguments, as: "bob")
            #expect(result.status == 1, "rapport \(arguments.joined(separator: " ")) as bob → \(result)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.lowercased().contains("quokka"))
        }
        try expectRefused(["timeline", "1"])
        try expectRefused(["timeline", "carol@client.example"])
        try expectRefused(["insights", "1"])
        try expectRefused(["outbox", "show", email])
        try expectRefused(["outbox", "cancel", email])
        try expectRefused(["outbox", "delete", email])
        try expectRefused(["activity", "edit", "1", "--summary", "mine now"])
        try expectRefused(["activity", "delete", "1"])
        try expectRefused(["activity", "add", "--contact", "1", "--type", "note", "--summary", "x"])
        try expectRefused(["deal", "add", "--name", "steal", "--contact", "1"])
        try expectRefused(["compose", "--to", "x@y.example", "--subject", "s", "--body", "b", "--link", "contact:1"])

        // Ann's work is untouched, and the admin sees it.
        let status = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["outbox", "show", email, "--json"], as: "ann").utf8)) as? [String: Any])
        #expect(status["status"] as? String == "queued")
        #expect(try home.ok(["search", "quokka"], as: "ada").contains("Quokka plan"))
        #expect(try home.ok(["timeline", "1"], as: "ann").contains("quokka budget"))
    }
}
