import CRMCore
import Foundation
import Testing

@Suite struct MailTemplateTests {
    static let values = MailTemplate.values(contactName: "Nina van Buyer", company: "Acme", deal: "Pilot",
                                            senderName: "Ann Lee")

    @Test func theFirstLineMayBeTheSubject() {
        let template = MailTemplate(name: "intro", text: "Subject: Hello {{first_name}}\r\n\r\nHi {{name}},\r\nbye")
        #expect(template.subject == "Hello {{first_name}}")
        #expect(template.body == "Hi {{name}},\nbye")
        let plain = MailTemplate(name: "plain", text: "Dear {{first_name}}\nSubject: not a header here")
        #expect(plain.subject == nil && plain.body.hasPrefix("Dear"))
    }

    @Test func everyFieldIsFilled() throws {
        let template = MailTemplate(name: "all", text: """
            Subject: {{deal}} for {{company}}
            {{first_name}} / {{last_name}} / {{name}} / {{ company }} / {{deal}} / {{sender_first_name}}
            """)
        let filled = try template.filled(with: Self.values, recipient: "contact 1 (Nina van Buyer)")
        #expect(filled.subject == "Pilot for Acme")
        #expect(filled.body == "Nina / Buyer / Nina van Buyer / Acme / Pilot / Ann")
    }

    @Test func aFieldWithNoValueIsAnErrorNamingItAndTheContact() {
        let values = MailTemplate.values(contactName: "Cher", company: nil, deal: nil, senderName: "Ann Lee")
        let template = MailTemplate(name: "follow", text: "Hi {{first_name}} {{last_name}}")
        #expect(throws: TemplateProblem.missingValue(.lastName, template: "follow", recipient: "contact 4 (Cher)")) {
            try template.filled(with: values, recipient: "contact 4 (Cher)")
        }
        let problem = TemplateProblem.missingValue(.company, template: "follow", recipient: "contact 4 (Cher)")
        #expect(problem.description.contains("{{company}}") && problem.description.contains("contact 4 (Cher)"))
        #expect(throws: TemplateProblem.unknownField("password", template: "x")) {
            try MailTemplate(name: "x", text: "{{password}}").filled(with: Self.values, recipient: "r")
        }
    }

    @Test func bracesThatAreNotFieldsStay() throws {
        let filled = try MailTemplate(name: "x", text: "a { b } {{ unclosed").filled(with: [:], recipient: "r")
        #expect(filled.body == "a { b } {{ unclosed")
    }

    @Test func namesAreFileNamesWithoutPaths() {
        #expect(MailTemplate.isValidName("intro_2-b"))
        for bad in ["", "../x", "a/b", ".hidden", "x.md", "a b", String(repeating: "a", count: 65)] {
            #expect(!MailTemplate.isValidName(bad), "\(bad)")
        }
    }
}
