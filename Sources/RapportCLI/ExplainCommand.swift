import CRMCore
import CRMStore
import Foundation

/// `explain`: why a message is or is not on a timeline, and whose.
enum ExplainCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["explain"], arguments: "ID", positionals: 1...1,
                    summary: "why a message (ID as in mail list) is or is not on a timeline, and whose",
                    options: [.json], run: explain),
    ]

    static func explain(_ run: Invocation) throws {
        let id = try run.arguments.id(at: 0, of: "a message")
        let user = try run.actingUser()
        let store = try run.store()
        store.contactCreation = try run.config.contactCreation()
        guard let explanation = try store.explanation(ofMessage: id, in: user.scope) else {
            throw CRMError("there is no message \(id) in your team's mail; see rapport mail list (or rapport search)")
        }
        if run.wantsJSON {
            run.printJSON(ContractJSON.explanation(explanation))
            return
        }
        var lines = ["Message \(id) (\(explanation.direction == .outgoing ? "sent" : "received")): \(explanation.verdict)."]
        if explanation.isInBin { lines.append("It is in Trash or Spam: kept off timelines until it leaves.") }
        if explanation.automation.isAutomated {
            lines.append("Bulk or automatic mail (\(explanation.automation.marks.joined(separator: ", "))): it makes no contacts.")
        }
        for entry in explanation.entries where entry.madeFromThisMessage {
            lines.append("Contact \(entry.contactID) (\(run.safe(entry.contactName))) was made from this message.")
        }
        if !explanation.addresses.isEmpty {
            lines.append("")
            lines.append(Format.table(["ADDRESS", "ROLE", "WHY"], explanation.addresses.map {
                [run.safe($0.address.value), $0.role.rawValue, $0.reason]
            }, maxWidths: [36, 10, 90]))
        }
        run.print(lines.joined(separator: "\n"))
    }
}
