import CRMCore
import CRMStore
import Dispatch
import Foundation
import MailSync
import NcursesTerminal
import RapportApp
import TerminalUI

/// The full-screen app on this terminal: ncurses, the app controller, background sync, the stdin,
/// resize, hang-up and clock sources on the main queue. Runs until the user quits, then exits.
@MainActor
public final class FullScreenApp {
    private let terminal: NcursesTerminal
    private let controller: AppController
    private let sync: BackgroundSync?
    private var sources: [any DispatchSourceProtocol] = []
    private var signals: StopSignals?
    private let onQuit: () -> Void

    /// Starts ncurses and sync; `events` also sees every sync event (the demo answers sent mail).
    /// Attachments are saved into `downloadFolder` (a full path; nil: not from this window), and
    /// opened with `RAPPORT_OPENER` from `environment` when it is set.
    public init(store: Store, user: User, databasePath: String, connections: [SyncService.Connection], settings: SyncSettings,
         config: Config, environment: [String: String], downloadFolder: String? = nil,
         events: (@MainActor (SyncEvent) -> Void)? = nil, onQuit: @escaping () -> Void = {}) throws {
        // Read before the screen and sync start, so that a mistake in config.ini is one line on the terminal.
        let coldDays = try config.whole(.coldDays)
        let followupDays = try config.whole(.followupDays)
        // `w` in a message explains with the policy sync applies (`rapport explain` reads the same setting).
        store.contactCreation = settings.contactCreation
        let templates = TemplateFiles(environment: environment, home: URL(fileURLWithPath: databasePath).deletingLastPathComponent())
        let library = ThemeLibrary(environment: environment)
        let chosen = ThemeLibrary.chosenName(config: config, environment: environment)
        do {
            terminal = try NcursesTerminal(theme: .plain, environment: environment)
        } catch .notATerminal {
            throw CRMError("the full-screen app needs a terminal (\(NcursesTerminalError.notATerminal)); for scripts, see rapport help")
        } catch {
            throw TerminalRefusal(error)
        }
        let (theme, warning) = library.startingTheme(named: chosen, depth: terminal.colorDepth)
        terminal.setTheme(theme)
        let relay = EventRelay()
        let sink: SyncEventSink = { event in
            DispatchQueue.main.async { MainActor.assumeIsolated { relay.deliver(event) } }
        }
        sync = connections.isEmpty ? nil
            : BackgroundSync(databasePath: databasePath, connections: connections, settings: settings, sink: sink)
        let terminal = terminal
        let environmentForApp = AppController.Environment(
            editText: { text in
                terminal.suspend()
                defer { terminal.resume() }
                return ExternalEditor(environment: environment).edit(text)
            },
            setTheme: { name in
                guard terminal.colorDepth != .none else { return "This terminal shows no colour (or NO_COLOR is set)." }
                switch library.theme(named: name) {
                case .success(let theme):
                    terminal.setTheme(theme)
                    return nil
                case .failure(let problem):
                    return problem.message.prefix(1).uppercased() + problem.message.dropFirst() + "."
                }
            },
            sealingKey: {
                do {
                    return try SealingKey.own(environment: environment)
                } catch {
                    let reason = "\(error)"
                    throw CRMError("Cannot send: " + reason + ".")
                }
            },
            signature: SignatureFiles(environment: environment).signature(for:),
            templateNames: templates.names,
            template: templates.template(named:),
            downloadFolder: downloadFolder, opener: FileOpener(environment: environment))
        controller = AppController(store: store, user: user, terminal: terminal, sync: sync,
                                   undoWindow: settings.undoWindow, themeName: theme.name,
                                   coldDays: coldDays, followupDays: followupDays,
                                   environment: environmentForApp)
        self.onQuit = onQuit
        relay.deliver = { [controller] event in
            events?(event)
            controller.receive(event)
        }
        if let warning { controller.send([.failed(warning)]) }
    }

    /// Shows the first screen and serves keys, resizes, ticks and sync events until the user quits.
    public func run() -> Never {
        controller.start()
        let input = terminal.makeInputSource { [weak self] in self?.input() }
        input.resume()
        sources.append(input)
        signal(SIGWINCH, SIG_IGN)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        resize.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                if self.terminal.updateSize() { self.input() }
            }
        }
        resize.resume()
        sources.append(resize)
        let clock = DispatchSource.makeTimerSource(queue: .main)
        clock.schedule(deadline: .now() + 1, repeating: 1)
        clock.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.tick() } }
        clock.resume()
        sources.append(clock)
        // A hang-up (the SSH connection dropped) or a kill: the composer is saved as typed; stop cleanly.
        signals = StopSignals([SIGHUP, SIGTERM, SIGINT], queue: .main) { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.quit()
            }
        }
        dispatchMain()
    }

    private func input() {
        if terminal.inputHasEnded { quit() }
        controller.handleInput()
        if controller.state.shouldQuit { quit() }
    }

    private func tick() {
        controller.tick()
        if controller.state.shouldQuit { quit() }
    }

    private func quit() -> Never {
        sources.forEach { $0.cancel() }
        signals?.cancel()
        terminal.stop()
        sync?.stopAndWait(seconds: 5)
        onQuit()
        exit(0)
    }
}

/// Hands sync events (posted to the main queue) to whoever is listening.
@MainActor
final class EventRelay {
    var deliver: (SyncEvent) -> Void = { _ in }
}
