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

        for purpose: SafeFile.Purpose in [.read, .append(creating: nil), .append(creating: 0o600)] {
            #expect(throws: SafeFileError(path: link, .symbolicLink)) { try SafeFile(link, for: purpose) }
        }
        #expect(throws: SafeFileError(path: link, .alreadyExists)) { try SafeFile(link, for: .createNew(mode: 0o600)) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")

        let linkedFolder = folder.url.appendingPathComponent("linked-folder").path
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder.url.path)
        #expect(throws: SafeFileError(path: linkedFolder, .symbolicLink)) { try SafeFile(linkedFolder, for: .folder(creating: nil)) }
        #expect(throws: SafeFileError(path: linkedFolder, .symbolicLink)) { try SafeFile(linkedFolder, for: .folder(creating: 0o700)) }
    }

    @Test func aFIFOOrAFolderIsRefusedWithoutWaiting() throws {
        let folder = try TemporaryFolder("safefile")
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: SafeFileError(path: fifo, .notRegularFile)) { try SafeFile(fifo, for: .read) }
        #expect(throws: SafeFileError(path: fifo, .notRegularFile)) { try SafeFile(fifo, for: .append(creating: 0o600)) }
        #expect(throws: SafeFileError(path: folder.url.path, .notRegularFile)) { try SafeFile(folder.url.path, for: .read) }
        #expect(throws: SafeFileError(path: fifo, .notFolder)) { try SafeFile(fifo, for: .folder(creating: nil)) }
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
        #expect(throws: SafeFileError(path: new.path, .alreadyExists)) { try SafeFile("secret", in: parent, for: .createNew(mode: 0o600)) }
    }

    @Test func readingIsBoundedAndNamesInAFolderAreRenamedAndRemoved() throws {
        let folder = try TemporaryFolder("safefile")
        let parent = try SafeFile(folder.url.path, for: .folder(creating: nil))
        let file = try SafeFile("a", in: parent, for: .createNew(mode: 0o644))
        try file.write(Array(repeating: 0x61, count: 100))
        try file.sync()
        #expect(try SafeFile("a", in: parent, for: .read).readAll(limit: 100).count == 100)
        #expect(throws: SafeFileError(path: file.path, .tooLarge(limit: 99))) { try SafeFile("a", in: parent, for: .read).readAll(limit: 99) }
        #expect(try SafeFile("a", in: parent, for: .read).isReadableByOthers)

        try parent.rename("a", to: "b")
        #expect(throws: SafeFileError(path: file.path, .missing)) { try SafeFile("a", in: parent, for: .read) }
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
