import CRMCore
import CRMStore
import Foundation

/// `contact block`, `contact unblock`, `contact blocklist`: addresses and domains the team keeps off
/// every timeline.
enum BlocklistCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["contact", "block"], arguments: "ADDRESS|@DOMAIN", positionals: 1...1,
                    summary: "keep an address or a whole domain off every timeline of your team",
                    run: { try change($0, blocking: true) }),
        CommandSpec(["contact", "unblock"], arguments: "ADDRESS|@DOMAIN", positionals: 1...1,
                    summary: "take an address or domain off your team's blocklist",
                    run: { try change($0, blocking: false) }),
        CommandSpec(["contact", "blocklist"], summary: "your team's blocked addresses and domains",
                    options: [.json], run: list),
    ]

    static func change(_ run: Invocation, blocking: Bool) throws {
        let text = run.arguments.positionals[0]
        guard let entry = Blocklist.entry(text) else {
            throw UsageError("“\(run.safe(text))” is neither an address (ann@example.com) nor a domain (@example.com)",
                             command: run.arguments.command)
        }
        let user = try run.actingUser()
        let store = try run.store()
        if blocking {
            let added = try store.block(entry, by: user)
            run.print(added ? "Blocked \(entry): mail taken in from now on puts it on no timeline "
                              + "(entries already made stay; hide them from the timeline)"
                            : "\(entry) was already blocked")
        } else {
            let removed = try store.unblock(entry, by: user)
            guard removed else { throw CRMError("\(entry) is not on your team's blocklist; see rapport contact blocklist") }
            run.print("Unblocked \(entry)")
        }
    }

    static func list(_ run: Invocation) throws {
        let user = try run.actingUser()
        let entries = try run.store().blocklist(of: user).entries
        if run.wantsJSON {
            run.printJSON(.array(entries.map { .string($0) }))
            return
        }
        run.print(entries.isEmpty ? "Your team blocks no address or domain." : entries.joined(separator: "\n"))
    }
}
