import Foundation
import TerminalUI

/// Completing a file path as a shell does (Tab in the attach prompt): the names in the folder typed
/// so far that begin with what follows its last "/". Reading the folder is the controller's (an
/// effect); what Tab then makes of the answer is a value the reducer applies.
public struct PathCompletion: Equatable, Sendable {
    /// A name in the folder that fits: a file, or a folder (completed with a "/" after it).
    public struct Match: Equatable, Sendable {
        public var name: String
        public var isFolder: Bool

        /// The name as completed and listed: a folder with its "/".
        var shown: String { isFolder ? name + "/" : name }
    }

    /// What was typed when the folder was read.
    public let typed: String
    /// The names that fit, sorted.
    public let matches: [Match]

    public init(typed: String, matches: [Match]) {
        self.typed = typed
        self.matches = matches.sorted { $0.name < $1.name }
    }

    /// The folder part of what was typed, up to its last "/" ("~/Doc" → "~/"; "" for none), and the
    /// beginning of the name after it.
    static func split(_ typed: String) -> (folder: String, name: String) {
        guard let slash = typed.lastIndex(of: "/") else { return ("", typed) }
        return (String(typed[...slash]), String(typed[typed.index(after: slash)...]))
    }

    /// What the prompt holds after Tab: the one match whole, else as much as every match begins with.
    var completed: String {
        let (folder, name) = Self.split(typed)
        if typed == "~" { return "~/" }
        guard let first = matches.first else { return typed }
        if matches.count == 1 { return folder + first.shown }
        var common = first.name
        for match in matches.dropFirst() {
            common = String(zip(common, match.name).prefix { $0 == $1 }.map(\.0))
        }
        return folder + (common.count > name.count ? common : name)
    }

    /// What to show above the prompt when Tab could not complete any further: the names that fit, or
    /// that none does; nil when Tab completed something.
    var hint: String? {
        if completed != typed { return nil }
        if matches.isEmpty {
            let name = Self.split(typed).name
            return name.isEmpty ? "That folder is empty or cannot be read."
                : "Nothing there begins with “\(TextWidth.truncate(SafeText.line(name), to: 30))”."
        }
        return matches.map { SafeText.line($0.shown) }.joined(separator: "  ")
    }
}

extension PathCompletion {
    /// Reads the folder `typed` names (the working folder when it names none) for the names that fit.
    /// Names beginning with "." show only when what was typed does.
    static func read(_ typed: String) -> PathCompletion {
        let (folder, name) = split(typed)
        let path = folder.isEmpty ? FileManager.default.currentDirectoryPath : expand(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let matches = names.filter { $0.hasPrefix(name) && (name.hasPrefix(".") || !$0.hasPrefix(".")) }.map { entry in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(entry),
                                                        isDirectory: &isFolder)
            return Match(name: entry, isFolder: exists && isFolder.boolValue)
        }
        return PathCompletion(typed: typed, matches: matches)
    }

    /// `path` with a leading "~" (or "~user") read as the home folder, as a shell reads it.
    static func expand(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
