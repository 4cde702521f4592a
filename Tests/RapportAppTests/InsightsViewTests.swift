import CRMCore
import Foundation
import Testing
import TerminalUI
@testable import RapportApp

/// The timeline's insights strip reads at a glance: the sparklines say what they count, over which
/// weeks and in which order, and a row breaks between values, never inside one.
@Suite struct InsightsViewTests {
    /// A contact who wrote every week and whom we answered, replying after 23h 52m each time.
    static func insights(now: Date) -> ContactInsights {
        var events: [ContactInsights.Event] = []
        for week in 0..<12 {
            let sent = now.addingTimeInterval(-Double(week * 7 + 40) * 86_400)
            events.append(.init(type: .email, direction: .outgoing, at: sent))
            events.append(.init(type: .email, direction: .incoming, at: sent.addingTimeInterval(23 * 3_600 + 52 * 60)))
        }
        return ContactInsights(events: events, now: now)
    }

    static func lines(width: Int) -> [String] {
        let state = AppState.testing()
        return TimelineView(state: state).insights(insights(now: state.now), width: width)
    }

    @Test func theSparklinesAreLabelledWithThePeriodAndTheOrder() {
        let lines = Self.lines(width: 200)
        #expect(lines.first?.hasPrefix("Emails a week, last 12 weeks, oldest → newest:") == true, "\(lines)")
        #expect(lines.first?.contains("in ") == true && lines.first?.contains("out ") == true)
    }

    @Test(arguments: [76, 96, 60, 40])
    func rowsBreakBetweenValuesAndFitTheWidth(width: Int) {
        let lines = Self.lines(width: width)
        #expect(lines.allSatisfy { TextWidth.of($0) <= width }, "\(lines)")
        #expect(lines.contains { $0.contains("they reply in ~23h 52m") }, "the reply time stays whole: \(lines)")
        #expect(lines.contains { $0.contains("going cold") })
        #expect(!lines.contains { $0.hasSuffix("·") || $0.hasPrefix("·") }, "no separator dangles at a break")
    }

    @Test func at80ColumnsTheStripTakesThreeRows() {
        // The timeline's card is the screen less its frame and margins: 76 columns at 80.
        let lines = Self.lines(width: 76)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines[0] == "Emails a week, last 12 weeks, oldest → newest:")
        #expect(lines[1].hasPrefix("in ") && lines[1].contains(" · out "), "the two sparklines side by side: \(lines)")
        #expect(lines.last == "last in 5w ago · last out 5w ago · they reply in ~23h 52m · going cold")
    }
}
