import CRMCore
import CRMStore
import Foundation
import GmailAPI
import MailSync

/// `rapport service install|uninstall|status`: `rapport sync` kept running by systemd as a user
/// service (or by cron where there is no systemd), and whether a sync runs for each of your mailboxes.
enum ServiceCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["service", "install"], summary: "run rapport sync as a systemd user service (crontab lines without systemd)",
                    options: [.flag("--cron", "only print the crontab lines, for a system without systemd")],
                    run: install),
        CommandSpec(["service", "uninstall"], summary: "stop the service and remove its unit", run: uninstall),
        CommandSpec(["service", "status"], summary: "whether a sync runs for each of your mailboxes", run: status),
    ]

    static let unitName = "rapport-sync.service"

    static func install(_ run: Invocation) throws {
        _ = try run.actingUser()
        _ = try run.store()
        let program = try executable()
        let home = run.location.home.path
        let credentials = CredentialStore.defaultFolder(environment: run.location.environment)
        for path in [program, home, credentials] where !isPlain(path) {
            throw CRMError("\(run.safe(path)) has a character a service line cannot hold as it is (a space, quote, "
                           + "backslash or %); move it, or run rapport sync from cron or a terminal instead")
        }
        if run.arguments.flag("--cron") {
            printCronLines(run, program: program, home: home)
            return
        }
        let folder = run.location.systemdUserFolder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CRMError("cannot create \(folder.path): \(ErrorReason.text(for: error))")
        }
        let path = folder.appendingPathComponent(unitName).path
        let text = unit(program: program, home: home, credentials: credentials, login: run.account.login)
        try NewFile.write(to: path, mode: 0o644, replace: true) { temporary in
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        }
        run.print("Wrote \(path).")
        let steps = [["daemon-reload"], ["enable", "--now", unitName]]
        if hasSystemd(), steps.allSatisfy({ systemctl($0) }) {
            run.print("Started it: systemctl --user status \(unitName) shows how it runs.")
        } else {
            run.print("To start it now and at every login, run:")
            for step in steps { run.print("  systemctl --user " + step.joined(separator: " ")) }
            if !hasSystemd() {
                run.print("This machine is not running systemd, so that cannot work here yet.")
                printCronLines(run, program: program, home: home)
            }
        }
        run.print("To keep it running while you are logged out (and start it at boot), run once: "
                  + "loginctl enable-linger \(run.account.login)")
    }

    static func uninstall(_ run: Invocation) throws {
        let path = run.location.systemdUserFolder.appendingPathComponent(unitName).path
        guard NewFile.exists(path) else {
            run.print("No \(unitName) in \(run.location.systemdUserFolder.path); nothing to remove.")
            return
        }
        let stopped = hasSystemd() && systemctl(["disable", "--now", unitName])
        guard unlink(path) == 0 else { throw CRMError("cannot remove \(path): \(String(cString: strerror(errno)))") }
        _ = hasSystemd() && systemctl(["daemon-reload"])
        run.print("Removed \(path)." + (stopped ? " The service is stopped."
                                        : " If it still runs, stop it with: systemctl --user disable --now \(unitName)"))
    }

    static func status(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        let settings = try SyncSettings(config: run.config)
        let path = run.location.systemdUserFolder.appendingPathComponent(unitName).path
        run.print(NewFile.exists(path) ? "Service unit: \(path)." : "No service unit installed (rapport service install).")
        let mailboxes = try store.mailboxes(in: .team(user.teamID), owner: user.id)
        if mailboxes.isEmpty { run.print("You have no mailbox yet; connect one with rapport account add EMAIL.") }
        var stale = false
        for mailbox in mailboxes {
            let activity = try SyncActivity(mailbox, store: store, interval: settings.interval)
            stale = stale || !activity.isAlive
            run.print("\(mailbox.email): \(activity.words)")
        }
        if stale { throw CommandFailed() }
    }

    /// The unit: `rapport sync` restarted when it fails, with no new privileges, its own /tmp, and
    /// the system read-only but for the home (which holds the logs) and the credentials folder.
    static func unit(program: String, home: String, credentials: String, login: String) -> String {
        """
        [Unit]
        Description=Rapport mail sync for \(login) (\(home))
        Wants=network-online.target
        After=network-online.target

        [Service]
        Type=simple
        ExecStart=\(program) --home \(home) sync
        Environment=RAPPORT_CREDENTIALS_DIR=\(credentials)
        Restart=on-failure
        RestartSec=30
        NoNewPrivileges=yes
        PrivateTmp=yes
        ProtectSystem=strict
        ReadWritePaths=\(home) -\(credentials)

        [Install]
        WantedBy=default.target

        """
    }

    private static func printCronLines(_ run: Invocation, program: String, home: String) {
        run.print("Without systemd, add these lines to your crontab (crontab -e):")
        for line in cronLines(program: program, home: home) { run.print("  " + line) }
    }

    /// Cron's lines: the daemon at boot, and a catch-up every ten minutes should it have stopped
    /// (it waits for a running daemon rather than fail).
    static func cronLines(program: String, home: String) -> [String] {
        ["@reboot \(program) --home \(home) sync >> \(home)/logs/sync.log 2>&1",
         "*/10 * * * * \(program) --home \(home) sync --once --wait 60 >> \(home)/logs/sync.log 2>&1"]
    }

    /// This program's absolute path.
    private static func executable() throws -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard path.hasPrefix("/") else { throw CRMError("cannot tell where this rapport program is; run it by its full path") }
        return path
    }

    /// Whether a path can stand in a unit or crontab line unquoted.
    private static func isPlain(_ path: String) -> Bool {
        path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"\"'\\%;$`".unicodeScalars.contains($0) }
    }

    /// Whether this machine was booted with systemd.
    private static func hasSystemd() -> Bool {
        FileManager.default.fileExists(atPath: "/run/systemd/system")
    }

    /// Runs `systemctl --user ARGS`; true when it worked.
    private static func systemctl(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["systemctl", "--user"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
