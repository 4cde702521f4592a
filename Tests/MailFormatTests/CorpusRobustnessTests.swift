import Foundation
import Testing
@testable import MailFormat

/// Every file of every set parses, and every decoded field can be read, quickly and without a crash.
@Suite struct CorpusRobustnessTests {
    @Test func everyCorpusFileParsesWithoutCrashOrHang() throws {
        guard MIMECorpus.isAvailable else { return MIMECorpus.skipNote() }
        let files = MIMECorpus.files(in: "", suffixes: [".eml", ".msg", ".txt", ".raw", ".mbox", "rlug"])
            .filter { !$0.lastPathComponent.contains("_decoded_") && !$0.lastPathComponent.hasPrefix("LICENSE") }
        #expect(files.count > 250)
        var slowest = (0.0, "")
        for file in files {
            let started = Date()
            let message = Message(bytes: MIMECorpus.bytes(file))
            _ = Self.touchEverything(message)
            let elapsed = Date().timeIntervalSince(started)
            if elapsed > slowest.0 { slowest = (elapsed, file.lastPathComponent) }
            #expect(elapsed < 1, "\(file.path) took \(elapsed) s")
        }
        print("robustness: \(files.count) files parsed; slowest \(slowest.1) in \(String(format: "%.3f", slowest.0)) s")
    }

    /// Reads every decoded field of a message and its nested messages; returns a count so nothing is optimised away.
    static func touchEverything(_ message: Message) -> Int {
        var total = (message.subject?.count ?? 0) + message.from.count + message.to.count + message.cc.count
            + message.replyTo.count + (message.date == nil ? 0 : 1) + (message.messageID?.count ?? 0)
            + message.inReplyTo.count + message.references.count
        total += (message.text?.count ?? 0) + (message.html?.count ?? 0)
        for part in message.bodyStructure.attachments {
            total += part.decodedBody.count + (part.filename?.count ?? 0)
            if case .message(let inner) = part.content { total += touchEverything(inner) }
        }
        return total
    }
}
