/// Settings read from more than one file: a home's (the team's) over the user's own, with some
/// keys taken from one file only.
extension Config {
    /// Every key set, as `section.key`, sorted.
    public var keys: [String] { values.keys.sorted() }

    /// These settings with `other`'s laid over them: a key set in both takes `other`'s value.
    public func overlaid(by other: Config) -> Config {
        var merged = self
        merged.values.merge(other.values) { _, theirs in theirs }
        merged.problems += other.problems
        return merged
    }

    /// Only the settings whose key (`section.key`) passes `isIncluded`.
    public func filter(_ isIncluded: (String) -> Bool) -> Config {
        var kept = self
        kept.values = values.filter { isIncluded($0.key) }
        return kept
    }
}
