import Foundation
import Testing
@testable import MailFormat

/// MailFormat against other parsers' published expectations: stalwart's whole-message results and
/// mime4j's decoded leaf bodies. Each set must match at least 95% of its messages.
@Suite(.serialized) struct CorpusConformanceTests {
    @Test func stalwartMessagesMatchTheirExpectedParse() throws {
        guard MIMECorpus.isAvailable else { return MIMECorpus.skipNote() }
        let messages = MIMECorpus.files(in: "stalwart-mail-parser", suffixes: [".eml"])
        #expect(messages.count >= 50)
        var matched = 0
        var misses: [String] = []
        for file in messages {
            let expectedURL = file.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: expectedURL),
                  let expected = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            let message = Message(bytes: MIMECorpus.bytes(file))
            let differences = StalwartExpectation(expected).differences(from: message)
            if differences.isEmpty {
                matched += 1
            } else {
                misses.append("\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent): "
                              + differences.joined(separator: "; "))
            }
        }
        let rate = Double(matched) / Double(max(messages.count, 1))
        print("stalwart: \(matched)/\(messages.count) messages match (\(String(format: "%.1f", rate * 100))%)")
        for miss in misses { print("  miss \(miss)") }
        #expect(rate >= 0.95)
    }

    @Test func mime4jLeafBodiesMatchByteForByte() throws {
        guard MIMECorpus.isAvailable else { return MIMECorpus.skipNote() }
        let messages = MIMECorpus.files(in: "mime4j", suffixes: [".msg"])
        #expect(messages.count >= 70)
        var matched = 0
        var counted = 0
        var misses: [String] = []
        for file in messages {
            let base = file.deletingPathExtension().lastPathComponent
            let folder = file.deletingLastPathComponent()
            let expectedFiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasPrefix(base + "_decoded_") && ($0.hasSuffix(".txt") || $0.hasSuffix(".bin")) }
            guard !expectedFiles.isEmpty else { continue }
            counted += 1
            let leaves = Self.leaves(of: Message(bytes: MIMECorpus.bytes(file)))
            var wrong: [String] = []
            for name in expectedFiles.sorted() {
                let path = String(name.dropFirst(base.count + "_decoded_".count).dropLast(4))
                let expected = MIMECorpus.bytes(folder.appendingPathComponent(name))
                guard let actual = leaves[path] else {
                    // mime4j leaves empty files for parts that hold nothing; nothing here is the same.
                    if !expected.isEmpty { wrong.append("\(path) missing") }
                    continue
                }
                if actual != expected { wrong.append("\(path) differs (\(actual.count) vs \(expected.count) bytes)") }
            }
            if wrong.isEmpty { matched += 1 } else { misses.append("\(base): " + wrong.joined(separator: ", ")) }
        }
        let rate = Double(matched) / Double(max(counted, 1))
        print("mime4j: \(matched)/\(counted) messages with every leaf body equal (\(String(format: "%.1f", rate * 100))%)")
        for miss in misses { print("  miss \(miss)") }
        #expect(rate >= 0.95)
    }

    /// mime4j's naming: the message is "1", parts of a multipart add "_n", a message inside adds "_1",
    /// and a leaf body carries its entity's path.
    static func leaves(of message: Message) -> [String: [UInt8]] {
        var leaves: [String: [UInt8]] = [:]
        func visit(_ part: MIMEPart, _ path: String) {
            switch part.content {
            case .single: leaves[path] = part.decodedBody
            case .multipart(let children):
                for (index, child) in children.enumerated() { visit(child, "\(path)_\(index + 1)") }
            case .message(let inner):
                // mime4j also writes the message part's own (decoded) body under the part's path.
                leaves[path] = part.decodedBody
                visit(inner.root, path + "_1")
            }
        }
        visit(message.root, "1")
        return leaves
    }
}

/// What stalwart's JSON says a message holds, in the terms MailFormat answers in.
struct StalwartExpectation {
    let json: [String: Any]

    init(_ json: [String: Any]) { self.json = json }

    private var parts: [[String: Any]] { json["parts"] as? [[String: Any]] ?? [] }

    private func headers(_ part: [String: Any]) -> [[String: Any]] { part["headers"] as? [[String: Any]] ?? [] }

    private func header(_ name: String, in part: [String: Any]) -> Any? {
        headers(part).first { $0["name"] as? String == name }?["value"]
    }

    /// Every field that differs, described for the test log.
    func differences(from message: Message) -> [String] {
        guard let root = parts.first else { return ["no parts in the expectation"] }
        var differences: [String] = []
        let subject = (header("subject", in: root) as? [String: Any])?["Text"] as? String
        if Self.normalized(subject) != Self.normalized(message.subject) {
            differences.append("subject \(String(describing: message.subject)) ≠ \(String(describing: subject))")
        }
        for (name, actual) in [("from", message.from), ("to", message.to), ("cc", message.cc)] {
            let expected = Self.addresses(header(name, in: root))
            let mine = actual.map { Pair(name: Self.normalized($0.name), address: $0.address) }
            if expected != mine { differences.append("\(name) \(mine) ≠ \(expected)") }
        }
        let expectedDate = Self.date(header("date", in: root))
        let date = message.date.map { Int($0.timeIntervalSince1970) }
        if expectedDate != date { differences.append("date \(String(describing: date)) ≠ \(String(describing: expectedDate))") }
        let expectedText = firstBody(list: "text_body", kind: "Text")
        if Self.normalized(expectedText) != Self.normalized(message.text) {
            differences.append("text body differs (\(message.text?.count ?? -1) vs \(expectedText?.count ?? -1) chars)")
        }
        let expectedHTML = firstBody(list: "html_body", kind: "Html")
        if Self.normalized(expectedHTML) != Self.normalized(message.html) {
            differences.append("html body differs (\(message.html?.count ?? -1) vs \(expectedHTML?.count ?? -1) chars)")
        }
        let expectedNames = (json["attachments"] as? [Int] ?? []).map { index in
            index < parts.count ? attachmentName(parts[index]) : nil
        }
        let names = message.bodyStructure.attachments.map(\.filename)
        if expectedNames != names { differences.append("attachments \(names) ≠ \(expectedNames)") }
        return differences
    }

    private func firstBody(list: String, kind: String) -> String? {
        for index in json[list] as? [Int] ?? [] where index < parts.count {
            if let body = parts[index]["body"] as? [String: Any], let text = body[kind] as? String { return text }
        }
        return nil
    }

    private func attachmentName(_ part: [String: Any]) -> String? {
        func attribute(_ header: String, _ name: String) -> String? {
            let value = (self.header(header, in: part) as? [String: Any])?["ContentType"] as? [String: Any]
            let attributes = value?["attributes"] as? [[String: Any]] ?? []
            return attributes.first { $0["name"] as? String == name }?["value"] as? String
        }
        return attribute("content_disposition", "filename") ?? attribute("content_type", "name")
    }

    struct Pair: Equatable, CustomStringConvertible {
        let name: String?
        let address: String?
        var description: String { "\(name ?? "-") <\(address ?? "-")>" }
    }

    static func addresses(_ value: Any?) -> [Pair] {
        guard let address = (value as? [String: Any])?["Address"] as? [String: Any] else { return [] }
        var list = address["List"] as? [[String: Any]] ?? []
        for group in address["Group"] as? [[String: Any]] ?? [] {
            list += group["addresses"] as? [[String: Any]] ?? []
        }
        return list.map { Pair(name: normalized($0["name"] as? String), address: $0["address"] as? String) }
    }

    static func date(_ value: Any?) -> Int? {
        guard let parts = (value as? [String: Any])?["DateTime"] as? [String: Any],
              let year = parts["year"] as? Int, let month = parts["month"] as? Int, let day = parts["day"] as? Int,
              let hour = parts["hour"] as? Int, let minute = parts["minute"] as? Int,
              let second = parts["second"] as? Int else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let local = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour,
                                                             minute: minute, second: second)) else { return nil }
        let offset = ((parts["tz_hour"] as? Int ?? 0) * 3600 + (parts["tz_minute"] as? Int ?? 0) * 60)
            * ((parts["tz_before_gmt"] as? Bool ?? false) ? -1 : 1)
        return Int(local.timeIntervalSince1970) - offset
    }

    /// White space collapsed and trimmed; empty becomes nil.
    static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}
