extension MarkdownLite {
    /// One line of text as HTML: escaped, with emphasis, strong, Markdown links and bare URLs.
    ///
    /// Links and URLs are found first and become opaque pieces, so a `*` or `_` inside a URL is
    /// never emphasis. A delimiter opens only before a non-space and not after a letter or digit,
    /// and closes only after a non-space and not before a letter or digit; it pairs with the
    /// nearest closer of the same kind. Every step looks forward at most once, so any line takes
    /// near-linear time, and nesting is at most three deep (one level per kind).
    struct Inline {
        private enum Piece {
            case character(Character)
            /// Finished HTML (a link).
            case atom(String)
        }

        private enum Delimiter: Int, CaseIterable {
            case star, doubleStar, underscore

            var tag: String { self == .doubleStar ? "strong" : "em" }
            var length: Int { self == .doubleStar ? 2 : 1 }
        }

        private struct Run {
            let delimiter: Delimiter
            let canOpen: Bool
        }

        private var pieces: [Piece] = []
        /// The delimiter run starting at each piece, if any.
        private var runs: [Int: Run] = [:]
        /// Where each kind of delimiter can close, in order.
        private var closers: [[Int]] = Array(repeating: [], count: Delimiter.allCases.count)
        /// Whether a Markdown link or emphasis was found (bare URLs do not count).
        private(set) var hasFormatting = false
        private(set) var html = ""

        init<S: StringProtocol>(_ text: S, links: Bool = true) {
            let characters = Array(text)
            var index = 0
            while index < characters.count {
                if links, let (atom, end) = link(in: characters, at: index) {
                    pieces.append(.atom(atom))
                    index = end
                } else {
                    pieces.append(.character(characters[index]))
                    index += 1
                }
            }
            findDelimiterRuns()
            html = render(0..<pieces.count)
        }

        // MARK: Links

        private mutating func link(in characters: [Character], at index: Int) -> (String, Int)? {
            if characters[index] == "[", let (label, url, end) = Self.markdownLink(in: characters, at: index) {
                hasFormatting = true
                let text = Inline(label, links: false)
                if text.hasFormatting { hasFormatting = true }
                return ("<a href=\"\(HTMLEntities.escape(url))\">\(text.html)</a>", end)
            }
            if characters[index] == "h" || characters[index] == "H",
               index == 0 || Self.mayPrecedeURL(characters[index - 1]),
               let end = Self.bareURL(in: characters, at: index) {
                let url = String(characters[index..<end])
                return ("<a href=\"\(HTMLEntities.escape(url))\">\(HTMLEntities.escape(url))</a>", end)
            }
            return nil
        }

        /// `[label](url)` with an http, https or mailto URL: the label, the URL and the index after ")".
        private static func markdownLink(in characters: [Character], at start: Int) -> (String, String, Int)? {
            var close = start + 1
            while close < characters.count, characters[close] != "]" {
                if characters[close] == "[" { return nil }
                close += 1
            }
            guard close > start + 1, close + 1 < characters.count, characters[close + 1] == "(" else { return nil }
            let urlStart = close + 2
            var index = urlStart
            var depth = 0
            while index < characters.count {
                let character = characters[index]
                if character == ")" {
                    if depth == 0 { break }
                    depth -= 1
                } else if character == "(" {
                    depth += 1
                } else if !isURLCharacter(character) {
                    return nil
                }
                index += 1
            }
            guard index < characters.count else { return nil }
            let url = String(characters[urlStart..<index])
            let lower = url.lowercased()
            guard ["http://", "https://", "mailto:"].contains(where: { lower.hasPrefix($0) && lower.count > $0.count })
            else { return nil }
            return (String(characters[start + 1..<close]), url, index + 1)
        }

        /// A bare http(s) URL at `start`: the index after it, leaving out trailing punctuation
        /// and a ")" that closes something outside it.
        private static func bareURL(in characters: [Character], at start: Int) -> Int? {
            let prefix = characters[start..<min(start + 8, characters.count)].map { $0.lowercased() }.joined()
            let scheme: Int
            if prefix.hasPrefix("https://") {
                scheme = 8
            } else if prefix.hasPrefix("http://") {
                scheme = 7
            } else {
                return nil
            }
            var end = start + scheme
            var depth = 0
            while end < characters.count, isURLCharacter(characters[end]) || characters[end] == "(" || characters[end] == ")" {
                if characters[end] == "(" { depth += 1 }
                if characters[end] == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                end += 1
            }
            while end > start + scheme, ".,;:!?'\"*_".contains(characters[end - 1]) { end -= 1 }
            return end > start + scheme ? end : nil
        }

        private static func isURLCharacter(_ character: Character) -> Bool {
            !character.isWhitespace && !"<>\"[]()".contains(character)
        }

        private static func mayPrecedeURL(_ character: Character) -> Bool {
            character.isWhitespace || "(<\"'*_".contains(character)
        }

        // MARK: Emphasis

        private mutating func findDelimiterRuns() {
            var index = 0
            while index < pieces.count {
                guard case .character(let character) = pieces[index], character == "*" || character == "_" else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < pieces.count, case .character(let next) = pieces[end], next == character { end += 1 }
                let delimiter: Delimiter? = switch (character, end - index) {
                case ("*", 1): .star
                case ("*", 2): .doubleStar
                case ("_", 1): .underscore
                default: nil
                }
                if let delimiter {
                    let before = index > 0 ? pieces[index - 1] : nil
                    let after = end < pieces.count ? pieces[end] : nil
                    let canOpen = after.map { !Self.isSpace($0) } == true && before.map(Self.isAlphanumeric) != true
                    let canClose = before.map { !Self.isSpace($0) } == true && after.map(Self.isAlphanumeric) != true
                    if canOpen || canClose { runs[index] = Run(delimiter: delimiter, canOpen: canOpen) }
                    if canClose { closers[delimiter.rawValue].append(index) }
                }
                index = end
            }
        }

        private mutating func render(_ range: Range<Int>) -> String {
            var out = ""
            var index = range.lowerBound
            while index < range.upperBound {
                if let run = runs[index], run.canOpen,
                   let closer = nearestCloser(run.delimiter, after: index, within: range) {
                    hasFormatting = true
                    let length = run.delimiter.length
                    out += "<\(run.delimiter.tag)>" + render(index + length..<closer) + "</\(run.delimiter.tag)>"
                    index = closer + length
                    continue
                }
                switch pieces[index] {
                case .character(let character): out += HTMLEntities.escape(String(character))
                case .atom(let html): out += html
                }
                index += 1
            }
            return out
        }

        /// The first closer of `delimiter` leaving at least one piece between, if it ends in `range`.
        private func nearestCloser(_ delimiter: Delimiter, after opener: Int, within range: Range<Int>) -> Int? {
            let list = closers[delimiter.rawValue]
            let first = opener + delimiter.length + 1
            var low = 0
            var high = list.count
            while low < high {
                let middle = (low + high) / 2
                if list[middle] < first { low = middle + 1 } else { high = middle }
            }
            guard low < list.count, list[low] + delimiter.length <= range.upperBound else { return nil }
            return list[low]
        }

        private static func isSpace(_ piece: Piece) -> Bool {
            if case .character(let character) = piece { return character.isWhitespace }
            return false
        }

        private static func isAlphanumeric(_ piece: Piece) -> Bool {
            if case .character(let character) = piece { return character.isLetter || character.isNumber }
            return false
        }
    }
}
