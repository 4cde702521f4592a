import CRMCore
import Foundation
import RapportTestSupport
@testable import CRMStore

/// A fresh database in a temporary folder with two teams: Alpha (ann, al, and the admin ada) and Beta (bob).
final class StoreFixture {
    private let database: TestDatabase
    let store: Store
    let ann: User
    let al: User
    let ada: User
    let bob: User
    let annMailbox: Mailbox
    let alMailbox: Mailbox
    let bobMailbox: Mailbox
    let adaMailbox: Mailbox

    var path: String { database.path }

    init() throws {
        database = try TestDatabase()
        store = database.store
        try store.addTeam(name: "Alpha")
        try store.addTeam(name: "Beta")
        ann = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Alpha", isAdmin: false)
        al = try store.addUser(login: "al", name: "Al Ames", teamName: "Alpha", isAdmin: false)
        ada = try store.addUser(login: "ada", name: "Ada Admin", teamName: "Alpha", isAdmin: true)
        bob = try store.addUser(login: "bob", name: "Bob Berg", teamName: "Beta", isAdmin: false)
        annMailbox = try store.addMailbox(email: Self.address("ann@alpha.example"), for: ann)
        alMailbox = try store.addMailbox(email: Self.address("al@alpha.example"), for: al)
        bobMailbox = try store.addMailbox(email: Self.address("bob@beta.example"), for: bob)
        adaMailbox = try store.addMailbox(email: Self.address("ada@alpha.example"), for: ada)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    /// A contact in `user`'s team.
    @discardableResult
    func contact(_ name: String, _ email: String, by user: User) throws -> Contact {
        try store.addContact(name: name, emails: [Self.address(email)], by: user)
    }

    /// A draft from `user`'s first mailbox.
    func draft(by user: User, to: String = "carol@client.example", subject: String = "Hello",
               link: RecordLink? = nil) throws -> OutgoingEmail {
        let mailbox = try store.mailboxes(in: .team(user.teamID), owner: user.id)[0]
        var request = ComposeRequest(from: mailbox.email, to: [Self.address(to)], subject: subject,
                                     bodyText: "Body of \(subject)")
        request.link = link
        return try store.compose(request, by: user)
    }

    /// A message in a mailbox, received from `from` unless `sent`.
    func message(in mailbox: Mailbox, id: String, from: String, to: [String], subject: String,
                 messageID: String? = nil, at date: Date = Date(), labels: [String] = ["INBOX"]) -> IncomingEmail {
        IncomingEmail(mailboxID: mailbox.id, gmailID: id, threadID: "thread-\(id)", messageID: messageID ?? "\(id)@mail",
                      fromName: nil, fromAddress: Self.address(from), to: to.map(Self.address), cc: [],
                      subject: subject, snippet: "snippet of \(subject)", bodyText: "Body: \(subject)",
                      internalDate: date, labels: labels)
    }
}
