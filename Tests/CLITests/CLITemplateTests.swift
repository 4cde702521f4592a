import CRMCore
import Foundation
import Testing

/// `compose --template`: the user's own and the team's templates, merge fields, and unsafe files.
@Suite struct CLITemplateTests {
    /// A home with carol (of Acme, with a deal) and dan (no company); ann's own config folder.
    static func home() throws -> (CLIHome, config: URL) {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol Client", "--email", "carol@acme.example", "--company", "Acme"], as: "ann")
        try home.ok(["contact", "add", "--name", "Dan", "--email", "dan@solo.example"], as: "ann")
        try home.ok(["deal", "add", "--name", "Pilot", "--contact", "1"], as: "ann")
        let config = home.folder.appendingPathComponent("xdg")
        return (home, config)
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(name + ".md"), atomically: true, encoding: .utf8)
    }

    func compose(_ home: CLIHome, _ config: URL, _ arguments: [String], as login: String = "ann") throws -> CLIResult {
        try home.run(["compose", "--no-signature"] + arguments, as: login, environment: ["XDG_CONFIG_HOME": config.path])
    }

    @Test func aTemplateFillsSubjectAndBodyForTheRecipient() throws {
        let (home, config) = try Self.home()
        try Self.write("Subject: {{deal}} for {{company}}\n\nHi {{first_name}} {{last_name}},\nBest, {{sender_first_name}}",
                       "intro", in: config.appendingPathComponent("rapport/templates"))
        let result = try compose(home, config, ["--to", "carol@acme.example", "--template", "intro"])
        #expect(result.status == 0, "\(result)")
        #expect(try home.sqlite("SELECT subject || '|' || body_text FROM outgoing_emails")
                == "Pilot for Acme|Hi Carol Client,\nBest, Ann")
        // --subject wins over the template's.
        #expect(try compose(home, config, ["--to", "carol@acme.example", "--template", "intro", "--subject", "Mine"]).status == 0)
        #expect(try home.sqlite("SELECT subject FROM outgoing_emails ORDER BY id DESC LIMIT 1") == "Mine")
    }

    @Test func aMissingFieldNamesItAndTheContactAndQueuesNothing() throws {
        let (home, config) = try Self.home()
        try Self.write("Subject: For {{company}}\nHi {{first_name}}", "intro", in: config.appendingPathComponent("rapport/templates"))
        try compose(home, config, ["--to", "dan@solo.example", "--template", "intro", "--queue"])
            .expectOneLine(["{{company}}", "contact 2 (Dan)"], status: 1)
        try compose(home, config, ["--to", "stranger@nowhere.example", "--template", "intro"])
            .expectOneLine(["{{company}}", "stranger@nowhere.example (not a contact)"], status: 1)
        #expect(try home.sqlite("SELECT count(*) FROM outgoing_emails") == "0")
    }

    @Test func theUsersOwnTemplateWinsOverTheTeamsAndTheTeamsIsUsedOtherwise() throws {
        let (home, config) = try Self.home()
        try Self.write("Subject: Team\nteam text", "intro", in: home.folder.appendingPathComponent("templates"))
        try Self.write("Subject: Team only\nteam only, {{name}}", "other", in: home.folder.appendingPathComponent("templates"))
        try Self.write("Subject: Mine\nmy text", "intro", in: config.appendingPathComponent("rapport/templates"))
        #expect(try compose(home, config, ["--to", "carol@acme.example", "--template", "intro"]).status == 0)
        #expect(try compose(home, config, ["--to", "carol@acme.example", "--template", "other"]).status == 0)
        #expect(try home.sqlite("SELECT subject || '|' || body_text FROM outgoing_emails ORDER BY id")
                == "Mine|my text\nTeam only|team only, Carol Client")
    }

    @Test func aTeamTemplateCannotNameRecipientsOrReadFiles() throws {
        let (home, config) = try Self.home()
        try Self.write("Subject: Hi\nBcc: thief@evil.example\n{{ENV:HOME}}", "sneaky", in: home.folder.appendingPathComponent("templates"))
        try compose(home, config, ["--to", "carol@acme.example", "--template", "sneaky"])
            .expectOneLine(["{{ENV:HOME}}", "not a merge field"], status: 1)
        try Self.write("Subject: Hi\nBcc: thief@evil.example\nHello", "sneaky", in: home.folder.appendingPathComponent("templates"))
        #expect(try compose(home, config, ["--to", "carol@acme.example", "--template", "sneaky"]).status == 0)
        #expect(try home.sqlite("SELECT to_addrs || '|' || bcc_addrs || '|' || body_text FROM outgoing_emails")
                == #"["carol@acme.example"]|[]|Bcc: thief@evil.example"# + "\nHello")
    }

    @Test func unsafeTemplateFilesAreRefused() throws {
        let (home, config) = try Self.home()
        let team = home.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: team, withIntermediateDirectories: true)
        let secret = home.folder.appendingPathComponent("secret.txt")
        try "Subject: secret\ntoken".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: team.appendingPathComponent("link.md"), withDestinationURL: secret)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "link"])
            .expectOneLine(["cannot use template link", "link"], status: 1)
        try FileManager.default.createDirectory(at: team.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "folder"])
            .expectOneLine(["cannot use template folder", "folder"], status: 1)
        try String(repeating: "x", count: 70_000).write(to: team.appendingPathComponent("big.md"), atomically: true,
                                                         encoding: .utf8)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "big", "--subject", "S"])
            .expectOneLine(["cannot use template big"], status: 1)
        let own = config.appendingPathComponent("rapport/templates")
        try Self.write("Subject: S\nx", "open", in: own)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: own.appendingPathComponent("open.md").path)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "open"])
            .expectOneLine(["other users can change"], status: 1)
        #expect(try home.sqlite("SELECT count(*) FROM outgoing_emails") == "0")
    }

    @Test func badInput() throws {
        let (home, config) = try Self.home()
        try compose(home, config, ["--to", "carol@acme.example", "--template", "../etc/passwd"])
            .expectOneLine(["not a template name"], status: 2)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "nothere"])
            .expectOneLine(["no template nothere"], status: 1)
        try compose(home, config, ["--to", "carol@acme.example", "--template", "x", "--body", "b"])
            .expectOneLine(["--template gives the body"], status: 2)
        try Self.write("no subject line", "bare", in: config.appendingPathComponent("rapport/templates"))
        try compose(home, config, ["--to", "carol@acme.example", "--template", "bare"])
            .expectOneLine(["no Subject: line", "--subject"], status: 2)
    }
}
