import Foundation
import Hardening
import RapportTestSupport
import Testing

/// The one reader of files people name: regular files only, never blocking, never past its limit.
@Suite struct BoundedInputTests {
    /// A private folder for one test, removed afterwards.
    final class Folder {
        private let folder: TemporaryFolder
        var path: String { folder.url.path }

        init() throws {
            folder = try TemporaryFolder("bounded-input")
        }

        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    private func refusal(_ input: BoundedInput) -> FileRefusal? {
        do {
            _ = try input.read()
            return nil
        } catch {
            return error
        }
    }

    @Test func readsARegularFileUpToItsLimit() throws {
        let folder = try Folder()
        let bytes = Array("From: a@b.example\r\n\r\nhello".utf8)
        let path = try folder.file("m.eml", bytes)
        #expect(try BoundedInput(path, limit: bytes.count, overLimit: "").read() == bytes)
        #expect(try BoundedInput(path, limit: bytes.count, overLimit: "").size() == bytes.count)
        #expect(try BoundedInput(path, limit: bytes.count, overLimit: "").mapped() == Data(bytes))
        let over = try #require(refusal(BoundedInput(path, limit: bytes.count - 1, overLimit: "split it")))
        #expect(over.kind == .tooLarge(limit: bytes.count - 1))
        #expect(over.description == "cannot read \(path): it is larger than \(bytes.count - 1) bytes; split it")
        #expect(try BoundedInput(try folder.file("empty", []), limit: 10, overLimit: "").read() == [])
        #expect(try BoundedInput(try folder.file("empty2", []), limit: 10, overLimit: "").mapped() == Data())
    }

    @Test func theLimitIsNamedInMegabytes() throws {
        let folder = try Folder()
        let path = try folder.file("big", [UInt8](repeating: 0x41, count: (1 << 20) + 1))
        let over = try #require(refusal(BoundedInput(path, limit: 1 << 20, overLimit: "raise it with --max-size MB")))
        #expect(over.reason == "it is larger than 1 MB; raise it with --max-size MB")
        #expect(throws: FileRefusal.self) { try BoundedInput(path, limit: 1 << 20, overLimit: "").mapped() }
        #expect(throws: FileRefusal.self) { try BoundedInput(path, limit: 1 << 20, overLimit: "").size() }
    }

    @Test func aFolderIsRefused() throws {
        let folder = try Folder()
        let refused = try #require(refusal(BoundedInput(folder.path, limit: 100, overLimit: "")))
        #expect(refused.kind == .folder)
        #expect(refused.reason == "it is a folder, not a file; name a file in it")
    }

    /// A FIFO with no writer would block a plain open() forever; it is refused at once.
    @Test(.timeLimit(.minutes(1))) func aNamedPipeIsRefusedWithoutWaiting() throws {
        let folder = try Folder()
        let path = folder.path + "/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        for input in [BoundedInput(path, limit: 100, overLimit: ""),
                      BoundedInput(file: path, followingOwnLink: false, limit: 100, overLimit: "")] {
            let refused = try #require(refusal(input))
            #expect(refused.kind == .namedPipe)
            #expect(refused.isWrongKind)
        }
        // The advice mentions - only where - means standard input.
        #expect(refusal(BoundedInput(path, limit: 100, overLimit: ""))?.reason
            == "it is a named pipe (FIFO), not a file; to read from a pipe, give - and pipe it into standard input")
        #expect(refusal(BoundedInput(file: path, limit: 100, overLimit: ""))?.reason
            == "it is a named pipe (FIFO), not a file; name a regular file")
        #expect(throws: FileRefusal.self) { try BoundedInput(path, limit: 100, overLimit: "").mapped() }
    }

    @Test func devicesAndSocketsAreRefused() throws {
        for device in ["/dev/zero", "/dev/null", "/dev/urandom"] {
            #expect(refusal(BoundedInput(device, limit: 100, overLimit: ""))?.kind == .device, "\(device)")
        }
        let folder = try Folder()
        let path = folder.path + "/socket"
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(server) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(refusal(BoundedInput(path, limit: 100, overLimit: ""))?.kind == .socket)
    }

    @Test func aMissingFileSaysSoInTheSystemsWords() throws {
        let folder = try Folder()
        let refused = try #require(refusal(BoundedInput(folder.path + "/nope", limit: 100, overLimit: "")))
        #expect(refused.kind == .system(ENOENT))
        #expect(refused.reason == "No such file or directory")
        #expect(!refused.isWrongKind)
    }

    @Test func aLinkIsFollowedOnlyWhenNamedAndOwnedByTheCaller() throws {
        let folder = try Folder()
        let target = try folder.file("target", Array("hello".utf8))
        let link = folder.path + "/link"
        #expect(symlink(target, link) == 0)
        #expect(try BoundedInput(link, limit: 100, overLimit: "").read() == Array("hello".utf8))
        // Inside a folder being imported, a link is never followed.
        let inside = try #require(refusal(BoundedInput(file: link, followingOwnLink: false, limit: 100, overLimit: "")))
        #expect(inside.kind == .link && inside.isWrongKind)
        // A link to a FIFO is refused as the FIFO it leads to.
        let pipe = folder.path + "/pipe"
        #expect(mkfifo(pipe, 0o600) == 0)
        let pipeLink = folder.path + "/pipe-link"
        #expect(symlink(pipe, pipeLink) == 0)
        #expect(refusal(BoundedInput(pipeLink, limit: 100, overLimit: ""))?.kind == .namedPipe)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a link to another user"))
    func someoneElsesLinkIsNotFollowed() throws {
        let folder = try Folder()
        let target = try folder.file("secret", Array("mine".utf8))
        let link = folder.path + "/planted"
        #expect(symlink(target, link) == 0)
        #expect(lchown(link, 65534, 65534) == 0)
        let refused = try #require(refusal(BoundedInput(link, limit: 100, overLimit: "")))
        #expect(refused.kind == .someoneElsesLink)
        #expect(refused.reason.contains("belongs to another user"))
    }

    /// A secret's reader warns when others can read it: it sees the file opened, before a byte is read.
    @Test func theOpenedFileIsShownBeforeItIsRead() throws {
        let folder = try Folder()
        let path = try folder.file("secret", Array("s3cret".utf8))
        #expect(chmod(path, 0o644) == 0)
        var seen: [(path: String, readableByOthers: Bool)] = []
        #expect(try BoundedInput(file: path, limit: 100, overLimit: "").read { seen.append(($0.path, $0.isReadableByOthers)) }
            == Array("s3cret".utf8))
        #expect(seen.map(\.path) == [path] && seen.map(\.readableByOthers) == [true])
        seen = []
        _ = try? BoundedInput(file: path, limit: 3, overLimit: "").read { seen.append(($0.path, $0.isReadableByOthers)) }
        #expect(seen.count == 1, "seen even when the file then turns out too large")
        let link = folder.path + "/link"
        #expect(symlink(path, link) == 0)
        seen = []
        #expect(throws: FileRefusal.self) {
            try BoundedInput(file: link, followingOwnLink: false, limit: 100, overLimit: "").read { seen.append(($0.path, true)) }
        }
        #expect(seen.isEmpty, "nothing is shown of what was refused")
    }

    @Test func standardInputIsNamedSo() {
        #expect(BoundedInput("-", limit: 1, overLimit: "").source == .standardInput)
        #expect(BoundedInput("-", limit: 1, overLimit: "").name == "standard input")
        #expect(BoundedInput(file: "-", limit: 1, overLimit: "").source == .file("-"))
    }
}
