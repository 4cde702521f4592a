import CRMCore
import CRMStore
import DeterministicRandom
import Dispatch
import RapportApp
import TerminalUI

/// The full-screen app in this process on a virtual terminal, driven by rounds of what a salesperson
/// does: through the mail list into a message, a look at the outbox, a contact found with the filter
/// and their timeline, an email to them kept as a draft, then search as you type. Each key is
/// timed from `handleInput()` until its frame is presented: the reducer, the effects with their store
/// queries and writes, the render and the diff, which is keypress to frame. Search runs when typing
/// pauses; that pause is timed on its own, from the pause until the results are drawn.
@MainActor
final class KeySession {
    /// What a key does, for the report.
    enum KeyKind: String, CaseIterable, Sendable {
        case movement = "movement (j k C-d C-u g G ↓)"
        case switching = "tab or pane (1 2 3 / Tab)"
        case open = "open (Enter, c)"
        case mailEnd = "G to the oldest of All Mail"
        case longConversation = "Enter on the 50-message conversation"
        case back = "back (q, Esc)"
        case filter = "contacts filter keystroke"
        case search = "search keystroke"
        case composer = "composer keystroke"
        /// Not a key: typing paused, the search ran and its results were drawn.
        case searchPause = "search after typing pauses"
    }

    /// One timed key press (or pause).
    struct Press: Sendable {
        let key: Key?
        let kind: KeyKind
        /// The screen the key was pressed on.
        let screen: Screen
        /// What was being typed, up to this key, or the keys this one came with.
        let context: String
        let milliseconds: Double
    }

    /// What a session measured.
    struct Report: Sendable {
        let size: TerminalSize
        let presses: [Press]
        /// `start()`: the first screen loaded and drawn.
        let startMilliseconds: Double
        let rounds: Int

        /// Key presses only, without the pauses.
        var keys: [Press] { presses.filter { $0.kind != .searchPause } }
        var pauses: [Press] { presses.filter { $0.kind == .searchPause } }
    }

    private let terminal: VirtualTerminal
    private let controller: AppController
    /// What the app asked to run after a wait; it runs when the script pauses.
    private let waiting = Waiting()
    private var presses: [Press] = []
    /// Frames drawn when pauses ran what waited for them.
    private var pauseFrames = 0
    private var random: SeededRandom
    /// Contacts to open, with where each stands in the list once the filter shows their name.
    private let targets: [(target: UIStoreBuilder.Target, index: Int)]

    /// A session for `user` on `store` at `size`; `busiest` and `ordinary` take turns as the contact of a round.
    init(store: Store, user: User, size: TerminalSize, busiest: [UIStoreBuilder.Target],
         ordinary: [UIStoreBuilder.Target], seed: UInt64) throws {
        terminal = VirtualTerminal(size: size)
        var environment = AppController.Environment()
        environment.after = { [waiting] _, work in MainActor.assumeIsolated { waiting.work.append(work) } }
        controller = AppController(store: store, user: user, terminal: terminal, sync: nil, environment: environment)
        random = SeededRandom(seed: seed)
        var targets: [(UIStoreBuilder.Target, Int)] = []
        for (busy, plain) in zip(busiest, ordinary) {
            for target in [busy, plain] {
                let listed = try store.contacts(in: user.scope, matching: target.name, limit: 500)
                guard let index = listed.firstIndex(where: { $0.id == target.id }) else {
                    throw CRMError("the contacts filter does not find \(target.name) (contact \(target.id))")
                }
                targets.append((target, index))
            }
        }
        self.targets = targets
    }

    /// Starts the app, then plays rounds until at least `keys` keys are timed.
    func run(keys: Int) throws -> Report {
        let began = DispatchTime.now().uptimeNanoseconds
        controller.start()
        let start = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
        var rounds = 0
        while presses.count < keys {
            try playRound(rounds)
            rounds += 1
        }
        let report = Report(size: terminal.size, presses: presses, startMilliseconds: start, rounds: rounds)
        guard terminal.framesPresented == report.keys.count + pauseFrames + 1 else {
            throw CRMError("the app presented \(terminal.framesPresented) frames for its start, \(report.keys.count) keys "
                           + "and \(pauseFrames) pauses; every key should give one frame")
        }
        return report
    }

    // MARK: the script

    private func playRound(_ round: Int) throws {
        // Mail: to the list, through it, into a message and back.
        try expect(.mail)
        press("Tab", .switching)
        press("j j j j j j j j C-d C-d k k k C-u G g j j j", .movement)
        press("Enter", .open)
        try expectConversation()
        press("j j C-d n p", .movement)
        press("q", .back)
        try expect(.mail)
        // The longest conversation, newest in the inbox, and the far end of All Mail.
        press("g", .movement)
        press("Enter", .longConversation)
        try expectConversation(messages: UIStoreBuilder.longThread)
        press("g G p p", .movement)
        press("q", .back)
        press("v v", .switching)
        press("G", .mailEnd)
        press("k k k g", .movement)
        press("V V", .switching)
        try expect(.mail)

        // A look at the outbox, then the contacts.
        press("2", .switching)
        press("j k", .movement)
        press("3", .switching)
        press("j j j j j C-d G g", .movement)

        // Find the round's contact with the filter and open their timeline.
        let (target, index) = targets[round % targets.count]
        press("f Home C-k", .filter)
        type(target.name, .filter)
        press("Enter", .filter)
        for _ in 0..<index { press("j", .movement) }
        press("Enter", .open)
        try expect(.timeline(contactID: target.id))
        press("j j j j j C-d C-d k G g j j", .movement)
        press("Enter", .open)
        if case .message = controller.state.currentScreen { press("q", .back) }
        try expect(.timeline(contactID: target.id))

        // An email to them, kept as a draft.
        press("c", .open)
        try expect(.composer)
        let topic = random.pick(Vocabulary.subjects)
        type("Following up: \(topic.lowercased())", .composer)
        press("Tab", .composer)
        type("Hi \(target.name.split(separator: " ")[0]),", .composer)
        press("Enter", .composer)
        type("could we talk about this on Thursday?", .composer)
        press("Esc", .back)
        try expect(.timeline(contactID: target.id))
        press("q", .back)
        try expect(.contacts)

        // Search as you type, a pause for the results, one opened and closed, and Esc back to Mail.
        press("/", .switching)
        let text = searchText(round: round, target: target)
        type(text, .search)
        pause(after: text)
        press("↓ ↓", .movement)
        press("Enter", .open)
        if controller.state.currentScreen != .search { press("q", .back) }
        try expect(.search)
        press("Esc", .back)
    }

    /// What round `round` searches for: the contact's last name, a topic, or both.
    private func searchText(round: Int, target: UIStoreBuilder.Target) -> String {
        let lastName = String(target.name.split(separator: " ").last ?? "").lowercased()
        let topic = random.pick(Vocabulary.subjects).split(separator: " ")[0].lowercased()
        switch round % 3 {
        case 0: return lastName
        case 1: return topic
        default: return "\(lastName) \(topic.prefix(3))"
        }
    }

    // MARK: timing

    /// Presses the keys of a script (`Key.script`) one at a time.
    private func press(_ script: String, _ kind: KeyKind) {
        for key in Key.script(script) { time(key, kind, context: script) }
    }

    /// Types `text` one character at a time, without pausing.
    private func type(_ text: String, _ kind: KeyKind) {
        var typed = ""
        for character in text {
            typed.append(character)
            time(.character(character), kind, context: "typed “\(typed)”")
        }
    }

    private func time(_ key: Key, _ kind: KeyKind, context: String) {
        let screen = controller.state.currentScreen
        terminal.type([key])
        let began = DispatchTime.now().uptimeNanoseconds
        controller.handleInput()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
        presses.append(Press(key: key, kind: kind, screen: screen, context: context, milliseconds: elapsed))
    }

    /// Typing pauses: what waited for the pause (the search) runs, timed until its frame is presented.
    private func pause(after typed: String) {
        let work = waiting.work
        waiting.work = []
        let screen = controller.state.currentScreen
        let framesBefore = terminal.framesPresented
        let began = DispatchTime.now().uptimeNanoseconds
        for item in work { item() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
        pauseFrames += terminal.framesPresented - framesBefore
        presses.append(Press(key: nil, kind: .searchPause, screen: screen, context: "after “\(typed)”",
                             milliseconds: elapsed))
    }

    private func expect(_ screen: Screen) throws {
        guard controller.state.currentScreen == screen else { throw offScript(expected: "\(screen)") }
    }

    /// A conversation is open (of `messages` messages, when given).
    private func expectConversation(messages: Int? = nil) throws {
        guard case .conversation = controller.state.currentScreen,
              messages.map({ $0 == controller.state.currentThread.count }) ?? true else {
            throw offScript(expected: "a conversation" + (messages.map { " of \($0) messages" } ?? ""))
        }
    }

    private func offScript(expected: String) -> CRMError {
        CRMError("the key script went off course: expected \(expected), the app shows \(controller.state.currentScreen)."
                 + " Screen:\n" + terminal.screen.lines.joined(separator: "\n"))
    }
}

/// Work waiting for a pause in typing.
@MainActor
final class Waiting {
    var work: [@MainActor () -> Void] = []
}
