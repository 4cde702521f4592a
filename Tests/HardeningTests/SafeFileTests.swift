import Foundation
import Hardening
import RapportTestSupport
import Testing

@Suite struct SafeFileTests {
    private func mode(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    @Test func aLinkAtTheLastStepIsNeverFollowed() throws {
        let folder = try TemporaryFolder("safefile")
        let victim = folder.url.appendingPathComponent("victim").path
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let link = folder.url.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)

        let purposes: [(SafeFile.Purpose, String)] = [(.read, "read"), (.append(creating: nil), "write to"),
                                                      (.append(creating: 0o600), "write to")]
        for (purpose, action) in purposes {
            #expect(throws: FileRefusal(link, .link, action: action)) { try SafeFile(link, for: purpose) }
        }
        #expect(throws: FileRefusal(link, .system(EEXIST), action: "create")) {
            try SafeFile(link, for: .createNew(mode: 0o600))
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")

        let linkedFolder = folder.url.appendingPathComponent("linked-folder").path
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder.url.path)
        for purpose: SafeFile.Purpose in [.folder(creating: nil), .folder(creating: 0o700)] {
            #expect(throws: FileRefusal(linkedFolder, .link, action: "open the folder")) {
                try SafeFile(linkedFolder, for: purpose)
            }
        }
    }

    @Test func aFIFOOrAFolderIsRefusedWithoutWaiting() throws {
        let folder = try TemporaryFolder("safefile")
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileRefusal(fifo, .namedPipe)) { try SafeFile(fifo, for: .read) }
        #expect(throws: FileRefusal(fifo, .namedPipe, action: "write to")) {
            try SafeFile(fifo, for: .append(creating: 0o600))
        }
        #expect(throws: FileRefusal(folder.url.path, .folder)) { try SafeFile(folder.url.path, for: .read) }
        #expect(throws: FileRefusal(fifo, .notFolder, action: "open the folder")) {
            try SafeFile(fifo, for: .folder(creating: nil))
        }
        // A device is looked at, not opened: opening one may have effects of its own.
        #expect(throws: FileRefusal("/dev/null", .device, action: "write to")) {
            try SafeFile("/dev/null", for: .append(creating: nil))
        }
    }

    /// Whoever can write the folder may give a file of someone else's a second name there (where the
    /// system does not forbid it: `fs.protected_hardlinks`); appending to that name would change the file.
    @Test func aFileWithAnotherNameIsNotAppendedTo() throws {
        let folder = try TemporaryFolder("safefile")
        let victim = folder.url.appendingPathComponent("victim").path
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let log = folder.url.appendingPathComponent("rapport.log").path
        #expect(link(victim, log) == 0)
        for purpose: SafeFile.Purpose in [.append(creating: nil), .append(creating: 0o600)] {
            #expect(throws: FileRefusal(log, .hardLinked, action: "write to")) { try SafeFile(log, for: purpose) }
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        // Reading through it is no risk: it gives no more than the file's own permissions do.
        #expect(try SafeFile(log, for: .read).size == 9)
        #expect(unlink(victim) == 0)
        try SafeFile(log, for: .append(creating: nil)).write(Array("logged\n".utf8))
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "precious\nlogged\n", "one name left: appended to")
    }

    /// The usual umask (022) would take the group's write bit and the world's read bit off these modes.
    @Test func newFilesHaveExactlyTheirModeWhateverTheUmask() throws {
        let folder = try TemporaryFolder("safefile")
        let shared = try SafeFile(folder.url.appendingPathComponent("shared.log").path, for: .append(creating: 0o660))
        try shared.write(Array("one\n".utf8))
        #expect(try mode(shared.path) == 0o660)
        let again = try SafeFile(shared.path, for: .append(creating: 0o600))
        try again.write(Array("two\n".utf8))
        #expect(try String(contentsOfFile: shared.path, encoding: .utf8) == "one\ntwo\n")
        #expect(try mode(shared.path) == 0o660, "an existing file keeps its mode")

        let parent = try SafeFile(folder.url.path, for: .folder(creating: nil))
        let new = try SafeFile("secret", in: parent, for: .createNew(mode: 0o600))
        #expect(new.path == folder.url.path + "/secret")
        #expect(try mode(new.path) == 0o600 && new.isOwnedByMe && !new.isReadableByOthers)
        let open = try SafeFile("open", in: parent, for: .createNew(mode: 0o666))
        #expect(try mode(open.path) == 0o666 && open.isWritableByOthers)
        let sub = try SafeFile("logs", in: parent, for: .folder(creating: 0o770))
        #expect(try mode(sub.path) == 0o770)
        #expect(throws: FileRefusal(new.path, .system(EEXIST), action: "create")) {
            try SafeFile("secret", in: parent, for: .createNew(mode: 0o600))
        }
    }

    @Test func readingIsBoundedAndNamesInAFolderAreRenamedAndRemoved() throws {
        let folder = try TemporaryFolder("safefile")
        let parent = try SafeFile(folder.url.path, for: .folder(creating: nil))
        let file = try SafeFile("a", in: parent, for: .createNew(mode: 0o644))
        try file.write(Array(repeating: 0x61, count: 100))
        try file.sync()
        #expect(try SafeFile("a", in: parent, for: .read).readAll(limit: 100).count == 100)
        #expect(throws: FileRefusal(file.path, .tooLarge(limit: 99))) {
            try SafeFile("a", in: parent, for: .read).readAll(limit: 99)
        }
        #expect(try SafeFile("a", in: parent, for: .read).isReadableByOthers)

        try parent.rename("a", to: "b")
        #expect(throws: FileRefusal(file.path, .system(ENOENT))) { try SafeFile("a", in: parent, for: .read) }
        #expect(try parent.remove("b"))
        #expect(try !parent.remove("b"))
    }

    @Test func aTemporaryFolderIsPrivateAndNew() throws {
        let first = try SafeFile.temporaryFolder(prefix: "rapport-test")
        let second = try SafeFile.temporaryFolder(prefix: "rapport-test")
        defer {
            rmdir(first)
            rmdir(second)
        }
        #expect(first != second)
        #expect(try mode(first) == 0o700)
        #expect(try SafeFile(first, for: .folder(creating: nil)).isOwnedByMe)
    }
}
