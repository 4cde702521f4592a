import DeterministicRandom
import Foundation
import MailFormat
import Testing

/// A 25 MB message with a large attachment parses in bounded memory: measured on the real binary,
/// so nothing else in the test process can blur the figure.
@Suite struct CLILargeMessageTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func aTwentyFiveMegabyteMessageParsesInBoundedMemory() throws {
        let home = try CLIHome()
        var random = SeededRandom(seed: 25)
        var attachment = [UInt8](repeating: 0, count: 18 * 1_048_576)
        attachment.withUnsafeMutableBytes { buffer in
            for offset in stride(from: 0, to: buffer.count, by: 8) {
                buffer.storeBytes(of: random.next(), toByteOffset: offset, as: UInt64.self)
            }
        }
        var message = Array("""
            From: Big Sender <big@example.com>\r
            To: ann@example.com\r
            Subject: The whole archive\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Here is everything.\r
            --b1\r
            Content-Type: application/zip; name="archive.zip"\r
            Content-Disposition: attachment; filename="archive.zip"\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        message += Base64.encode(attachment)
        message += Array("\r\n--b1--\r\n".utf8)
        #expect(message.count > 24 * 1_048_576)
        let file = home.folder.appendingPathComponent("big.eml")
        try Data(message).write(to: file)

        // GNU time reports the peak of the exec'd binary alone (a forked child's own figure would also
        // count the pages it shared with this test process before exec).
        let report = home.folder.appendingPathComponent("peak.txt")
        let result = try home.run(["parse", file.path, "--json"],
                                  prefix: ["/usr/bin/time", "-f", "%M", "-o", report.path])
        #expect(result.status == 0)
        let json = try #require(try result.json() as? [String: Any])
        let parsed = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(parsed["size"] as? Int == attachment.count)
        #expect(parsed["sha256"] as? String == SHA256.hex(attachment))

        let kilobytes = try #require(Int(try String(contentsOf: report, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? ""))
        let peakMegabytes = kilobytes / 1024
        print("large message: \(message.count / 1_048_576) MB parsed; peak RSS of rapport parse \(peakMegabytes) MB")
        // The message (25 MB) and the decoded attachment (18 MB) once each, plus the runtime (~25 MB).
        #expect(peakMegabytes < 100)
    }
}
