import CRMCore
import Foundation

/// Display names by address, stored as a JSON object in one text column (`recipient_names`):
/// `{"ann@acme.example":"Lee, Ann"}`, keys in order so the same names are always the same text.
enum JSONNameMap {
    static func encode(_ names: [EmailAddress: String]) -> String {
        guard !names.isEmpty else { return "{}" }
        return JSONValue.object(names.sorted { $0.key < $1.key }.map { ($0.key.value, .string($0.value)) })
            .rendered(pretty: false)
    }

    /// The names of a stored object; empty when the text is not one (names are only ever shown and
    /// written as names, so a damaged column costs the names, never the mail).
    static func decode(_ text: String) -> [EmailAddress: String] {
        guard text != "{}", let data = text.data(using: .utf8),
              let object = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        var names: [EmailAddress: String] = [:]
        for (address, name) in object {
            if let address = EmailAddress(address) { names[address] = name }
        }
        return names
    }
}

extension Row {
    /// Display names by address, as the mail tables store them.
    public func names(_ column: Column) throws(StoreError) -> [EmailAddress: String] {
        JSONNameMap.decode(try string(column))
    }
}
