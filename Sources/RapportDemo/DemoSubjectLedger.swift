import Foundation

/// When each sender wrote each subject, so that the demo never has someone send the same subject
/// twice within a day, as no real person or newsletter does.
struct DemoSubjectLedger {
    static let day: TimeInterval = 86_400
    private var dates: [String: [Date]] = [:]

    private static func key(_ sender: String, _ subject: String) -> String { sender.lowercased() + "\n" + subject }

    /// The first moment at or after `date` more than a day away from every time `sender` wrote `subject`.
    func firstFree(sender: String, subject: String, from date: Date) -> Date {
        let taken = dates[Self.key(sender, subject)] ?? []
        var candidate = date
        while let clash = taken.first(where: { abs($0.timeIntervalSince(candidate)) < Self.day }) {
            candidate = clash.addingTimeInterval(Self.day + 3_600)
        }
        return candidate
    }

    /// Notes that `sender` wrote `subject` at `date`.
    mutating func record(sender: String, subject: String, at date: Date) {
        dates[Self.key(sender, subject), default: []].append(date)
    }
}
