import Foundation
import MailFormat

/// Messages several test targets deliver to a simulated mailbox.
public enum TestMail {
    /// Carol Client's question "Pricing" (Message-ID `p1@client.example`) to `account` (Ann Lee)
    /// and Dan Deals, copied to Eve Early, answering `p0@client.example`.
    public static func question(to account: String) -> [UInt8] {
        var question = OutgoingMessage(from: MailAddress(name: "Carol Client", address: "carol@client.example"),
                                       to: [MailAddress(name: "Ann Lee", address: account),
                                            MailAddress(name: "Dan Deals", address: "dan@client.example")],
                                       subject: "Pricing", body: "Can you do 10% off?", date: Date(),
                                       messageID: "p1@client.example")
        question.cc = [MailAddress(name: "Eve Early", address: "eve@client.example")]
        question.inReplyTo = "p0@client.example"
        question.references = ["p0@client.example"]
        return MessageWriter.write(question)
    }
}
