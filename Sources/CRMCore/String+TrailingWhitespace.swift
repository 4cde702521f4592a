extension StringProtocol {
    /// The text without the spaces, tabs and line breaks at its end (no regular expression: a table
    /// of search hits trimmed row by row with one spent a fifth of a `rapport search`).
    public func droppingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
