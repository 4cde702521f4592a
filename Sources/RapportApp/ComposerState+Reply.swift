import CRMCore
import Foundation
import TerminalUI

extension ComposerState {
    /// The composer for a reply, reply to all or forward as `plan` has it: recipients with their
    /// names, the subject, the body with the cursor on its first line (above the signature and the
    /// quote), threading; linked to `contact`, answering timeline entry `activityID` when there is one.
    /// A forward starts in To, which it still needs; a reply in the body.
    init(_ plan: ReplyPlan, contact: Contact?, activityID: Int64?) {
        self.init(from: plan.from.value, to: NamedAddress.field(plan.to), cc: NamedAddress.field(plan.cc),
                  subject: plan.subject, body: plan.body, focus: plan.to.isEmpty ? .to : .body,
                  link: contact.map { .contact($0.id) }, linkTitle: contact?.name, replyToActivityID: activityID)
        answering = plan.kind
        threading = plan.threading
        body.move(to: TextEditor.Position(line: 0, column: 0))
    }
}
