import CRMCore
import Foundation
import TerminalUI
@testable import RapportApp

/// What the reducer tests share: Ann at 80×24 with the clock stopped, and keys typed as a script,
/// so a test reads as a state in, keys pressed, a state and its effects out.
extension AppState {
    /// 2026-11-18 11:06:40 UTC: the clock of every app test (`AppFixture` too).
    static let testNow = Date(timeIntervalSince1970: 1_795_000_000)
    static let ann = User(id: 1, login: "ann", name: "Ann Lee", teamID: 1, isAdmin: false)

    /// Ann's app on `screen`, nothing loaded yet.
    static func testing(on screen: Screen = .mail) -> AppState {
        var state = AppState(user: ann, size: TerminalSize(columns: 80, rows: 24), now: testNow)
        state.screen = screen
        return state
    }

    /// Types `script` (see `Key.script`) through `reducer`; the effects of every key, in order.
    @discardableResult
    mutating func press(_ script: String, _ reducer: Reducer = Reducer()) -> [Effect] {
        Key.script(script).flatMap { reducer.reduce(&self, .key($0)) }
    }

    /// Reduces one action through `reducer`; its effects.
    @discardableResult
    mutating func reduce(_ action: Action, _ reducer: Reducer = Reducer()) -> [Effect] {
        reducer.reduce(&self, action)
    }
}

extension AppState {
    /// Where activity `id` is on the loaded timeline.
    func timelineIndex(of id: Int64) -> Int? {
        timeline?.activities.firstIndex { $0.id == id }
    }
}
