import Foundation
import Testing

@Suite struct CLIContactTests {
    @Test func addAndListWithJSON() throws {
        let home = try CLIHome.withTwoTeams()
        let added = try home.ok(["contact", "add", "--name", "Carol Vance", "--email", "Carol@Client.example",
                                 "--email", "carol@home.example", "--company", "Globex", "--phone", "+1 555 0100",
                                 "--json"], as: "ann")
        let contact = try #require(try JSONSerialization.jsonObject(with: Data(added.utf8)) as? [String: Any])
        #expect(contact["name"] as? String == "Carol Vance")
        #expect(contact["emails"] as? [String] == ["carol@client.example", "carol@home.example"])
        #expect(contact["company"] as? String == "Globex")
        #expect(contact["owner"] as? String == "ann")
        let text = try home.ok(["contact", "list"], as: "ann")
        #expect(text.contains("Carol Vance"))
        #expect(text.contains("carol@client.example, carol@home.example"))
        #expect(try home.ok(["contact", "list", "--query", "GLOBEX"], as: "ann").contains("Carol Vance"))
        #expect(try home.ok(["contact", "list", "--query", "zzz"], as: "ann").contains("No contacts match"))
    }

    @Test func importsAGoogleContactsExport() throws {
        let home = try CLIHome.withTwoTeams()
        let csv = "\u{FEFF}Name,Given Name,Additional Name,Family Name,Nickname,E-mail 1 - Type,E-mail 1 - Value,"
            + "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\r\n"
            + "Ann Example,Ann,,Example,,* Work,ann@example.com,Home,ann.home@example.org,Mobile,+44 20 7946 0000,Initech\r\n"
            + "\"Lee, Bo\",Bo,,Lee,,* Work,bo@example.com ::: bo.lee@example.net,,,,,\"Umbrella, Inc.\"\r\n"
            + "No Mail,No,,Mail,,,,,,,,\r\n"
            + "Bad Mail,Bad,,Mail,,* Work,not-an-address,,,,,\r\n"
        let file = home.folder.appendingPathComponent("google.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let result = try home.run(["contact", "import", file.path], as: "ann")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("2 new contacts"))
        #expect(result.errorLines == [
            "rapport: \(file.path) line 4 was not imported: no email address",
            "rapport: \(file.path) line 5 was not imported: “E-mail 1 - Value” holds something that is not an email address",
        ])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(list.count == 2)
        let bo = try #require(list.first { $0["name"] as? String == "Lee, Bo" })
        #expect(bo["emails"] as? [String] == ["bo@example.com", "bo.lee@example.net"])
        #expect(bo["company"] as? String == "Umbrella, Inc.")
        // Re-importing after fixing the file adds nothing twice.
        let again = try home.run(["contact", "import", file.path, "--json"], as: "ann")
        let summary = try #require(try again.json() as? [String: Any])
        #expect(summary["created"] as? Int == 0 && summary["merged"] as? Int == 2)
    }

    @Test func importsAHubSpotExport() throws {
        let home = try CLIHome.withTwoTeams()
        let csv = """
            Record ID,First Name,Last Name,Email,Phone Number,Company Name,Additional email addresses,Email Domain,Marketing emails opened
            101,Dana,Scully,dana@fbi.example,555-0101,FBI,d.scully@fbi.example;dana@home.example,fbi.example,3
            102,Fox,Mulder,fox@fbi.example,,FBI,,fbi.example,0
            103,Walter,Skinner,,555-0103,FBI,,,
            """
        let file = home.folder.appendingPathComponent("hubspot.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let result = try home.run(["contact", "import", file.path], as: "ann")
        #expect(result.status == 1)
        #expect(result.errorLines == ["rapport: \(file.path) line 4 was not imported: no email address"])
        let dana = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--query", "scully", "--json"], as: "ann").utf8)) as? [[String: Any]]).first
        #expect(dana?["emails"] as? [String] == ["dana@fbi.example", "d.scully@fbi.example", "dana@home.example"])
        #expect(dana?["phone"] as? String == "555-0101")
    }

    @Test func brokenQuotingIsReportedWithItsLineAndNothingElseIsLost() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Kept", "--email", "kept@example.com"], as: "ann")
        let csv = "name,email\nGood One,good@example.com\n\"Broken,broken@example.com\nLater,later@example.com\n"
        let file = home.folder.appendingPathComponent("broken.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let result = try home.run(["contact", "import", file.path], as: "ann")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.stderr.contains("line 3 was not imported: a quoted field that starts here is never closed"))
        let names = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--json"], as: "ann").utf8)) as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names == ["Good One", "Kept"])
    }

    @Test func aFileWithoutAnEmailColumnIsRefusedWhole() throws {
        let home = try CLIHome.withTwoTeams()
        let file = home.folder.appendingPathComponent("nope.csv")
        try "name,phone\nA,1\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try home.run(["contact", "import", file.path], as: "ann")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("rapport: cannot import these contacts: no email column"))
        let missing = try home.run(["contact", "import", home.folder.appendingPathComponent("absent.csv").path], as: "ann")
        #expect(missing.status == 1 && missing.stderr.contains("cannot read"))
    }
}
