import Foundation
import GmailAPI
import GmailSimulator

/// A Gmail simulator serving on 127.0.0.1 with the given accounts and, unless `configure` sets one,
/// no quota; it stops with the fixture.
public final class RunningSimulator {
    public let simulator: GmailSimulator
    public let base: URL

    public init(accounts: [String] = [], configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = nil
        configure(&configuration)
        simulator = try GmailSimulator(configuration: configuration)
        for account in accounts { simulator.addAccount(email: account) }
        base = try simulator.start()
    }

    deinit { simulator.stop() }

    /// What `email` holds after signing in here: the simulator's OAuth client and a refresh token it issued.
    public func credentials(for email: String) -> Credentials {
        let configuration = simulator.configuration
        return Credentials(email: email, clientID: configuration.clientID, clientSecret: configuration.clientSecret,
                           refreshToken: simulator.issueRefreshToken(for: email),
                           tokenURL: base.appendingPathComponent("token"), apiBase: base,
                           scopes: configuration.defaultScopes)
    }

    /// A Gmail client signed in to `email` here, as a mailbox connected with `credentials(for:)` has;
    /// `onCall` paces it (a quota bucket) when given.
    public func client(for email: String, transport: any HTTPTransport = CurlTransport(),
                       costs: QuotaCostTable = .legacy, onCall: (@Sendable (GmailMethod, Int) -> Void)? = nil)
        -> GmailClient {
        GmailClient(baseURL: base, transport: transport,
                    tokens: TokenManager(credentials: credentials(for: email), store: nil, transport: transport),
                    costs: costs, onCall: onCall)
    }
}
