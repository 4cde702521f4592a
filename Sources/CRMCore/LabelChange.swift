/// A change to one message's Gmail labels: labels to add and labels to remove, each kept once and
/// sorted, never one label in both (the same shape Gmail's messages.modify takes).
public struct LabelChange: Sendable, Hashable {
    public let add: [String]
    public let remove: [String]

    /// A label named in both lists counts as added.
    public init(add: [String] = [], remove: [String] = []) {
        let added = Set(add)
        self.add = added.sorted()
        self.remove = Set(remove).subtracting(added).sorted()
    }

    /// True when it changes nothing.
    public var isEmpty: Bool { add.isEmpty && remove.isEmpty }

    /// This change followed by `later`, as one change: per label, the later word wins.
    public func then(_ later: LabelChange) -> LabelChange {
        LabelChange(add: Set(add).subtracting(later.remove).union(later.add).sorted(),
                    remove: Set(remove).subtracting(later.add).union(later.remove).sorted())
    }

    /// `labels` after this change: removed labels go, added ones not there yet follow in order.
    public func applied(to labels: [String]) -> [String] {
        var result = labels.filter { !remove.contains($0) }
        for label in add where !result.contains(label) { result.append(label) }
        return result
    }

    /// What this change really does to `labels`: only the labels it adds that are missing and the
    /// ones it removes that are there.
    public func effect(on labels: [String]) -> LabelChange {
        LabelChange(add: add.filter { !labels.contains($0) }, remove: remove.filter { labels.contains($0) })
    }

    /// The change that undoes this one when it was an effect (see `effect(on:)`).
    public var inverse: LabelChange { LabelChange(add: remove, remove: add) }
}
