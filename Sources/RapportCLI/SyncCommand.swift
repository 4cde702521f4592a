import CRMCore
import CRMStore
import Foundation
import MailSync
import RapportTerminal
import TerminalUI
import Synchronization

/// `rapport sync`: pull new mail and send due mail, once or as a daemon until SIGTERM.
enum SyncCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["sync"], summary: "pull new mail and send due outbox items (--once returns when caught up)",
                    options: [
                        .value("--account", "EMAIL", "only this mailbox"),
                        .flag("--once", "return when caught up instead of running until stopped"),
                        .flag("--json-progress", "write progress and failures as JSON lines on standard error"),
                        .value("--wait", "SECONDS", "with --once: how long to wait for another Rapport syncing "
                               + "the same mailbox (default 300)"),
                    ], run: sync),
    ]

    static func sync(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        var mailboxes = try store.mailboxes(in: .team(user.teamID), owner: user.id)
        if let text = run.arguments.value("--account") {
            guard let address = EmailAddress(text) else {
                throw UsageError("--account: “\(text)” is not an email address", command: "sync")
            }
            mailboxes = mailboxes.filter { $0.email == address }
            guard !mailboxes.isEmpty else { throw CRMError("\(address) is not one of your mailboxes; see rapport account list") }
        }
        guard !mailboxes.isEmpty else {
            throw CRMError("you have no mailbox to sync yet; connect one with rapport account add EMAIL")
        }
        let settings = try SyncSettings(config: run.config)
        let reporter = SyncReporter(console: run.console, json: run.arguments.flag("--json-progress"))
        let (connections, unavailable) = try MailboxConnections.make(for: mailboxes, store: store, settings: settings,
                                                                     environment: run.location.environment)
        for (mailbox, message) in unavailable {
            reporter.report(.failed(SyncFailure(account: mailbox.email.value, kind: .needsLogin, message: message)))
        }
        let service = try SyncService(store: store, connections: connections, settings: settings) { reporter.report($0) }
        // Ctrl-C or SIGTERM: the transaction in hand is finished, each mailbox set back to idle and its
        // lease let go before the process exits (kill -9 cannot be caught: then the lease tells).
        let signals = StopSignals { service.stop() }
        defer { signals.cancel() }
        if run.arguments.flag("--once") {
            var outcomes = service.runUntilCaughtUp()
            let busy = mailboxes.filter { outcomes[$0.email.value] == .busyElsewhere }
            if !busy.isEmpty {
                let patience = try waitLimit(run)
                for mailbox in busy where !reporter.json {
                    run.console.err("\(mailbox.email): \(try holderWords(mailbox, store: store)) is syncing it; "
                                    + "waiting up to \(Int(patience)) s for it to finish")
                }
                outcomes = service.catchUpAfterOthers(outcomes, patience: patience)
            }
            reporter.finish()
            let failed = outcomes.filter { $0.value != .caughtUp }
            for (account, outcome) in outcomes.sorted(by: { $0.key < $1.key }) where !reporter.json {
                let mailbox = mailboxes.first { $0.email.value == account }
                if outcome == .busyElsewhere, let mailbox {
                    run.print("\(account): still synced by \(try holderWords(mailbox, store: store)) after waiting; "
                              + "try again later, or wait longer with --wait SECONDS")
                    continue
                }
                let waiting = try mailbox.flatMap { try AccountCommands.waitingChanges($0, store: store) }
                run.print("\(account): \(outcome)" + (waiting.map { "; " + $0 } ?? ""))
            }
            if !failed.isEmpty || !unavailable.isEmpty { throw CommandFailed() }
            return
        }
        let heartbeat = SyncHeartbeat(databasePath: store.connection.path, mailboxes: connections.map(\.mailbox.id))
        service.runUntilStopped()
        heartbeat.stop()
        reporter.finish()
    }

    /// `--wait SECONDS`, 300 when not given.
    private static func waitLimit(_ run: Invocation) throws -> TimeInterval {
        guard let text = run.arguments.value("--wait") else { return 300 }
        guard let seconds = Int(text), (0...86_400).contains(seconds) else {
            throw UsageError("--wait wants a number of seconds from 0 to 86400, not “\(run.safe(text))”", command: "sync")
        }
        return TimeInterval(seconds)
    }

    /// Who holds a mailbox's lease, for people: "another Rapport (process 123 on host)".
    static func holderWords(_ mailbox: Mailbox, store: Store) throws -> String {
        guard let holder = try store.leaseHolder(mailbox: mailbox.id)?.holder else { return "another Rapport" }
        let parts = holder.split(separator: ":")
        guard parts.count >= 2 else { return "another Rapport (\(SafeText.line(holder)))" }
        return "another Rapport (process \(SafeText.line(String(parts[1]))) on \(SafeText.line(String(parts[0]))))"
    }
}

/// Shows sync events: JSON lines on standard error for scripts; for people, a progress bar per
/// account and phase on a terminal, and a line for each problem and each email sent or failed.
final class SyncReporter: Sendable {
    let console: Console
    let json: Bool
    private let bar = Mutex<(key: String, bar: ProgressBar)?>(nil)

    init(console: Console, json: Bool) {
        self.console = console
        self.json = json
    }

    func report(_ event: SyncEvent) {
        if json {
            console.err(event.jsonLine)
            return
        }
        switch event {
        case let .progress(account, phase, done, total):
            guard let words = Self.words(for: phase) else { return }
            bar.withLock { current in
                let key = "\(account) \(phase.rawValue)"
                if current?.key != key {
                    current?.bar.finish()
                    current = (key, ProgressBar(label: "\(account): \(words)", total: total))
                }
                current?.bar.update(done: done, total: total)
            }
        case .failed(let failure):
            say("rapport: \(failure.account): \(failure.message)")
        case .outboxChanged(let id, .sent):
            say("Sent outgoing email \(id).")
        case .outboxChanged(let id, .failed):
            say("Outgoing email \(id) failed; see rapport outbox show \(id).")
        default:
            break
        }
    }

    /// Ends a progress line in hand.
    func finish() {
        bar.withLock { current in
            current?.bar.finish()
            current = nil
        }
    }

    private func say(_ line: String) {
        finish()
        console.err(line)
    }

    /// What a phase's progress bar says; nil for sending, which gets a line per email instead.
    private static func words(for phase: SyncPhase) -> String? {
        switch phase {
        case .full: return "fetching mail"
        case .partial: return "new mail"
        case .backfill: return "new contacts' older mail"
        case .send: return nil
        }
    }
}
