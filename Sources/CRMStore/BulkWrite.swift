import Foundation

/// How a bulk writer (a contact import, a mail import, a merge) shares the database: it commits in
/// batches that hold the write lock for at most `lockHold`, and pauses `gap` after each, long enough
/// for a waiting writer (which looks every few milliseconds, see `Connection`) to take its turn. So
/// no other writer waits for it much longer than one batch.
public enum BulkWrite {
    /// The longest a batch keeps the lock.
    public static let lockHold: TimeInterval = 0.15
    /// The pause between batches.
    public static let gap: TimeInterval = 0.015

    /// Applies `apply` to items of `items` from the front in one write transaction, until they run out or
    /// the transaction has held the lock for `lockHold`; then pauses `gap`. Returns the items not applied.
    /// `begin` runs at the start of each try of the transaction (one that is tried again after a busy
    /// error starts from the same item): reset there what `apply` counts.
    public static func batch<Item>(_ items: ArraySlice<Item>, on connection: Connection, begin: () -> Void = {},
                                   _ apply: (Item) throws -> Void) throws -> ArraySlice<Item> {
        let rest: ArraySlice<Item> = try connection.write {
            begin()
            let started = Date()
            var rest = items
            while let item = rest.first, Date().timeIntervalSince(started) < lockHold {
                try apply(item)
                rest = rest.dropFirst()
            }
            return rest
        }
        if !rest.isEmpty { usleep(UInt32(gap * 1_000_000)) }
        return rest
    }
}
