import CRMCore
import Foundation
import Testing
@testable import RapportApp

/// A filter's full page is not counted (that would scan every contact on each key typed): the list
/// says "100+" and reads the next page at its end; a short page is the whole answer.
@Suite struct ContactsPagingTests {
    private func page(_ count: Int, from first: Int64 = 1) -> [ContactSummary] {
        (0..<Int64(count)).map { .testing(.testing(first + $0, "Contact \(first + $0)", "c\(first + $0)@acme.example")) }
    }

    @Test func aFullFilteredPageSaysPlusAndReadsOnAtItsEnd() {
        var state = AppState.testing(on: .contacts)
        state.contactFilter.text = "c"
        state.reduce(.loaded(.contacts(filter: "c", page(AppState.contactPage), total: nil)))
        #expect(state.contactTotal == nil)
        var buffer = AppView(state: state).render().lines.joined(separator: "\n")
        #expect(buffer.contains("Contacts (\(AppState.contactPage)+)"), "\(buffer)")
        let effects = state.press("G")
        #expect(effects.contains(.load(.contacts(filter: "c", limit: 2 * AppState.contactPage))), "\(effects)")
        state.reduce(.loaded(.contacts(filter: "c", page(AppState.contactPage + 7), total: AppState.contactPage + 7)))
        buffer = AppView(state: state).render().lines.joined(separator: "\n")
        #expect(buffer.contains("Contacts (\(AppState.contactPage + 7))"), "\(buffer)")
        #expect(state.press("G").isEmpty, "the whole list is read")
    }
}
