import Foundation

/// What one run of a program printed and returned.
public struct ProcessOutput: CustomStringConvertible, Sendable {
    public let stdout: String
    public let stderr: String
    public let status: Int32

    public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// Runs `executable` with `arguments` and exactly `environment`, feeds it `stdin` (then closes
    /// it), and waits. Output goes through files, so a chatty program never blocks on a full pipe.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String],
                           stdin: String? = nil) throws -> ProcessOutput {
        let captures = try TemporaryFolder("rapport-output")
        let outURL = captures.url.appendingPathComponent("stdout")
        let errURL = captures.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessOutput(stdout: try String(contentsOf: outURL, encoding: .utf8),
                             stderr: try String(contentsOf: errURL, encoding: .utf8),
                             status: process.terminationStatus)
    }
}
