import Foundation

/// The theme files that ship with Rapport (`themes/*.theme`), copied next to the executable at build time.
public enum BuiltinThemes {
    /// The names of the themes that ship.
    public static let names = ["default", "light", "monochrome"]

    /// A shipped theme's text, or nil when there is no such theme or the files are missing.
    public static func text(named name: String) -> String? {
        guard names.contains(name), let folder = folder else { return nil }
        return try? String(contentsOf: folder.appendingPathComponent("\(name).theme"), encoding: .utf8)
    }

    /// SwiftPM's resource folder, looked for next to the running program (`Bundle.module` would stop
    /// the program when it is missing, e.g. for a binary copied elsewhere; then themes fall back).
    private static let folder: URL? = {
        let name = "Rapport_RapportThemes.resources"
        let places = [Bundle.main.bundleURL,
                      URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()]
        return places.map { $0.appendingPathComponent(name) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("default.theme").path) }
    }()
}
