import CRMCore
import DeterministicRandom
import Foundation
import MailFormat

/// The demo team's Gmail: months of threads with every contact (some with a teammate on copy, so two
/// mailboxes hold the same message), plus newsletters, vendors and strangers nobody has as a contact.
/// Repeatable: the same people and the same seed always give the same messages.
struct DemoConversations {
    /// One message as Gmail holds it in one mailbox.
    struct Delivery {
        let mailbox: String
        let raw: [UInt8]
        let labels: [String]
        let date: Date
    }

    /// A teammate and their mailbox.
    struct Member {
        let name: String
        let address: EmailAddress
    }

    let team: [Member]
    let contacts: [Contact]
    let now: Date
    var random = SeededRandom(seed: 20261129)

    static let topics: [(subject: String, opening: String, answer: String)] = [
        ("Pricing for next year", "Could you send the updated price list for the enterprise tier? We are planning the budget for next year and need the numbers by the end of the month.",
         "Of course. The enterprise tier stays at the same per-seat price; volume discounts start at 200 seats. I'll send the full sheet today."),
        ("Pilot results", "The pilot went well on our side; the team wants to discuss a wider rollout to the two other warehouses.",
         "That's great news. Shall we set up a call with your operations leads next week to plan the rollout?"),
        ("Contract renewal", "Our contract ends next quarter. What would a two-year renewal look like?",
         "A two-year term comes with a 10% discount and the support add-on included. I'll draft a proposal."),
        ("Intro call follow-up", "Thanks for the call today. As promised, here are the notes and the next steps we agreed on.",
         "Thank you for the notes. We'll review them internally and come back with questions by Thursday."),
        ("Security questionnaire", "Attached is our vendor security questionnaire; can you fill it in by Friday?",
         "Our security team is on it; you'll have the answers and our SOC 2 report by Thursday."),
        ("Onboarding schedule", "Can we book the onboarding sessions for the week of the 14th?",
         "The 14th and 16th work for us, 10:00 to 12:00 each day. I'll send invitations."),
        ("Invoice question", "Finance asked about line 4 on the last invoice; is that the support add-on?",
         "Yes, line 4 is the premium support add-on you chose in March. Happy to walk finance through it."),
        ("Demo for the ops team", "The operations leads would like a demo of the reporting module. Do you have time next week?",
         "Happy to. Tuesday at 14:00 or Wednesday at 10:00? The demo takes about 45 minutes."),
        ("Quote revision", "Could you revise the quote to include the training package?",
         "Here is the revised quote with the training package; the total changes by 4%."),
        ("Reference customer", "Do you have a customer in our industry we could talk to?",
         "Yes, two of our logistics customers are happy to take a call. I'll introduce you."),
    ]

    private static let closings = ["Best regards", "Thanks", "Kind regards", "Cheers", "All the best"]

    private static let noise: [(name: String, address: String, subject: String, body: String)] = [
        ("SaaS Weekly", "news@saasweekly.example", "This week in SaaS: pricing experiments",
         "Five companies share what happened when they changed their pricing pages. Read more on our site."),
        ("Travel Desk", "bookings@traveldesk.example", "Your trip to Lyon is confirmed",
         "Your booking is confirmed. Flight details and the hotel address are below."),
        ("IT Helpdesk", "helpdesk@northwind.example", "Scheduled maintenance on Saturday",
         "The VPN will be unavailable on Saturday from 22:00 to 23:00 for maintenance."),
        ("Events Team", "events@salesconf.example", "Your ticket for SalesConf 2027",
         "Thanks for registering. Your ticket and the programme are attached."),
        ("Office Manager", "office@northwind.example", "Friday lunch",
         "Lunch is on us this Friday; reply with your choice of the three menus."),
        ("A stranger", "hello@cold-outreach.example", "Quick question about your tooling",
         "I noticed your team is growing. Would you be open to a 15-minute call about our product?"),
    ]

    /// Every message of every mailbox, oldest first.
    mutating func deliveries() -> [Delivery] {
        var result: [Delivery] = []
        var sequence = 0
        func deliver(_ message: OutgoingMessage, to mailbox: EmailAddress, sent: Bool, unread: Bool) {
            var labels = sent ? ["SENT"] : ["INBOX"]
            if unread && !sent { labels.append("UNREAD") }
            result.append(Delivery(mailbox: mailbox.value, raw: MessageWriter.write(message), labels: labels,
                                   date: message.date))
        }
        for (index, contact) in contacts.enumerated() {
            guard let address = contact.emails.first else { continue }
            let owner = team[index % team.count]
            let teammate = team[(index + 1) % team.count]
            let quietDays = index % 7 == 0 ? 45 + index : 0
            let threads = 3 + Int(random.next() % 6)
            let first = contact.name.split(separator: " ").first.map(String.init) ?? contact.name
            for thread in 0..<threads {
                let topic = Self.topics[(index + thread * 3) % Self.topics.count]
                let copied = thread % 4 == 1
                var at = now.addingTimeInterval(-Double(quietDays * 86_400) - Double(random.next() % (120 * 86_400)))
                var references: [String] = []
                let length = 2 + Int(random.next() % 5)
                for step in 0..<length {
                    guard at < now else { break }
                    sequence += 1
                    let incoming = step % 2 == 0
                    let messageID = "demo-\(sequence)@\(incoming ? String(address.domain) : "northwind.example")"
                    let closing = Self.closings[Int(random.next() % UInt64(Self.closings.count))]
                    let body: String
                    if incoming {
                        body = "Hi \(owner.name.split(separator: " ").first ?? ""),\n\n"
                            + (step == 0 ? topic.opening : "Thanks, that helps. One more question: could we also cover this in the next call?")
                            + "\n\n\(closing),\n\(contact.name)\n\(contact.companyName ?? "")"
                    } else {
                        body = "Hi \(first),\n\n" + (step == 1 ? topic.answer : "Good question; I'll bring the details to the call.")
                            + "\n\n\(closing),\n\(owner.name)\nNorthwind"
                    }
                    var message = OutgoingMessage(
                        from: incoming ? MailAddress(name: contact.name, address: address.value)
                            : MailAddress(name: owner.name, address: owner.address.value),
                        to: [incoming ? MailAddress(name: owner.name, address: owner.address.value)
                            : MailAddress(name: contact.name, address: address.value)],
                        subject: step == 0 ? topic.subject : "Re: " + topic.subject, body: body, date: at,
                        messageID: messageID)
                    if copied { message.cc = [MailAddress(name: teammate.name, address: teammate.address.value)] }
                    message.inReplyTo = references.last
                    message.references = references
                    references.append(messageID)
                    let unread = step == length - 1 && at > now.addingTimeInterval(-7 * 86_400)
                    deliver(message, to: owner.address, sent: !incoming, unread: unread)
                    if copied { deliver(message, to: teammate.address, sent: false, unread: unread) }
                    at = at.addingTimeInterval(Double(1_800 + random.next() % (36 * 3_600)))
                }
            }
        }
        for member in team {
            for count in 0..<600 {
                let sender = Self.noise[count % Self.noise.count]
                sequence += 1
                let at = now.addingTimeInterval(-Double(random.next() % (120 * 86_400)))
                let message = OutgoingMessage(from: MailAddress(name: sender.name, address: sender.address),
                                              to: [MailAddress(name: member.name, address: member.address.value)],
                                              subject: sender.subject, body: sender.body, date: at,
                                              messageID: "demo-\(sequence)@noise.example")
                deliver(message, to: member.address, sent: false, unread: count % 5 == 0)
            }
        }
        return result.sorted { $0.date < $1.date }
    }
}
