import DeterministicRandom
import Foundation

/// Who gets how many timeline entries, of which kind and when: a long tail (a few contacts with
/// thousands of entries, most with a handful), 80% mail and 20% calls, meetings and notes, spread
/// over two years and sorted by time, the order a mailbox sync would write them in.
struct ActivityPlan {
    /// What kind of record an entry comes from.
    enum Kind: UInt8 {
        /// Received mail (an incoming_emails row, direction in).
        case received
        /// Mail written and sent in Rapport (an outgoing_emails row, sent).
        case sentFromRapport
        /// Mail sent from Gmail itself, found by sync (an incoming_emails row, direction out).
        case sentFromGmail
        case call, meeting, note

        var isMail: Bool { rawValue <= Kind.sentFromGmail.rawValue }
    }

    /// One planned timeline entry.
    struct Entry {
        /// Seconds since 1970.
        let at: Int64
        let contact: Int32
        let kind: Kind
        /// For mail: the conversation, and whether this message answers an earlier one in it.
        let thread: Int32
        let subject: Int16
        let isReply: Bool
    }

    /// Entries per contact, indexed like the contacts.
    let counts: [Int]
    /// Every entry, oldest first.
    let entries: [Entry]

    static let span: TimeInterval = 2 * 365 * 86_400

    init(contacts: Int, activities total: Int, now: Date, random: inout SeededRandom) {
        counts = Self.skewedCounts(contacts: contacts, total: total, random: &random)
        var entries: [Entry] = []
        entries.reserveCapacity(total)
        var thread: Int32 = 0
        let end = now.timeIntervalSince1970
        for (contact, count) in counts.enumerated() where count > 0 {
            // A relationship starts some time in the last two years; its entries fall after that.
            let start = end - Self.span * (0.15 + 0.85 * random.unit())
            var times = (0..<count).map { _ in Int64(start + (end - start) * random.unit()) }
            times.sort()
            var subject: Int16 = 0
            var open = false
            for at in times {
                let kind = Self.kind(random: &random)
                var isReply = false
                if kind.isMail {
                    if open && random.chance(0.6) {
                        isReply = true
                    } else {
                        thread += 1
                        subject = Int16(random.below(Vocabulary.subjects.count))
                        open = true
                    }
                }
                entries.append(Entry(at: at, contact: Int32(contact), kind: kind, thread: thread, subject: subject,
                                     isReply: isReply))
            }
        }
        entries.sort { ($0.at, $0.contact) < ($1.at, $1.contact) }
        self.entries = entries
    }

    private static func kind(random: inout SeededRandom) -> Kind {
        let draw = random.unit()
        switch draw {
        case ..<0.44: return .received          // 80% mail: 55% received,
        case ..<0.72: return .sentFromRapport   // 35% sent from Rapport,
        case ..<0.80: return .sentFromGmail     // 10% sent from Gmail;
        case ..<0.89: return .note              // 20% by hand: 45% notes,
        case ..<0.96: return .call              // 35% calls,
        default: return .meeting                // 20% meetings.
        }
    }

    /// Splits `total` over the contacts: a fifth evenly (each contact gets a few), four fifths by
    /// Zipf's law over a random ranking (rank r gets a share ∝ 1/(r + 10)).
    private static func skewedCounts(contacts: Int, total: Int, random: inout SeededRandom) -> [Int] {
        guard contacts > 0 else { return [] }
        var ranks = Array(0..<contacts)
        ranks.shuffle(using: &random)
        let even = (0..<contacts).map { _ in 0.5 + random.unit() }
        let evenSum = even.reduce(0, +)
        let zipf = ranks.map { 1 / Double($0 + 11) }
        let zipfSum = zipf.reduce(0, +)
        var counts = (0..<contacts).map { index in
            Int(Double(total) * (0.2 * even[index] / evenSum + 0.8 * zipf[index] / zipfSum))
        }
        var missing = total - counts.reduce(0, +)
        while missing > 0 {
            counts[random.below(contacts)] += 1
            missing -= 1
        }
        return counts
    }
}
