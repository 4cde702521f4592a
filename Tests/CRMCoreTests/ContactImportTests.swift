import Foundation
import Testing
@testable import CRMCore

/// Quotes a field the way spreadsheet exports do: only when it holds a comma, quote or line break.
private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// One CSV line for `header`, taking each column's value from `values` (empty when absent).
private func csvLine(_ header: [String], _ values: [String: String]) -> String {
    for key in values.keys { precondition(header.contains(key), "no column \(key)") }
    return header.map { csvField(values[$0] ?? "") }.joined(separator: ",")
}

private func csv(_ header: [String], _ rows: [[String: String]], lineEnding: String = "\n") -> Data {
    Data(([header.joined(separator: ",")] + rows.map { csvLine(header, $0) })
        .map { $0 + lineEnding }.joined().utf8)
}

private func addresses(_ row: ContactImport.Row) -> [String] { row.emails.map(\.value) }

@Suite("ContactImport")
struct ContactImportTests {
    // MARK: Google Contacts (the classic "Google CSV" export)

    static let googleHeader = """
        Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,\
        Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,\
        Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,\
        Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,\
        E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,\
        Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,\
        Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,\
        Website 1 - Value
        """.components(separatedBy: ",")

    @Test func googleHeaderIsRealistic() {
        #expect(Self.googleHeader.count == 47)
        #expect(Self.googleHeader.contains("E-mail 1 - Value"))
        #expect(Self.googleHeader.contains("Organization 1 - Name"))
    }

    @Test func googleContactsExport() throws {
        let data = csv(Self.googleHeader, [
            // line 2: several addresses in one cell, a second email column, company with a comma
            ["Name": "Ann Lee", "Given Name": "Ann", "Family Name": "Lee", "Group Membership": "* myContacts",
             "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "Ann.Lee@Acme.com ::: ann@personal.org",
             "E-mail 2 - Type": "Home", "E-mail 2 - Value": "ann@home.net",
             "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+1 555-0100",
             "Phone 2 - Type": "Work", "Phone 2 - Value": "+1 555-0199",
             "Organization 1 - Type": "", "Organization 1 - Name": "Acme, Inc.",
             "Organization 1 - Title": "CTO", "Website 1 - Type": "Blog", "Website 1 - Value": "https://ann.example"],
            // line 3: no Name, so the name is built from its parts
            ["Given Name": "Bo", "Additional Name": "J.", "Family Name": "Chen",
             "E-mail 1 - Type": "* Other", "E-mail 1 - Value": "bo@chen.io"],
            // line 4: the same address twice is kept once
            ["Name": "Cy Dunn", "E-mail 1 - Value": "cy@dunn.org", "E-mail 2 - Value": "CY@DUNN.ORG"],
            // line 5: nothing but an address
            ["E-mail 1 - Value": "dee.ess@example.com"],
        ])
        let result = try ContactImport(csv: data)
        #expect(result.rejections.isEmpty)
        try #require(result.rows.count == 4)

        let ann = result.rows[0]
        #expect(ann.line == 2)
        #expect(ann.name == "Ann Lee")
        #expect(addresses(ann) == ["ann.lee@acme.com", "ann@personal.org", "ann@home.net"])
        #expect(ann.company == "Acme, Inc.")
        #expect(ann.phone == "+1 555-0100")

        let bo = result.rows[1]
        #expect(bo.line == 3)
        #expect(bo.name == "Bo J. Chen")
        #expect(addresses(bo) == ["bo@chen.io"])
        #expect(bo.company == nil)
        #expect(bo.phone == nil)

        #expect(result.rows[2].line == 4)
        #expect(addresses(result.rows[2]) == ["cy@dunn.org"])

        #expect(result.rows[3].name == "dee.ess")
        #expect(result.rows[3].line == 5)
    }

    @Test func laterPhoneAndCompanyColumnsFillInForEmptyFirstOnes() throws {
        let data = csv(Self.googleHeader, [
            ["Name": "Bo", "E-mail 1 - Value": "bo@x.com", "Phone 1 - Type": "Mobile", "Phone 2 - Type": "Work",
             "Phone 2 - Value": "+49 30 1234"],
            ["Name": "Cy", "E-mail 1 - Value": "cy@x.com", "Phone 1 - Value": "111", "Phone 2 - Value": "222"],
        ])
        let rows = try ContactImport(csv: data).rows
        #expect(rows.map(\.phone) == ["+49 30 1234", "111"])
    }

    @Test func googleExportRejectionsCarryLineAndReason() throws {
        let header = Self.googleHeader
        var text = header.joined(separator: ",") + "\n"
        text += csvLine(header, ["Name": "Ok One", "E-mail 1 - Value": "one@x.com"]) + "\n"                 // 2
        text += csvLine(header, ["Name": "No Mail", "Phone 1 - Value": "555"]) + "\n"                        // 3
        text += csvLine(header, ["Name": "Noted", "Notes": "met at the fair\nfollow up in May",
                                 "E-mail 1 - Value": "noted@x.com"]) + "\n"                                  // 4–5
        text += csvLine(header, ["Name": "Bad Mail", "E-mail 1 - Value": "bad at x dot com"]) + "\n"         // 6
        text += csvLine(header, ["Name": "Half Bad", "E-mail 1 - Value": "good@x.com ::: nope"]) + "\n"      // 7
        text += csvLine(header, ["Name": "Wide", "E-mail 1 - Value": "wide@x.com"]) + ",stray,value\n"       // 8
        text += csvLine(header, ["Name": "Trailing", "E-mail 1 - Value": "trail@x.com"]) + ",,\n"            // 9
        text += csvLine(header, ["Name": "Last", "E-mail 1 - Value": "last@x.com"]) + "\n"                   // 10

        let result = try ContactImport(csv: Data(text.utf8))
        try #require(result.rows.map(\.line) == [2, 4, 9, 10])
        #expect(result.rows.map(\.name) == ["Ok One", "Noted", "Trailing", "Last"])
        try #require(result.rejections.map(\.line) == [3, 6, 7, 8])

        #expect(result.rejections[0].reason == "no email address")
        #expect(result.rejections[1].reason.contains("E-mail 1 - Value"))
        #expect(result.rejections[1].reason.contains("not an email address"))
        #expect(result.rejections[2].reason.contains("not an email address"))
        #expect(result.rejections[3].reason.contains("\(header.count + 2) fields"))
        #expect(result.rejections[3].reason.contains("the header has \(header.count)"))
    }

    // MARK: Google Contacts (the newer export)

    static let newGoogleHeader = """
        First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,\
        Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,\
        Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,\
        E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,\
        Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,\
        Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,\
        Website 1 - Label,Website 1 - Value
        """.components(separatedBy: ",")

    @Test func newerGoogleExport() throws {
        let data = csv(Self.newGoogleHeader, [
            ["First Name": "Émile", "Middle Name": "R.", "Last Name": "Zola", "Phonetic First Name": "Ay-meel",
             "Phonetic Last Name": "Zoh-la", "File As": "Zola, Émile", "Organization Name": "Les Éditions",
             "Organization Title": "Author", "Labels": "* myContacts ::: Clients",
             "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "emile@editions.fr",
             "E-mail 2 - Label": "Home", "E-mail 2 - Value": "e.zola@gmail.com ::: ez@proton.me",
             "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+33 6 12 34 56 78",
             "Address 1 - Label": "Work", "Address 1 - Formatted": "1 Rue X\nParis 75001\nFR",
             "Address 1 - City": "Paris"],
            ["First Name": "Kenji", "Last Name": "Sato", "E-mail 1 - Value": "kenji@sato.jp"],
        ], lineEnding: "\r\n")
        let result = try ContactImport(csv: data)
        #expect(result.rejections.isEmpty)
        try #require(result.rows.count == 2)
        let emile = result.rows[0]
        #expect(emile.line == 2)
        #expect(emile.name == "Émile R. Zola")
        #expect(addresses(emile) == ["emile@editions.fr", "e.zola@gmail.com", "ez@proton.me"])
        #expect(emile.company == "Les Éditions")
        // "Phonetic First Name" is not a phone column.
        #expect(emile.phone == "+33 6 12 34 56 78")
        let kenji = result.rows[1]
        #expect(kenji.line == 5) // the address above spans lines 2–4
        #expect(kenji.name == "Kenji Sato")
        #expect(kenji.company == nil)
        #expect(kenji.phone == nil)
    }

    // MARK: HubSpot

    static let hubSpotHeader = """
        Record ID,First Name,Last Name,Email,Phone Number,Company Name,Additional email addresses,\
        Email Domain,Marketing emails opened,Marketing emails clicked,Marketing emails delivered,\
        Mobile Phone Number,Job Title,Lifecycle Stage,Lead Status,Contact owner,Associated Company,\
        Create Date,Last Activity Date,Unsubscribed from all email,Email hard bounce reason,\
        Email Address Quarantined,Emails Bounced
        """.components(separatedBy: ",")

    @Test func hubSpotExport() throws {
        let data = csv(Self.hubSpotHeader, [
            ["Record ID": "51", "First Name": "Carl", "Last Name": "Reyes", "Email": "Carl@Globex.com",
             "Phone Number": "(555) 010-2000", "Company Name": "Globex",
             "Additional email addresses": "c.reyes@globex.com;carl@gmail.com",
             "Email Domain": "globex.com", "Marketing emails opened": "12", "Marketing emails clicked": "3",
             "Marketing emails delivered": "40", "Mobile Phone Number": "555 999 0000", "Job Title": "VP",
             "Lifecycle Stage": "lead", "Contact owner": "ann@acme.com", "Associated Company": "Globex Corp",
             "Create Date": "2026-01-05 10:00", "Unsubscribed from all email": "false",
             "Email hard bounce reason": "mailbox full", "Email Address Quarantined": "no",
             "Emails Bounced": "0"],
            ["Record ID": "52", "Email": "dana@initech.com", "Email Domain": "initech.com",
             "Associated Company": "Initech", "Mobile Phone Number": "+1 555 777"],
            ["Record ID": "53", "First Name": "No", "Last Name": "Address", "Email Domain": "x.com",
             "Marketing emails opened": "4"],
        ])
        let result = try ContactImport(csv: data)
        try #require(result.rows.count == 2)
        let carl = result.rows[0]
        #expect(carl.line == 2)
        #expect(carl.name == "Carl Reyes")
        #expect(addresses(carl) == ["carl@globex.com", "c.reyes@globex.com", "carl@gmail.com"])
        #expect(carl.company == "Globex")
        #expect(carl.phone == "(555) 010-2000")

        let dana = result.rows[1]
        #expect(dana.name == "dana")
        #expect(addresses(dana) == ["dana@initech.com"])
        #expect(dana.company == "Initech")
        #expect(dana.phone == "+1 555 777")

        // "Email Domain" and "Marketing emails opened" hold values, yet the row has no email address.
        #expect(result.rejections == [ContactImport.Rejection(line: 4, reason: "no email address")])
    }

    @Test func hubSpotNonEmailColumnsAreNotEmailColumns() throws {
        // A file whose only email-looking columns are HubSpot's statistics has no email column at all.
        let header = ["Record ID", "First Name", "Email Domain", "Marketing emails opened", "Emails Bounced",
                      "Email hard bounce reason", "Unsubscribed from all email", "Email Address Quarantined"]
        let data = csv(header, [["Record ID": "1", "First Name": "Ann", "Email Domain": "x.com"]])
        #expect(throws: ContactImport.FileError.self) { try ContactImport(csv: data) }
    }

    // MARK: Other sheets

    @Test("email column names that are recognised", arguments: [
        "Email", "E-mail", "email address", "Email Addresses", "E-mail 1 - Value", "Email 2", "Emails",
        "Work Email", "Personal E-mail", "Primary Email Address", "Additional email addresses",
        "Other Email", "Business Email", "EMAIL_ADDRESS",
    ])
    func recognisedEmailColumns(_ title: String) throws {
        let text = "Name,\(title)\nAnn,ann@x.com\n"
        let result = try ContactImport(csv: Data(text.utf8))
        #expect(result.rows.map(addresses) == [["ann@x.com"]], "\(title)")
    }

    @Test("columns that are not email columns", arguments: [
        "Email Domain", "Marketing emails opened", "E-mail 1 - Type", "E-mail 1 - Label", "Email Opt Out",
        "Emails Bounced", "Last Email Date", "Email hard bounce reason",
    ])
    func notEmailColumns(_ title: String) {
        let text = "Name,\(title)\nAnn,ann@x.com\n"
        #expect(throws: ContactImport.FileError.self, "\(title)") { try ContactImport(csv: Data(text.utf8)) }
    }

    @Test func plainSheetWithAlternativeColumnNames() throws {
        let text = """
            Full Name,Surname,Email Address,Telephone,Organisation
            "Lee, Ann",Lee,ann@x.com,+44 1234,Acme
            ,,bo@y.com,,

            """
        let result = try ContactImport(csv: Data(text.utf8))
        try #require(result.rows.map(\.name) == ["Lee, Ann", "bo"])
        #expect(result.rows[0].phone == "+44 1234")
        #expect(result.rows[0].company == "Acme")
        #expect(result.rows[1].company == nil)
    }

    @Test func valuesAreTrimmed() throws {
        let text = "Name,Email,Company\n  Ann Lee  ,  <ANN@X.COM>  ,   \n"
        let row = try #require(try ContactImport(csv: Data(text.utf8)).rows.first)
        #expect(row.name == "Ann Lee")
        #expect(addresses(row) == ["ann@x.com"])
        #expect(row.company == nil)
    }

    @Test func shortRowsAreReadAsFarAsTheyGo() throws {
        let text = "Email,Name,Company\nann@x.com\n"
        let result = try ContactImport(csv: Data(text.utf8))
        try #require(result.rows.count == 1)
        #expect(result.rows[0].name == "ann")
        #expect(result.rows[0].company == nil)
    }

    @Test func brokenQuotingInARowIsARejection() throws {
        let text = "Name,Email\nAnn,ann@x.com\n\"Bo\" Chen,bo@x.com\nCy,\"cy@x.com\n"
        let result = try ContactImport(csv: Data(text.utf8))
        try #require(result.rows.map(\.line) == [2])
        try #require(result.rejections.map(\.line) == [3, 4])
        #expect(result.rejections[0].reason.contains("closing quote"))
        #expect(result.rejections[1].reason.contains("never closed"))
    }

    @Test func utf16ExportWithByteOrderMark() throws {
        let text = "First Name,Last Name,E-mail Address\r\nJörg,Müller,joerg@müller.de\r\n"
        var data = Data([0xFF, 0xFE])
        data.append(try #require(text.data(using: .utf16LittleEndian)))
        let row = try #require(try ContactImport(csv: data).rows.first)
        #expect(row.name == "Jörg Müller")
        #expect(addresses(row) == ["joerg@müller.de"])
    }

    // MARK: Whole-file errors

    @Test func noEmailColumnThrowsFileError() {
        let data = Data("Name,Phone,Company\nAnn,555,Acme\n".utf8)
        do throws(ContactImport.FileError) {
            _ = try ContactImport(csv: data)
            Issue.record("a file without an email column was accepted")
        } catch {
            #expect(error.description.contains("no email column"))
        }
    }

    @Test func emptyFileThrows() {
        for data in [Data(), Data("\n\n".utf8), Data([0xEF, 0xBB, 0xBF])] {
            do throws(ContactImport.FileError) {
                _ = try ContactImport(csv: data)
                Issue.record("an empty file was accepted")
            } catch {
                #expect(error == ContactImport.FileError(description: "the file is empty"))
            }
        }
    }

    @Test func brokenHeaderThrowsWithItsLine() {
        let data = Data("\nName,\"Email\n".utf8)
        do throws(ContactImport.FileError) {
            _ = try ContactImport(csv: data)
            Issue.record("a broken header was accepted")
        } catch {
            #expect(error.description.hasPrefix("line 2, the header:"))
        }
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let result = try ContactImport(csv: Data("Name,Email\n".utf8))
        #expect(result.rows.isEmpty)
        #expect(result.rejections.isEmpty)
    }
}
