import CRMCore
import Foundation

extension Store {
    /// The merge fields of a template for an email linked to `link` and sent first to `first`, by
    /// `sender`: the contact `link` names (or the contact of a linked deal), else the contact of `first`;
    /// the deal is the linked one, else the contact's newest; the company is the linked one, else the
    /// contact's. `contact` is whom they were worked out for (nil when nobody).
    public func templateFields(link: RecordLink?, to first: EmailAddress?, sender: User) throws
        -> (values: [MailTemplate.Field: String], contact: Contact?) {
        let scope = sender.scope
        var deal: Deal?
        var company: Company?
        var contact: Contact?
        switch link {
        case .contact(let id)?: contact = try self.contact(id: id, in: scope)
        case .deal(let id)?:
            deal = try self.deal(id: id, in: scope)
            contact = try deal?.contactID.flatMap { try self.contact(id: $0, in: scope) }
        case .company(let id)?: company = try self.company(id: id, in: scope)
        case nil: break
        }
        if contact == nil, let first { contact = try self.contact(email: first, in: scope) }
        if deal == nil, let contact { deal = try deals(contact: contact.id, in: scope).last }
        let values = MailTemplate.values(contactName: contact?.name, company: company?.name ?? contact?.companyName,
                                         deal: deal?.name, senderName: sender.name)
        return (values, contact)
    }
}
