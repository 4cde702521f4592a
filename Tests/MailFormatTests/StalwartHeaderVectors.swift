import Foundation
import Testing

/// The header vectors of stalwart-mail-parser (../shared/corpus/mime/stalwart-mail-parser/header-vectors),
/// read at test time and never copied into the project.
enum StalwartHeaderVectors {
    static var folder: URL? { MIMECorpus.root?.appendingPathComponent("stalwart-mail-parser/header-vectors") }

    /// The entries of `<name>.json` as (raw header, expected), or nil (with a note printed) when absent.
    static func load(_ name: String) -> [(header: String, expected: Any)]? {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent(name + ".json")),
              let list = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [[String: Any]]
        else {
            print("header vectors not found (../shared/corpus/mime/stalwart-mail-parser/header-vectors): \(name).json skipped")
            return nil
        }
        return list.compactMap { entry in
            guard let header = entry["header"] as? String else { return nil }
            return (header, entry["expected"] ?? NSNull())
        }
    }

    /// What our message parser hands over for a raw header (`HeaderField.value`): the field ends at a
    /// line break not followed by white space; CR and LF are removed; the ends are trimmed.
    static func value(_ header: String) -> [UInt8] {
        let bytes = Array(header.utf8)
        var end = bytes.count
        for index in bytes.indices where bytes[index] == 0x0A {
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next != 0x20 && next != 0x09 {
                end = index
                break
            }
        }
        var value = bytes[..<end].filter { $0 != 0x0D && $0 != 0x0A }[...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return Array(value)
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        String(format: "%.1f%%", whole == 0 ? 100 : Double(part) * 100 / Double(whole))
    }

    /// The field's value as a header parser cuts it, before unfolding: up to the line break that is
    /// not followed by white space (the next field), with outer white space trimmed and inner folds
    /// left in place.
    static func foldedValue(_ header: String) -> [UInt8] {
        var bytes = Array(header.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A, index + 1 == bytes.count || (bytes[index + 1] != 0x20 && bytes[index + 1] != 0x09) {
                bytes.removeSubrange(index...)
                break
            }
            index += 1
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        return bytes
    }

    /// Reads every vector of `<name>.json` with `ours` and checks it against stalwart's answer
    /// (`theirs`): each one matches, or is a deliberate difference (header → our result and why)
    /// that still gives the result written down. Prints the tally; does nothing without the corpus.
    static func compare<Value: Equatable>(
        _ name: String, deliberateDifferences: [String: (ours: Value, reason: String)] = [:],
        ours: (String) -> Value, theirs: (_ header: String, _ expected: Any) throws -> Value,
        sourceLocation: SourceLocation = #_sourceLocation
    ) rethrows {
        guard let entries = load(name) else { return }
        var matched = 0
        var differences = 0
        for entry in entries {
            let mine = ours(entry.header)
            let expected = try theirs(entry.header, entry.expected)
            if mine == expected {
                matched += 1
            } else if let difference = deliberateDifferences[entry.header] {
                differences += 1
                #expect(mine == difference.ours, "deliberate difference changed for \(entry.header.debugDescription)",
                        sourceLocation: sourceLocation)
            } else {
                let ourValue = String(describing: mine)
                Issue.record("\(entry.header.debugDescription): ours \(ourValue), stalwart \(String(describing: expected))",
                             sourceLocation: sourceLocation)
            }
        }
        print("\(name).json: \(matched)/\(entries.count) match (\(percent(matched, entries.count))), "
            + "\(differences) deliberate differences")
        #expect(matched + differences == entries.count, sourceLocation: sourceLocation)
    }
}
