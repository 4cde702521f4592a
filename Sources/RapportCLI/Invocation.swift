import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// Everything one run of a command needs: its arguments, where the data is, who is asking, and
/// where output goes. The store opens on first use.
final class Invocation {
    let arguments: ParsedArguments
    let console: Console
    let location: HomeLocation
    let account: OSAccount
    /// The login given with `--as` or `RAPPORT_USER`, when it differs from the OS login.
    let requestedLogin: String?
    /// The secrets this run holds, kept out of standard error.
    let secrets: KnownSecrets
    private var openedStore: Store?
    /// Config warnings already said on this run (the user's own file is read for the home and the settings).
    private var saidConfigWarnings: Set<String> = []

    init(arguments: ParsedArguments, console: Console, location: HomeLocation, account: OSAccount,
         requestedLogin: String?, secrets: KnownSecrets) {
        self.arguments = arguments
        self.console = console
        self.location = location
        self.account = account
        self.requestedLogin = requestedLogin == account.login ? nil : requestedLogin
        self.secrets = secrets
    }

    var wantsJSON: Bool { arguments.flag("--json") }

    /// This run in another home (the demo's), as the OS user itself; what it said stays said.
    func moved(to home: HomeLocation) -> Invocation {
        let moved = Invocation(arguments: arguments, console: console, location: home, account: account,
                               requestedLogin: nil, secrets: secrets)
        moved.saidConfigWarnings = saidConfigWarnings
        return moved
    }

    /// The home's settings over the user's own (`ConfigFiles`); what was ignored is said on standard error.
    lazy var config: Config = {
        let files = ConfigFiles(location: location)
        sayConfigWarnings(files.warnings)
        return files.config
    }()

    /// Says each config warning on standard error, once per run.
    func sayConfigWarnings(_ warnings: [String]) {
        for warning in warnings where saidConfigWarnings.insert(warning).inserted { warn(warning) }
    }

    // MARK: the store

    /// The database, which must already exist (`rapport init` makes it).
    func store() throws -> Store {
        if let openedStore { return openedStore }
        let path = location.database.path
        guard FileManager.default.fileExists(atPath: path) else {
            if let closed = location.closedReason(to: account.login) { throw CRMError(closed) }
            throw CRMError("there is no Rapport database in \(location.home.path) yet; run rapport init "
                           + "(or point --home at the right folder)")
        }
        location.applyFileModePolicy()
        let store = try Store(path: path, create: false)
        openedStore = store
        return store
    }

    /// Creates the home folder and database when missing; says whether it was new.
    func createStore() throws -> (Store, created: Bool) {
        let path = location.database.path
        if let closed = location.closedReason(to: account.login) { throw CRMError(closed) }
        let existed = FileManager.default.fileExists(atPath: path)
        if !existed {
            do {
                try FileManager.default.createDirectory(at: location.home, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CRMError("cannot create the folder \(location.home.path): \(ErrorReason.text(for: error)); "
                               + "choose another with --home")
            }
        }
        location.applyFileModePolicy()
        let store = try Store(path: path, create: true)
        if !existed { chmod(path, location.isShared ? 0o660 : 0o600) }
        openedStore = store
        return (store, !existed)
    }

    // MARK: who is asking

    /// Whether the OS alone makes the caller an administrator of this home: root; the owner of a
    /// private home; and the owner of any other home until it has a Rapport administrator (so
    /// whoever made a team home can add its team and its first administrator). Owning the database
    /// file is not enough: in a shared folder it may have been put there by anyone who could write it.
    var administersHome: Bool {
        if account.uid == 0 { return true }
        guard location.owner == account.uid else { return false }
        return location.isPrivate || (try? store().hasAdministrator()) == false
    }

    /// The Rapport user acting: the OS login's, or (for administrators only) the one named by `--as`.
    func actingUser() throws -> User {
        let store = try store()
        if let requested = requestedLogin {
            let ownUser = try store.user(login: account.login)
            guard administersHome || ownUser?.isAdmin == true else {
                throw CRMError("only an administrator can act as another user (--as or RAPPORT_USER); "
                               + "leave it out to act as yourself (\(account.login))")
            }
            guard let user = try store.user(login: requested) else {
                throw CRMError("there is no Rapport user \(requested); add one with rapport user add \(requested) "
                               + "--name \"Full Name\" --team TEAM")
            }
            return user
        }
        guard let user = try store.user(login: account.login) else {
            throw CRMError("you (\(account.login)) are not a Rapport user yet; an administrator can add you with "
                           + "rapport user add \(account.login) --name \"Your Name\" --team TEAM")
        }
        return user
    }

    /// Refuses unless the caller administers the home (`administersHome`, or a Rapport admin).
    func requireAdministrator(for what: String) throws {
        if administersHome { return }
        if let user = try store().user(login: account.login), user.isAdmin { return }
        if location.isPrivate {
            throw CRMError("only an administrator can \(what); ask the owner of \(location.home.path) or root")
        }
        throw CRMError("only an administrator can \(what); in the shared home \(location.home.path) that is root or a "
                       + "Rapport user added with --admin (owning its files is not enough)")
    }

    // MARK: output

    func print(_ text: String) { console.out(text) }

    func printJSON(_ value: JSONValue) { console.out(value.rendered()) }

    /// A line on standard error, prefixed like every Rapport message.
    func warn(_ text: String) { console.err("rapport: " + text) }

    /// Text from mail or people, made safe for the terminal.
    func safe(_ text: String?) -> String { SafeText.line(text ?? "") }
}
