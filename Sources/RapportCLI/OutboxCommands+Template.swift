import CRMCore
import CRMStore
import Foundation
import RapportTerminal

extension OutboxCommands {
    /// Template `name` filled in for whom the email is about: the contact `--link` names (or the
    /// contact of a linked deal), else the contact of the first `--to` address. The deal is the linked
    /// one, else the contact's newest; the company is the contact's (or the linked one).
    /// - Throws: `CRMError` when the template cannot be read, or names a field with no value here
    ///   (before anything is saved or queued).
    static func fillTemplate(_ name: String, to first: EmailAddress?, link: RecordLink?, user: User, store: Store,
                             _ run: Invocation) throws -> (subject: String?, body: String) {
        let template = try TemplateFiles(environment: run.location.environment, home: run.location.home)
            .template(named: name)
        let scope = user.scope
        var deal: Deal?
        var company: Company?
        var contact: Contact?
        switch link {
        case .contact(let id)?: contact = try store.contact(id: id, in: scope)
        case .deal(let id)?:
            deal = try store.deal(id: id, in: scope)
            contact = try deal?.contactID.flatMap { try store.contact(id: $0, in: scope) }
        case .company(let id)?: company = try store.company(id: id, in: scope)
        case nil: break
        }
        if contact == nil, let first { contact = try store.contact(email: first, in: scope) }
        if deal == nil, let contact { deal = try store.deals(contact: contact.id, in: scope).last }
        let recipient = contact.map { "contact \($0.id) (\(run.safe($0.name)))" }
            ?? first.map { "\($0.value) (not a contact)" } ?? "this email (it has no --to)"
        let values = MailTemplate.values(contactName: contact?.name, company: company?.name ?? contact?.companyName,
                                         deal: deal?.name, senderName: user.name)
        do {
            return try template.filled(with: values, recipient: recipient)
        } catch {
            throw CRMError(error.description)
        }
    }
}
