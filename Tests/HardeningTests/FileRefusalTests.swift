import Foundation
import RapportTestSupport
import Testing
@testable import Hardening

/// One wording of what a path is and what to do, whoever opened it.
@Suite struct FileRefusalTests {
    @Test func whatAFileIsComesFromItsType() {
        #expect(FileRefusal.Kind(mode: S_IFREG | 0o644) == nil)
        #expect(FileRefusal.Kind(mode: S_IFDIR | 0o755) == .folder)
        #expect(FileRefusal.Kind(mode: S_IFIFO | 0o600) == .namedPipe)
        #expect(FileRefusal.Kind(mode: S_IFSOCK | 0o600) == .socket)
        #expect(FileRefusal.Kind(mode: S_IFLNK | 0o777) == .link)
        #expect(FileRefusal.Kind(mode: S_IFCHR | 0o666) == .device)
        #expect(FileRefusal.Kind(mode: S_IFBLK | 0o660) == .device)
        #expect(FileRefusal.Kind(mode: S_IFDIR | 0o700, wantingFolder: true) == nil)
        #expect(FileRefusal.Kind(mode: S_IFLNK | 0o777, wantingFolder: true) == .link)
        #expect(FileRefusal.Kind(mode: S_IFREG | 0o600, wantingFolder: true) == .notFolder)
    }

    /// `SafeFile` (the log, config, credentials) and `BoundedInput` (what people name) say the same.
    @Test(.timeLimit(.minutes(1))) func safeFileAndBoundedInputSayTheSame() throws {
        let folder = try TemporaryFolder("file-refusal")
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        var opened: FileRefusal?
        do { _ = try SafeFile(fifo, for: .read) } catch { opened = error }
        var read: FileRefusal?
        do { _ = try BoundedInput(file: fifo, limit: 10, overLimit: "").read() } catch { read = error }
        #expect(opened?.description == "cannot read \(fifo): it is a named pipe (FIFO), not a file; name a regular file")
        #expect(read?.description == opened?.description)
    }

    @Test func theDescriptionSaysWhatWasBeingDoneWhatItIsAndWhatToDo() {
        let link = FileRefusal("/home/x/logs/rapport.log", .link, action: "write to")
        #expect(link.description == "cannot write to /home/x/logs/rapport.log: it is a symbolic link, which Rapport does "
            + "not follow here; name the file it points to")
        #expect(link.described(advice: "remove it") == "cannot write to /home/x/logs/rapport.log: it is a symbolic link, "
            + "which Rapport does not follow here; remove it")
        let linked = FileRefusal("/home/x/logs/rapport.log", .hardLinked, action: "write to")
        #expect(linked.description == "cannot write to /home/x/logs/rapport.log: it has other names (hard links), which "
            + "Rapport does not write through; remove this name")
        #expect(linked.isWrongKind)
        let missing = FileRefusal("/nope", .system(ENOENT))
        #expect(missing.description == "cannot read /nope: No such file or directory" && missing.isMissing)
        #expect(!missing.isWrongKind && FileRefusal("/x", .notFolder).isWrongKind)
    }

    @Test func standardInputHasItsOwnAdvice() {
        func standardInput(_ kind: FileRefusal.Kind, overLimit: String = "") -> FileRefusal {
            FileRefusal(name: "standard input", kind: kind, action: "read", isStandardInput: true, takesStandardInput: true,
                        overLimit: overLimit)
        }
        #expect(standardInput(.closed).description == "cannot read standard input: it is closed; give the input with "
            + "< FILE or a pipe, or name a file instead of -")
        #expect(standardInput(.folder).reason == "it is a folder, not a file; give a file with < FILE or a pipe instead")
        #expect(standardInput(.tooLarge(limit: 1 << 20), overLimit: "raise it with --max-size MB").reason
            == "it is larger than 1 MB; raise it with --max-size MB")
    }

    @Test func sizesAreWordedInTheirLargestWholeUnit() {
        #expect(FileRefusal.size(100 << 20) == "100 MB")
        #expect(FileRefusal.size(64 << 10) == "64 KB")
        #expect(FileRefusal.size(1500) == "1500 bytes")
        #expect(FileRefusal.size((1 << 20) + 1) == "1048577 bytes")
    }
}
