import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import RapportTestSupport

/// A running Gmail simulator with one account and a real client talking to it over loopback HTTP.
final class SimulatorFixture {
    static let email = "dana@example.com"
    private let running: RunningSimulator
    let transport = CurlTransport()
    let tokens: TokenManager
    let client: GmailClient

    init(configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        running = try RunningSimulator(accounts: [Self.email], configure: configure)
        tokens = TokenManager(credentials: running.credentials(for: Self.email), store: nil, transport: transport)
        client = GmailClient(baseURL: running.base, transport: transport, tokens: tokens)
    }

    var simulator: GmailSimulator { running.simulator }
    var base: URL { running.base }

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
