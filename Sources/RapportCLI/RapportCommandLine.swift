import CRMCore
import CRMStore
import Foundation
import Hardening
import RapportTerminal

/// The `rapport` command line: finds the command, runs it, and turns every failure into one clear
/// line on standard error with exit code 1 (the work failed) or 2 (the command line, or the terminal
/// for the full-screen app, was wrong).
public enum RapportCommandLine {
    public static let version = "0.1.0"

    /// Runs one command line (without the program name) and returns the exit code.
    public static func main(arguments: [String], console: Console = .standard,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        StandardStreams.reserveClosed()
        let secrets = KnownSecrets()
        let console = console.redactingErrors(knowing: secrets)
        var words = arguments
        var homeFlag: String?
        var asFlag: String?
        var help = false
        var location: HomeLocation?
        do {
            words = try extractGlobals(words, home: &homeFlag, as: &asFlag, help: &help)
            if words.first == "--version" {
                console.out("rapport \(version)")
                return 0
            }
            if words.isEmpty && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !help {
                words = ["ui"]
            }
            if words.isEmpty || words.first == "help" {
                console.out(CommandTable.help(for: Array(words.dropFirst())))
                return 0
            }
            let (spec, rest) = try CommandTable.find(words)
            if help {
                console.out(CommandTable.help(for: spec.path))
                return 0
            }
            let home = try HomeLocation(homeFlag: homeFlag, environment: environment)
            location = home
            let account = OSAccount.current
            let log = EventLog(home: home)
            do {
                let parsed = try ParsedArguments(rest, spec: spec)
                let requested = asFlag ?? environment["RAPPORT_USER"].flatMap { $0.isEmpty ? nil : $0 }
                let invocation = Invocation(arguments: parsed, console: console, location: home, account: account,
                                            requestedLogin: requested, secrets: secrets)
                if home.source != .flag && home.source != .environment {
                    // The user's own file was read to find the home: say now if it was ignored.
                    invocation.sayConfigWarnings(home.ownConfig.warnings)
                }
                try spec.run(invocation)
                log.write(EventLog.commandLine(spec.name, exitCode: 0, failure: nil), login: account.login, console: console)
                return 0
            } catch {
                let code: Int32 = (error as? CommandFailed)?.exitCode ?? (error is UsageError || error is TerminalRefusal ? 2 : 1)
                log.write(EventLog.commandLine(spec.name, exitCode: code, failure: EventLog.kind(of: error)),
                          login: account.login, console: console)
                throw error
            }
        } catch let error as UsageError {
            let pointer = error.command.map { " (see rapport help \($0))" } ?? " (see rapport help)"
            console.err("rapport: \(error.description)\(pointer)")
            return 2
        } catch let refusal as TerminalRefusal {
            console.err("rapport: \(refusal.description)")
            return 2
        } catch let failure as CommandFailed {
            return failure.exitCode
        } catch {
            console.err("rapport: " + FailureMessage.text(for: error, database: location?.database.path ?? "the database"))
            return 1
        }
    }

    /// Pulls `--home DIR`, `--as LOGIN` and `--help` out of the words, wherever they stand.
    private static func extractGlobals(_ words: [String], home: inout String?, as login: inout String?,
                                       help: inout Bool) throws -> [String] {
        var rest: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                rest += words[(index - 1)...]
                break
            }
            switch word {
            case "--help", "-h":
                help = true
            case "--home", "--as":
                guard index < words.count else { throw UsageError("\(word) needs a value") }
                if word == "--home" { home = words[index] } else { login = words[index] }
                index += 1
            case _ where word.hasPrefix("--home="):
                home = String(word.dropFirst(7))
            case _ where word.hasPrefix("--as="):
                login = String(word.dropFirst(5))
            default:
                rest.append(word)
            }
        }
        return rest
    }
}

/// A command already reported its own failure on standard error; only the exit code is left to give.
struct CommandFailed: Error {
    var exitCode: Int32 = 1
}
