import TerminalUI

/// Every command `rapport` knows, in the order help lists them.
enum CommandTable {
    static let all: [CommandSpec] = SetupCommands.specs + AccountCommands.specs + ContactCommands.specs
        + RecordCommands.specs + OutboxCommands.specs + TimelineCommands.specs + SearchCommands.specs
        + MailBrowsingCommands.specs + MailCommands.specs + MailActionCommands.specs + MailSaveCommand.specs
        + ImportCommands.specs + SyncCommand.specs + BackupCommands.specs + DoctorCommand.specs + ServiceCommands.specs
        + DemoCommand.specs + DevCommands.specs + AppCommand.specs

    /// The command named by the first words, and the words after its name.
    static func find(_ words: [String]) throws -> (CommandSpec, [String]) {
        let best = all.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
        if let best { return (best, Array(words.dropFirst(best.path.count))) }
        let typed = words.prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
        let names = Set(all.map(\.name) + all.map { $0.path[0] })
        let hint = ParsedArguments.nearest(typed, in: Array(names)).map { "; did you mean rapport \($0)?" } ?? ""
        if let first = words.first, all.contains(where: { $0.path[0] == first }) {
            guard words.count > 1, !words[1].hasPrefix("-") else {
                let commands = all.filter { $0.path[0] == first && $0.path.count > 1 }.map { $0.path[1] }
                throw UsageError("rapport \(first) needs a command: \(commands.joined(separator: ", "))", command: first)
            }
            throw UsageError("rapport \(first) has no command “\(words.dropFirst().first ?? "")”\(hint)", command: first)
        }
        throw UsageError("unknown command “\(typed.isEmpty ? words.joined(separator: " ") : typed)”\(hint)")
    }

    /// Help for a command, or the overview when `path` names none.
    static func help(for path: [String]) -> String {
        let matches = all.filter { $0.path.starts(with: path) && !path.isEmpty }
        if matches.count == 1, let spec = matches.first {
            var lines = ["usage: \(spec.usage)", "", spec.summary]
            if !spec.options.isEmpty {
                lines.append("")
                let width = spec.options.map { $0.name.count + ($0.valueName.map { $0.count + 1 } ?? 0) }.max() ?? 0
                for option in spec.options {
                    let left = option.name + (option.valueName.map { " " + $0 } ?? "")
                    lines.append("  " + TextWidth.pad(left, to: width + 2) + option.help)
                }
            }
            lines += ["", "Global options: --home DIR (the data folder), --as LOGIN (administrators only)."]
            return lines.joined(separator: "\n")
        }
        let shown = matches.isEmpty ? all : matches
        let width = shown.map { $0.name.count + ($0.arguments.isEmpty ? 0 : $0.arguments.count + 1) }.max() ?? 0
        var lines = ["Rapport \(RapportCommandLine.version): the terminal CRM mailbox for sales teams.", "",
                     "usage: rapport [--home DIR] [--as LOGIN] COMMAND [ARGS]", "", "Commands:"]
        for spec in shown {
            let left = spec.name + (spec.arguments.isEmpty ? "" : " " + spec.arguments)
            lines.append("  " + TextWidth.pad(left, to: width + 2) + spec.summary)
        }
        lines += ["", "rapport help COMMAND shows a command's options. Data lives in $RAPPORT_HOME "
                  + "(default ~/.local/share/rapport)."]
        return lines.joined(separator: "\n")
    }
}
