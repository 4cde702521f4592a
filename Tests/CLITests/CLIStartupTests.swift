import Foundation
import RapportTestSupport
import Testing

/// What a `rapport` process loads before it does anything: libcurl and its TLS libraries are mapped
/// only when Gmail is reached (decision 127), so a one-shot command starts in half the time.
@Suite struct CLIStartupTests {
    /// The shared libraries the dynamic loader maps for `rapport ARGS`, as it reports them.
    private func loadedLibraries(_ arguments: [String]) throws -> [String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LD_DEBUG"] = "files"
        let result = try ProcessOutput.run(CLIHome.binary, arguments, environment: environment)
        #expect(result.status == 0, "\(result)")
        return result.stderr.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "file=") else { return nil }
            return String(line[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" })
        }
    }

    @Test func aCommandThatNeverReachesGmailDoesNotLoadLibcurl() throws {
        let libraries = try loadedLibraries(["--help"])
        #expect(libraries.contains { $0.hasPrefix("libFoundation") }, "the loader's report was read: \(libraries)")
        #expect(!libraries.contains { $0.contains("libcurl") || $0.contains("FoundationNetworking") }, "\(libraries)")
    }
}
