import Foundation

/// An independent reader of mail: Python's `email` package with `policy.default` (the modern,
/// strict one), for tests that check what Rapport writes. Each message comes back as Python read it:
/// its defects, subject, addresses with display names, ids, plain text and attachments.
public enum PythonEmail {
    /// Reads every file named on the command line and prints one JSON object per message.
    static let script = #"""
        import email, email.policy, json, sys

        def addresses(header):
            if header is None:
                return []
            return [[a.display_name, a.addr_spec] for a in header.addresses]

        out = []
        for path in sys.argv[1:]:
            with open(path, 'rb') as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.default)
            defects = []
            for part in msg.walk():
                defects += [type(d).__name__ for d in part.defects]
                for name, value in part.items():
                    defects += ['%s: %s' % (name, type(d).__name__) for d in getattr(value, 'defects', ())]
            body = msg.get_body(preferencelist=('plain',))
            out.append({
                'defects': defects,
                'subject': str(msg['subject']) if msg['subject'] is not None else None,
                'from': addresses(msg['from']),
                'to': addresses(msg['to']),
                'cc': addresses(msg['cc']),
                'message_id': str(msg['message-id']),
                'in_reply_to': str(msg['in-reply-to']) if msg['in-reply-to'] is not None else None,
                'references': str(msg['references']) if msg['references'] is not None else None,
                'text': body.get_content() if body is not None else None,
                'attachments': [[a.get_filename(), a.get_content_type(), len(a.get_payload(decode=True))]
                                for a in msg.iter_attachments()],
            })
        json.dump(out, sys.stdout)
        """#

    /// The python3 found on PATH, or nil (tests then skip, saying so).
    public static let python: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Why Python could not read the messages.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Python's reading of each message, in order.
    public static func read(_ messages: [[UInt8]]) throws -> [[String: Any]] {
        guard let python else { throw Failure(description: "python3 is not installed") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("read.py")
        try Data(Self.script.utf8).write(to: script)
        var paths: [String] = []
        for (index, bytes) in messages.enumerated() {
            let file = folder.appendingPathComponent("\(index).eml")
            try Data(bytes).write(to: file)
            paths.append(file.path)
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3: " + String(decoding: problems, as: UTF8.self))
        }
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// A folded header value on one line: each line break and the white space after it become one space.
    public static func unfolded(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r\n" || $0 == "\n" }).joined(separator: " ")
    }
}
