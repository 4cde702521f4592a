import TerminalUI

/// Where a key is pressed: each screen has its own context, list screens add `.list`, and screens
/// without a text field add `.global`. `.always` works everywhere, even while typing.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case always, global, list, mail, outbox, contacts, timeline, deals, deal, message, search, composer, prompt, followups

    /// The heading of this context's part of the help.
    var title: String {
        switch self {
        case .always: return "Everywhere"
        case .global: return "Moving around"
        case .list: return "Lists"
        case .mail: return "Mail"
        case .outbox: return "Outbox"
        case .contacts: return "Contacts"
        case .timeline: return "Contact timeline"
        case .deals: return "Deals"
        case .deal: return "A deal"
        case .message: return "Reading an email"
        case .search: return "Search"
        case .composer: return "Writing an email"
        case .prompt: return "Questions"
        case .followups: return "Follow-ups"
        }
    }
}

/// Which key does what, where: one table that both key handling and the help overlay read.
public struct Keymap: Sendable {
    /// One key bound to one command in one context.
    public struct Binding: Hashable, Sendable {
        public let key: Key
        public let command: Command
        public let context: KeyContext
    }

    public private(set) var bindings: [Binding]

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The command `key` means in the first of `contexts` that binds it.
    public func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.key == key }) { return binding.command }
        }
        return nil
    }

    /// The first key bound to `command` in `context`, as the help writes it.
    func key(for command: Command, in context: KeyContext) -> String? {
        bindings.first { $0.context == context && $0.command == command }?.key.description
    }

    /// The help for `contexts`: per context, each command once with all its keys ("j ↓  move down").
    func help(for contexts: [KeyContext]) -> [(title: String, entries: [(keys: String, summary: String)])] {
        contexts.compactMap { context in
            var order: [Command] = []
            var keys: [Command: [String]] = [:]
            for binding in bindings where binding.context == context {
                if keys[binding.command] == nil { order.append(binding.command) }
                keys[binding.command, default: []].append(binding.key.description)
            }
            guard !order.isEmpty else { return nil }
            return (context.title, order.map { (keys[$0]!.joined(separator: " "), $0.summary) })
        }
    }
}
