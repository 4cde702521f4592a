import Foundation
import LoopbackHTTP

/// users.history.list (gmail-api.md §8, §16).
extension GmailSimulator {
    func listHistory(_ request: ServerRequest, account: String) -> Reply {
        guard let startText = request.queryValue("startHistoryId"), let start = UInt64(startText) else {
            return .error(.missingStartHistoryID)
        }
        let pageSize: Int
        switch RequestValues.pageSize(request, default: 100, maximum: 500) {
        case .success(let size): pageSize = size
        case .failure(let error): return .error(error)
        }
        var kinds = Set(HistoryRecord.Kind.allCases)
        let requested = request.queryValues("historyTypes")
        if !requested.isEmpty {
            kinds = []
            for name in requested {
                guard let kind = HistoryRecord.Kind(rawValue: name) ?? HistoryRecord.Kind.allCases.first(where: {
                    $0.rawValue.lowercased() == name.lowercased().replacingOccurrences(of: "_", with: "")
                }) else {
                    return .error(.invalidArgument("Invalid value at 'history_types' (type.googleapis.com/"
                        + "google.apps.gmail.v1.ListHistoryRequest.HistoryTypes), \"\(name)\""))
                }
                kinds.insert(kind)
            }
        }
        var after = start
        if let token = request.queryValue("pageToken"), !token.isEmpty {
            guard let parts = PageToken.read(token), parts.count == 2, parts[0] == "history",
                  let last = UInt64(parts[1]) else { return .error(.invalidPageToken) }
            after = max(after, last)
        }
        let labelID = request.queryValue("labelId")
        let snapshot = state.withLock { state -> Result<([HistoryRecord], UInt64), APIError> in
            guard let mailbox = state.mailboxes[account] else { return .failure(.notFound) }
            guard start >= mailbox.historyFloor, after >= mailbox.historyFloor else { return .failure(.notFound) }
            let history = mailbox.history
            // Records are in id order: find the first one after `after` by bisection.
            var low = 0
            var high = history.count
            while low < high {
                let middle = (low + high) / 2
                if history[middle].id <= after { low = middle + 1 } else { high = middle }
            }
            return .success((Array(history[low...]), mailbox.historyID))
        }
        let records: [HistoryRecord]
        let current: UInt64
        switch snapshot {
        case .success(let value): (records, current) = value
        case .failure(let error): return .error(error)
        }
        var items: [JSON] = []
        var lastID: UInt64?
        var more = false
        for record in records {
            if let labelID, !record.touches(label: labelID) { continue }
            guard let json = record.json(kinds: kinds) else { continue }
            if items.count == pageSize {
                more = true
                break
            }
            items.append(json)
            lastID = record.id
        }
        return .json(.compactObject([
            ("history", .array(items)),
            ("nextPageToken", more ? lastID.map { .string(PageToken.make(["history", String($0)])) } : nil),
            ("historyId", .string(String(current))),
        ]))
    }
}
