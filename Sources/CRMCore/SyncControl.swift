/// How the UI drives background sync without seeing HTTP, Gmail or the sync queue.
///
/// Every call returns at once: the work happens on the sync queue, and its results come back as
/// `SyncEvent`s through the sink the sync engine was built with.
public protocol SyncControl: Sendable {
    /// Sync one account now (its address), or every account when `account` is nil.
    func requestSync(account: String?)
    /// Send one account's due mail now, ahead of any pull: mail whose undo window just closed does
    /// not wait behind a sync.
    func requestSend(account: String)
    /// Stop after the transaction in hand; nothing queued is lost.
    func stop()
}

extension SyncControl {
    /// Sync every account now.
    public func requestSync() { requestSync(account: nil) }
}

/// Where sync sends its events: one closure, called in order, which posts to the UI's queue.
public typealias SyncEventSink = @Sendable (SyncEvent) -> Void
