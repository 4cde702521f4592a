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

    /// The home's settings over the user's own (`ConfigFiles`); what was ignored is said on standard error.
    lazy var config: Config = {
        let files = ConfigFiles(location: location)
        files.warnings.forEach(warn)
        return files.config
    }()

    // MARK: the store

    /// The database, which must already exist (`rapport init` makes it).
    func store() throws -> Store {
        if let openedStore { return openedStore }
        let path = location.database.path
        guard FileManager.default.fileExists(atPath: path) else {
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

    /// Whether the OS user administers this database: root, or the owner of the database file.
    var isDatabaseAdministrator: Bool {
        account.uid == 0 || location.databaseOwner == account.uid
    }

    /// The Rapport user acting: the OS login's, or (for administrators only) the one named by `--as`.
    func actingUser() throws -> User {
        let store = try store()
        if let requested = requestedLogin {
            let ownUser = try store.user(login: account.login)
            guard isDatabaseAdministrator || ownUser?.isAdmin == true else {
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

    /// Refuses unless the caller administers the database (root, its owner, or a Rapport admin).
    func requireAdministrator(for what: String) throws {
        if isDatabaseAdministrator { return }
        if let user = try store().user(login: account.login), user.isAdmin { return }
        throw CRMError("only an administrator can \(what); ask the owner of \(location.database.path)")
    }

    // MARK: output

    func print(_ text: String) { console.out(text) }

    func printJSON(_ value: JSONValue) { console.out(value.rendered()) }

    /// A line on standard error, prefixed like every Rapport message.
    func warn(_ text: String) { console.err("rapport: " + text) }

    /// Text from mail or people, made safe for the terminal.
    func safe(_ text: String?) -> String { SafeText.line(text ?? "") }
}
