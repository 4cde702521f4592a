import CRMCore
import Foundation
import RapportDemo

/// `dev simulator`: run the Gmail simulator standalone, for developers and scripted set-ups.
enum DevCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["dev", "simulator"],
                    summary: "run a local Gmail simulator (for development and tests), until Ctrl-C",
                    options: [
                        .number("--port", "N", .simulatorPort, "the port on 127.0.0.1, 0 for any free one"),
                        .value("--load", "EMAIL=MAILDIR", "an account and the Maildir it starts with", repeatable: true),
                        .value("--account", "EMAIL", "an empty account", repeatable: true),
                        .number("--latency", "MS", .simulatorLatency, "added to every request"),
                        .number("--quota", "UNITS", .simulatorQuota, "quota per user, 0 for none"),
                        .flag("--cost-2026", "charge the 2026 cost table (messages.get 20) instead of the legacy one"),
                        .value("--token-dir", "DIR", "write a refresh token file per account here (mode 0600)"),
                    ], run: simulator),
    ]

    static func simulator(_ run: Invocation) throws {
        let args = run.arguments
        var options = StandaloneSimulator.Options()
        if let latency = args.whole("--latency") { options.latency = Double(latency) / 1000 }
        if let units = args.decimal("--quota") { options.unitsPerSecond = units }
        options.costs2026 = args.flag("--cost-2026")
        let port = UInt16(args.whole("--port") ?? 0)
        let simulator = try StandaloneSimulator(options: options)
        var accounts: [EmailAddress] = []
        for load in args.list("--load") {
            let parts = load.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let email = EmailAddress(parts[0]) else {
                throw UsageError("--load wants EMAIL=MAILDIR, not “\(load)”", command: "dev simulator")
            }
            let count: Int
            do {
                count = try simulator.load(maildir: URL(fileURLWithPath: parts[1]), into: email)
            } catch {
                throw CRMError("cannot load \(parts[1]): \(ErrorReason.text(for: error))")
            }
            run.print("Loaded \(count) messages into \(email).")
            accounts.append(email)
        }
        for text in args.list("--account") {
            guard let email = EmailAddress(text) else {
                throw UsageError("--account: “\(text)” is not an email address", command: "dev simulator")
            }
            simulator.addAccount(email)
            accounts.append(email)
        }
        let base: URL
        do {
            base = try simulator.start(port: port)
        } catch {
            throw CRMError("cannot start the simulator on port \(port): \(error)")
        }
        if let folder = args.value("--token-dir") {
            try simulator.writeRefreshTokens(for: accounts, into: folder)
        }
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        let names = accounts.map(\.value)
        run.print("""
            Gmail simulator on \(root) (accounts: \(names.isEmpty ? "none" : names.joined(separator: ", "))).
            Connect an account with:
              RAPPORT_CLIENT_SECRET=\(simulator.clientSecret) rapport account add EMAIL --api-base \(root)/ \\
                --auth-url \(root)/o/oauth2/v2/auth --token-url \(root)/token --client-id \(simulator.clientID)\
            \(args.value("--token-dir") == nil ? "" : " \\\n    --refresh-token-file \(args.value("--token-dir")!)/EMAIL.token")
            Press Ctrl-C to stop.
            """)
        simulator.serveUntilStopped()
        run.print("Simulator stopped.")
    }
}
