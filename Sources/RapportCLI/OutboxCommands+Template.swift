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
        let (values, contact) = try store.templateFields(link: link, to: first, sender: user)
        let recipient = contact.map { "contact \($0.id) (\(run.safe($0.name)))" }
            ?? first.map { "\($0.value) (not a contact)" } ?? "this email (it has no --to)"
        do {
            return try template.filled(with: values, recipient: recipient)
        } catch {
            throw CRMError(error.description)
        }
    }
}
