import CRMCore
import Foundation
import RapportThemes
import TerminalUI

/// Finds themes by name: the user's own (`$XDG_CONFIG_HOME/rapport/themes/NAME.theme`) first, then
/// the ones that ship (`themes/*.theme`).
struct ThemeLibrary {
    let environment: [String: String]

    /// The name chosen by `RAPPORT_THEME`, else `theme` in config.ini (top level or `[ui]`), else "default".
    static func chosenName(config: Config, environment: [String: String]) -> String {
        if let name = environment["RAPPORT_THEME"], !name.isEmpty { return name }
        return config["ui.theme"] ?? config["theme"] ?? "default"
    }

    /// The user's theme folder.
    var userFolder: URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("rapport/themes")
    }

    /// The theme called `name`, or a message saying why there is none.
    func theme(named name: String) -> Result<Theme, ThemeProblem> {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            return .failure(ThemeProblem("“\(name)” is not a theme name; the built-in ones are "
                                         + BuiltinThemes.names.joined(separator: ", ")))
        }
        let own = userFolder.appendingPathComponent("\(name).theme")
        let text = (try? String(contentsOf: own, encoding: .utf8)) ?? BuiltinThemes.text(named: name)
        guard let text else {
            return .failure(ThemeProblem("there is no theme “\(name)”; the built-in ones are "
                                         + BuiltinThemes.names.joined(separator: ", ")
                                         + ", and your own go in \(userFolder.path)"))
        }
        do {
            return .success(try Theme(name: name, text: text))
        } catch {
            return .failure(ThemeProblem(error.description))
        }
    }

    /// The theme to start with: the chosen one, monochrome on a terminal without colour, and
    /// attributes only when even the shipped files cannot be found.
    func startingTheme(named name: String, depth: ColorDepth) -> (Theme, warning: String?) {
        let wanted = depth == .none ? "monochrome" : name
        switch theme(named: wanted) {
        case .success(let theme): return (theme, nil)
        case .failure(let problem):
            if case .success(let fallback) = theme(named: "default"), depth != .none {
                return (fallback, "Theme: \(problem.message); using the default.")
            }
            return (.plain, "Theme: \(problem.message).")
        }
    }
}

/// Why a theme cannot be used, for people.
struct ThemeProblem: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
