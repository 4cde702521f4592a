import Foundation
import GmailSimulator

/// A running simulator with one account and an access token, for tests.
struct Fixture {
    let simulator: GmailSimulator
    let http: SimulatorHTTP
    let account: String
    let token: String

    /// No quota, so tests about other things are not throttled.
    static var unlimited: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = nil
        return configuration
    }

    init(configuration: SimulatorConfiguration = Fixture.unlimited, account: String = "dana@example.com") throws {
        var configuration = configuration
        configuration.seed = 42
        simulator = try GmailSimulator(configuration: configuration)
        http = SimulatorHTTP(try simulator.start())
        self.account = account
        simulator.addAccount(email: account)
        token = simulator.issueAccessToken(for: account)
    }

    func get(_ target: String) throws -> SimulatorHTTP.Response { try http.get(target, token: token) }
    func post(_ target: String, _ json: Any) throws -> SimulatorHTTP.Response { try http.post(target, token: token, json: json) }

    var historyId: String { simulator.historyId(for: account)! }

    func stop() { simulator.stop() }
}
