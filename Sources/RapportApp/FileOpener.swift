import Foundation

/// `$RAPPORT_OPENER`: the program that opens a file saved from mail, run directly (no shell) with the
/// file's path as its one argument, its output kept off the screen.
public struct FileOpener: Sendable, Equatable {
    /// The program as named: a path, or a name looked for in `PATH`.
    public let program: String
    let searchPath: String

    public init(program: String, searchPath: String = "/usr/local/bin:/usr/bin:/bin") {
        self.program = program
        self.searchPath = searchPath
    }

    /// The opener `RAPPORT_OPENER` names in `environment`; nil when it is unset or empty.
    public init?(environment: [String: String]) {
        guard let program = environment["RAPPORT_OPENER"], !program.isEmpty else { return nil }
        self.init(program: program, searchPath: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
    }

    /// Runs the program on `path` and waits up to `patience` seconds for it to finish (a viewer that
    /// stays open is left running). Returns nil when it started and did not fail, else why, for people.
    public func open(_ path: String, patience: TimeInterval = 2) -> String? {
        guard let executable = located else {
            return "$RAPPORT_OPENER names “\(program)”, which is not a program here; set it to one (e.g. xdg-open)"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return "$RAPPORT_OPENER (“\(program)”) could not be started: \(error.localizedDescription)"
        }
        guard finished.wait(timeout: .now() + patience) == .success else { return nil }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)"
                : "signal \(process.terminationStatus)"
            return "$RAPPORT_OPENER (“\(program)”) failed to open it (\(how))"
        }
        return nil
    }

    /// The program's path: as named when it has a slash, else the first executable of that name in the search path.
    private var located: String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        return searchPath.split(separator: ":").map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
