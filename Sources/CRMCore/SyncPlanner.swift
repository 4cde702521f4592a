import Foundation

/// Pure sync decisions: folding Gmail history into a `SyncPlan` (gmail-api.md §14 step 2, after
/// lieer), and the search queries that list a sync window or a contact's older mail.
public enum SyncPlanner {
    /// Labels whose messages never enter the CRM: drafts change id on every save, chats are not mail.
    public static let defaultExcludedLabels: Set<String> = ["DRAFT", "CHAT"]
    /// Labels that make an **unknown** message not worth fetching: it would only be stored hidden.
    /// A stored message that gains one is relabelled (and leaves timelines), not deleted.
    public static let defaultUnfetchedLabels: Set<String> = ["TRASH", "SPAM"]

    /// Folds history `changes` (in record order) against `known`, the ids this mailbox already stores.
    ///
    /// Per id, the newest change decides (one pass, then one resolution):
    /// * `added` makes the message present with its labels (a pending delete is cancelled);
    /// * `deleted` makes it gone; later label changes cannot revive it, a later `added` can;
    /// * `labelsChanged` makes it present with the new full label set.
    ///
    /// Then: gone and known → `delete`; gone and unknown → nothing. Present with an excluded label
    /// (DRAFT, CHAT) → `delete` when known (drafts must not sit on timelines), else nothing. Present
    /// and known → `relabel` with the newest labels: Gmail never changes a message's content, so
    /// even an `added` for a stored id needs no fetch. Present and unknown → `fetch`, unless its
    /// labels hold an unfetched label (TRASH, SPAM): if it is restored later, that label change
    /// fetches it then.
    ///
    /// `known` should hold every id the store has a row for; an id that is only queued for fetch
    /// is unknown here, and its queued fetch and this plan's fetch are the same harmless upsert.
    public static func plan(_ changes: [HistoryChange], known: Set<String>,
                            excludedLabels: Set<String> = defaultExcludedLabels,
                            unfetchedLabels: Set<String> = defaultUnfetchedLabels) -> SyncPlan {
        enum Fate {
            case present(threadID: String, labels: [String])
            case gone
        }
        var order: [String] = []
        var fates: [String: Fate] = [:]
        for change in changes {
            let previous = fates[change.id]
            if previous == nil { order.append(change.id) }
            var previousThread = ""
            if case .present(let thread, _)? = previous { previousThread = thread }
            switch change {
            case let .added(id, threadID, labels):
                fates[id] = .present(threadID: threadID.isEmpty ? previousThread : threadID, labels: labels)
            case .deleted(let id):
                fates[id] = .gone
            case let .labelsChanged(id, threadID, labels):
                if case .gone? = previous { continue }
                fates[id] = .present(threadID: threadID.isEmpty ? previousThread : threadID, labels: labels)
            }
        }
        var plan = SyncPlan()
        for id in order {
            let isKnown = known.contains(id)
            switch fates[id] {
            case .gone?:
                if isKnown { plan.delete.insert(id) }
            case let .present(threadID, labels)?:
                if excludes(labels: labels, excludedLabels: excludedLabels) {
                    if isKnown { plan.delete.insert(id) }
                } else if isKnown {
                    plan.relabel[id] = labels
                } else if !labels.contains(where: unfetchedLabels.contains) {
                    plan.fetch.append((id: id, threadID: threadID))
                }
            case nil:
                break
            }
        }
        return plan
    }

    /// Whether a message with these labels stays out of the CRM (check fetched messages with it too:
    /// a full sync's list includes drafts).
    public static func excludes(labels: [String], excludedLabels: Set<String> = defaultExcludedLabels) -> Bool {
        labels.contains(where: excludedLabels.contains)
    }

    // MARK: search queries (gmail-api.md §13)

    /// The full-sync window, both directions, no chats: `after:<epoch seconds> -in:chats`.
    /// Spam and trash stay out through `includeSpamTrash=false`; drafts are listed and must be
    /// skipped with `excludes(labels:)`.
    public static func fullSyncQuery(windowStart: Date) -> String {
        "after:\(epochSeconds(windowStart)) -in:chats"
    }

    /// Queries for every message from, to or cc any of `addresses` since `since`:
    /// `(from:a OR to:a OR cc:a OR from:b OR to:b OR cc:b) after:<epoch seconds>`, as few as fit,
    /// each at most `maxLength` UTF-8 bytes (a URL-length budget; percent-encoding is the
    /// client's business). Addresses keep their order and appear once (case-insensitively).
    ///
    /// Addresses that `isSearchable` refuses, or that cannot fit one query alone, are left out:
    /// callers validate addresses before they get here, so this is only a guard against query
    /// injection (a parenthesis or quote would change the query's meaning).
    public static func backfillQueries(addresses: [String], since: Date, maxLength: Int = 1500) -> [String] {
        let suffix = ") after:\(epochSeconds(since))"
        var queries: [String] = []
        var current: [String] = []
        var currentLength = 0
        var seen: Set<String> = []

        func flush() {
            guard !current.isEmpty else { return }
            queries.append("(" + current.joined(separator: " OR ") + suffix)
            current = []
            currentLength = 0
        }

        for address in addresses where isSearchable(address) && seen.insert(address.lowercased()).inserted {
            let group = "from:\(address) OR to:\(address) OR cc:\(address)"
            let alone = 1 + group.utf8.count + suffix.utf8.count
            guard alone <= maxLength else { continue }
            let joined = current.isEmpty ? alone : 1 + currentLength + 4 + group.utf8.count + suffix.utf8.count
            if joined > maxLength { flush() }
            currentLength = current.isEmpty ? group.utf8.count : currentLength + 4 + group.utf8.count
            current.append(group)
        }
        flush()
        return queries
    }

    /// Whether `address` can go into a search query as it is: one `@` with text on both sides, and
    /// no white space, control characters, double quotes, backslashes, parentheses, braces or
    /// colons (Gmail's grouping and operator syntax). An apostrophe is fine (`o'neil@…`).
    public static func isSearchable(_ address: String) -> Bool {
        let forbidden: Set<Unicode.Scalar> = ["\"", "\\", "(", ")", "{", "}", ":"]
        guard let at = address.firstIndex(of: "@"), at != address.startIndex,
              address.index(after: at) != address.endIndex,
              address[address.index(after: at)...].firstIndex(of: "@") == nil else { return false }
        return !address.unicodeScalars.contains { scalar in
            forbidden.contains(scalar) || scalar.properties.isWhitespace || scalar.value < 0x20
                || (0x7F...0x9F).contains(scalar.value)
        }
    }

    /// Whole seconds since 1970, rounded down: what `after:` takes (never milliseconds).
    static func epochSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
