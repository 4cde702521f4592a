import CRMCore
import CRMStore
import Foundation
import GmailAPI

extension MailboxSync {
    /// Full sync (gmail-api.md §14): the history id first, then every message of the window listed
    /// into the fetch queue page by page (a killed sync resumes at the saved page), then fetched;
    /// the cursor becomes that first history id once nothing is left to fetch.
    func fullSync() throws {
        var progress = try store.fullSyncProgress(mailbox: mailbox.id)
        if progress == nil {
            let start = try retrying { () throws(GmailError) in try client.profile().historyID }
            try store.beginFullSync(mailbox: mailbox.id, cursor: start, windowStart: now.addingTimeInterval(-settings.window))
            progress = try store.fullSyncProgress(mailbox: mailbox.id)
        }
        var listed = 0
        while let current = progress, !current.listingDone {
            if shouldStop() { throw Stopped() }
            let page = try retrying { () throws(GmailError) in
                try client.listMessages(query: SyncPlanner.fullSyncQuery(windowStart: current.windowStart), maxResults: 500,
                                        pageToken: current.pageToken)
            }
            listed += page.messages.count
            try store.recordListingPage(mailbox: mailbox.id, refs: page.messages.map { ($0.id, $0.threadID) },
                                        nextPageToken: page.nextPageToken.isEmpty || page.messages.isEmpty
                                            ? nil : page.nextPageToken)
            emit(.progress(account: account, phase: .full, done: 0, total: listed))
            try renewLease()
            progress = try store.fullSyncProgress(mailbox: mailbox.id)
        }
        try drainFetchQueue(phase: .full)
        _ = try store.finishFullSync(mailbox: mailbox.id)
    }

    /// Partial sync: history since the cursor, folded into fetch/relabel/delete, applied in one
    /// transaction together with the new cursor. A cursor Gmail no longer knows starts a full sync.
    func partialSync() throws {
        guard let cursor = try store.syncCursor(mailbox: mailbox.id) else { return }
        var records: [GmailHistory] = []
        var pageToken: String?
        var latest = cursor
        repeat {
            let token = pageToken
            let page: GmailListHistoryResponse
            do {
                page = try retrying { () throws(GmailError) in
                    try client.history(startHistoryID: cursor, maxResults: 500, pageToken: token)
                }
            } catch GmailError.historyExpired {
                try store.setSyncCursor(mailbox: mailbox.id, nil)
                try fullSync()
                return
            }
            records += page.history
            if page.historyID > 0 { latest = page.historyID }
            pageToken = page.nextPageToken.isEmpty || page.history.isEmpty ? nil : page.nextPageToken
        } while pageToken != nil
        let changes = GmailMapping.changes(records)
        guard !changes.isEmpty else {
            if latest != cursor { try store.setSyncCursor(mailbox: mailbox.id, latest) }
            return
        }
        let ids = Array(Set(changes.map(\.id)))
        let plan = SyncPlanner.plan(changes, known: try store.knownGmailIDs(mailbox: mailbox.id, among: ids))
        var fetched: [IncomingEmail] = []
        var missing: [(id: String, threadID: String)] = []
        for chunk in stride(from: 0, to: plan.fetch.count, by: max(1, sizer.size)).map({
            Array(plan.fetch[$0..<min($0 + max(1, sizer.size), plan.fetch.count)])
        }) {
            let results = try retrying { () throws(GmailError) in
                try client.batchGetMessages(ids: chunk.map(\.id), format: .raw)
            }
            for ref in chunk {
                if case .success(let message)? = results[ref.id], let email = incoming(message) {
                    fetched.append(email)
                } else if case .failure(.needsLogin(let text))? = results[ref.id] {
                    throw GmailError.needsLogin(text)
                } else {
                    // Not there yet (a just-added message may answer 404 for a while), or throttled:
                    // the fetch queue tries again next cycle.
                    missing.append(ref)
                }
            }
        }
        try store.connection.write {
            for email in fetched { try store.storeFetched(email) }
            for (id, labels) in plan.relabel { try store.applyLabels(mailbox: mailbox.id, gmailID: id, labels: labels) }
            for id in plan.delete { try store.deleteIncoming(mailbox: mailbox.id, gmailID: id) }
            try store.enqueueFetches(mailbox: mailbox.id, refs: missing, purpose: .partial)
            for ref in missing {
                try store.deferFetch(mailbox: mailbox.id, gmailID: ref.id, until: now.addingTimeInterval(settings.interval / 2))
            }
            try store.setSyncCursor(mailbox: mailbox.id, latest)
        }
        emit(.progress(account: account, phase: .partial, done: fetched.count, total: plan.fetch.count))
        emit(.storeChanged(.mail(account: account)))
    }

    /// A fetched message as the store keeps it, with the attachment bytes the settings keep.
    func incoming(_ message: GmailMessage) -> IncomingEmail? {
        GmailMapping.incoming(message, mailboxID: mailbox.id, keepingAttachmentBytes: settings.keepAttachmentBytes)
    }

    /// New contacts' mail from the longer backfill window, so their timelines are complete at once.
    func backfill() throws {
        let addresses = try store.pendingBackfillAddresses(mailbox: mailbox.id, limit: 40)
        guard !addresses.isEmpty else { return }
        for query in SyncPlanner.backfillQueries(addresses: addresses, since: now.addingTimeInterval(-settings.backfillWindow)) {
            var token: String?
            repeat {
                let pageToken = token
                let page = try retrying { () throws(GmailError) in
                    try client.listMessages(query: query, maxResults: 500, pageToken: pageToken)
                }
                try store.enqueueFetches(mailbox: mailbox.id, refs: page.messages.map { ($0.id, $0.threadID) }, purpose: .backfill)
                token = page.nextPageToken.isEmpty || page.messages.isEmpty ? nil : page.nextPageToken
            } while token != nil
        }
        try store.finishBackfill(mailbox: mailbox.id, addresses: addresses)
        try drainFetchQueue(phase: .backfill)
    }

    /// Fetches of one message are given up after this many failures.
    static let maximumFetchAttempts = 5
    /// Seconds before a failed fetch is tried again.
    static let retryDelay: TimeInterval = 3
    /// Deferred fetches due within this many seconds are waited for in the same cycle.
    static let shortDeferral: TimeInterval = 20

    /// Fetches everything queued, in batches paced by the quota bucket; each batch is stored in
    /// one transaction that also takes its ids off the queue.
    func drainFetchQueue(phase: SyncPhase) throws {
        var done = 0
        while true {
            if shouldStop() { throw Stopped() }
            let ids = try store.pendingFetches(mailbox: mailbox.id, limit: max(1, sizer.size), now: now)
            guard !ids.isEmpty else {
                // Messages that failed a moment ago come due again within seconds: wait for them
                // rather than leave them for the next cycle.
                guard let next = try store.nextFetchTime(mailbox: mailbox.id),
                      next.timeIntervalSince(now) <= Self.shortDeferral else { return }
                clock.sleep(seconds: max(0.05, next.timeIntervalSince(now)))
                continue
            }
            let total = done + (try store.pendingFetchCount(mailbox: mailbox.id))
            let results = try retrying { () throws(GmailError) in try client.batchGetMessages(ids: ids, format: .raw) }
            var throttled: TimeInterval?
            var stored = 0
            try store.connection.write {
                for id in ids {
                    switch results[id] {
                    case .success(let message)?:
                        if let email = incoming(message) {
                            try store.storeFetched(email)
                            stored += 1
                        } else {
                            try store.dropFetch(mailbox: mailbox.id, gmailID: id)
                        }
                    case .failure(.notFound)?:
                        try store.dropFetch(mailbox: mailbox.id, gmailID: id)
                    case .failure(.needsLogin(let text))?:
                        throw GmailError.needsLogin(text)
                    case .failure(.rateLimited(let after, _))?:
                        throttled = max(throttled ?? 0, after ?? 0)
                    default:
                        // A message Gmail would not give us this time: tried again a few seconds later,
                        // and given up after a few failures so that it cannot hold a full sync back.
                        let attempts = try store.deferFetch(mailbox: mailbox.id, gmailID: id,
                                                            until: now.addingTimeInterval(Self.retryDelay))
                        if attempts >= Self.maximumFetchAttempts { try store.dropFetch(mailbox: mailbox.id, gmailID: id) }
                    }
                }
            }
            done += stored
            if let after = throttled {
                sizer.throttled()
                bucket.pause(until: now.addingTimeInterval(backoff.next(retryAfter: after > 0 ? after : nil)))
            } else {
                sizer.succeeded()
            }
            emit(.progress(account: account, phase: phase, done: done, total: total))
            if stored > 0 { emit(.storeChanged(.mail(account: account))) }
            try renewLease()
        }
    }
}
