import Foundation
import GmailAPI
import GmailSimulator
import MailFormat

/// A running Gmail simulator with one account and a real client talking to it over loopback HTTP.
final class SimulatorFixture {
    static let email = "dana@example.com"
    let simulator: GmailSimulator
    let base: URL
    let transport = URLSessionTransport()
    let tokens: TokenManager
    let client: GmailClient

    init(configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = nil
        configure(&configuration)
        simulator = try GmailSimulator(configuration: configuration)
        simulator.addAccount(email: Self.email)
        base = try simulator.start()
        let credentials = Credentials(email: Self.email, clientID: configuration.clientID,
                                      clientSecret: configuration.clientSecret,
                                      refreshToken: simulator.issueRefreshToken(for: Self.email),
                                      accessToken: nil, accessTokenExpiresAt: nil,
                                      tokenURL: base.appendingPathComponent("token"), apiBase: base,
                                      scopes: configuration.defaultScopes)
        tokens = TokenManager(credentials: credentials, store: nil, transport: transport)
        client = GmailClient(baseURL: base, transport: transport, tokens: tokens)
    }

    deinit { simulator.stop() }

    /// A message written by Rapport's own writer, delivered to the account's inbox.
    @discardableResult
    func deliver(subject: String, from: String = "carol@client.example", body: String = "Hello there",
                 attachment: [UInt8]? = nil, at date: Date = Date(), inReplyTo: String? = nil) -> String {
        var message = OutgoingMessage(from: MailAddress(name: "Carol", address: from),
                                      to: [MailAddress(name: nil, address: Self.email)], subject: subject, body: body,
                                      date: date, messageID: "\(UUID().uuidString)@client.example")
        if let inReplyTo {
            message.inReplyTo = inReplyTo
            message.references = [inReplyTo]
        }
        if let attachment {
            message.attachments = [.init(filename: "quote.pdf", contentType: "application/pdf", data: attachment)]
        }
        return simulator.deliver(raw: MessageWriter.write(message), to: Self.email, internalDate: date)
    }

    /// How many requests of `method` reached the simulator.
    func requests(_ method: APIMethod) -> [RequestLogEntry] {
        simulator.requestLog.filter { $0.method == method }
    }
}
