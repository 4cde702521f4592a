import Foundation
import Hardening
import RapportTestSupport
import Testing

/// Saving into a folder never replaces or writes through anything that stands at a name.
@Suite struct SaveFolderTests {
    private func mode(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    private func contents(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path)))
    }

    @Test func aTakenNameGetsTheNextFreeNumberAndNothingIsOverwritten() throws {
        let folder = try TemporaryFolder("savefolder")
        let save = try SaveFolder(folder.url.path)
        let first = try save.save(Array("one".utf8), as: "quote.pdf")
        let second = try save.save(Array("two".utf8), as: "quote.pdf")
        let third = try save.save(Array("three".utf8), as: "quote.pdf")
        #expect(first == folder.url.path + "/quote.pdf")
        #expect(second == folder.url.path + "/quote (1).pdf")
        #expect(third == folder.url.path + "/quote (2).pdf")
        #expect(try contents(first) == Array("one".utf8))
        #expect(try contents(third) == Array("three".utf8))
        #expect(try mode(first) == 0o600)
    }

    @Test func aLinkOrAPipePlantedAtTheNameIsPassedOverNotFollowed() throws {
        let folder = try TemporaryFolder("savefolder")
        let victim = folder.url.appendingPathComponent("victim").path
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("quote.pdf").path,
                                                   withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("quote (1).pdf").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("nowhere").path)
        #expect(mkfifo(folder.url.appendingPathComponent("quote (2).pdf").path, 0o600) == 0)
        let saved = try SaveFolder(folder.url.path).save(Array("%PDF".utf8), as: "quote.pdf")
        #expect(saved == folder.url.path + "/quote (3).pdf")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("nowhere").path))
        #expect(try contents(saved) == Array("%PDF".utf8))
    }

    @Test func namesFromMailStayInTheFolder() throws {
        let folder = try TemporaryFolder("savefolder")
        let inner = folder.url.appendingPathComponent("inner")
        let save = try SaveFolder(inner.path)
        let saved = try save.save([1, 2, 3], as: "../../escape\u{1B}.sh")
        #expect(saved == inner.path + "/_.._escape.sh")
        #expect(try save.save([4], as: ".profile") == inner.path + "/profile")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["inner"])
    }

    @Test func aMissingFolderIsMadePrivateButNotItsParents() throws {
        let folder = try TemporaryFolder("savefolder")
        let made = folder.url.appendingPathComponent("Downloads").path
        _ = try SaveFolder(made)
        #expect(try mode(made) == 0o700)
        let deep = folder.url.appendingPathComponent("no/such/folder").path
        #expect(throws: FileRefusal(deep, .system(ENOENT), action: "open the folder")) { try SaveFolder(deep) }
        let file = folder.url.appendingPathComponent("file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: FileRefusal(file, .notFolder, action: "open the folder")) { try SaveFolder(file) }
    }

    @Test func aLinkToAFolderIsFollowedOnlyWhenItIsTheCallersOwn() throws {
        let folder = try TemporaryFolder("savefolder")
        let real = folder.url.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        let own = folder.url.appendingPathComponent("own").path
        try FileManager.default.createSymbolicLink(atPath: own, withDestinationPath: real.path)
        _ = try SaveFolder(own).save([7], as: "a.bin")
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("a.bin").path))
        guard geteuid() == 0 else { return }
        let planted = folder.url.appendingPathComponent("planted").path
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: real.path)
        #expect(lchown(planted, 65534, 65534) == 0)
        #expect(throws: FileRefusal(planted, .someoneElsesLink, action: "open the folder")) { try SaveFolder(planted) }
    }
}
