import CRMCore
import Foundation
import Hardening
import TerminalUI

/// Email templates: `NAME.md` in the user's own `$XDG_CONFIG_HOME/rapport/templates/`, then in the
/// team's home (`templates/` beside the database); the user's own wins a name both have. A team
/// template is text someone else wrote: it only ever fills a subject and a body (`MailTemplate`).
/// Each file is opened through `SafeFile` inside its folder (no link followed, regular files only)
/// and read up to `maximumBytes`; the user's own must also be theirs and not writable by others.
public struct TemplateFiles: Sendable {
    public let environment: [String: String]
    /// The team's home.
    public let home: URL

    /// The largest template read.
    public static let maximumBytes = 64 * 1024

    public init(environment: [String: String], home: URL) {
        self.environment = environment
        self.home = home
    }

    /// The user's own templates folder.
    var ownFolder: URL { SignatureFiles(environment: environment).folder.appendingPathComponent("templates") }

    /// The team's templates folder.
    var teamFolder: URL { home.appendingPathComponent("templates") }

    /// The template named `name`.
    /// - Throws: `CRMError` when the name is not one, no folder has it, or the file may not be used.
    public func template(named name: String) throws -> MailTemplate {
        guard MailTemplate.isValidName(name) else {
            throw CRMError("“\(SafeText.line(name))” is not a template name; use letters, digits, - and _ "
                           + "(the file is NAME.md)")
        }
        for (folder, isOwn) in [(ownFolder, true), (teamFolder, false)] {
            if let template = try read(name, in: folder, isOwn: isOwn) { return template }
        }
        throw CRMError("there is no template \(name): put \(name).md in \(ownFolder.path) (yours) "
                       + "or \(teamFolder.path) (your team's)")
    }

    /// The names of every template there is, yours and the team's, in order.
    public func names() -> [String] {
        let found = [ownFolder, teamFolder].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.filter(MailTemplate.isValidName)
        }
        return Array(Set(found)).sorted()
    }

    private func read(_ name: String, in folderURL: URL, isOwn: Bool) throws -> MailTemplate? {
        let folder: SafeFile
        let file: SafeFile
        do {
            folder = try SafeFile(folderURL.path, for: .folder(creating: nil))
            file = try SafeFile(name + ".md", in: folder, for: .read)
        } catch {
            if error.isMissing { return nil }
            throw CRMError("cannot use template \(name): \(error.description)")
        }
        if isOwn && !file.isOwnedByMe {
            throw CRMError("cannot use template \(name): \(file.path) belongs to another user")
        }
        if isOwn && file.isWritableByOthers {
            throw CRMError("cannot use template \(name): other users can change \(file.path); run chmod go-w \(file.path)")
        }
        do {
            let bytes = try file.readAll(limit: Self.maximumBytes)
            return MailTemplate(name: name, text: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw CRMError("cannot use template \(name): \(error.description)")
        }
    }
}
