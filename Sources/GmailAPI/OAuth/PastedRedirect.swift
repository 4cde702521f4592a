import LoopbackHTTP

/// Reads the address a person pastes after their browser (on another machine, over SSH) failed
/// to load `http://127.0.0.1:PORT/?code=…&state=…`.
///
/// Tolerated: surrounding white space and quotes or angle brackets, line breaks a terminal put
/// inside, a missing scheme (`127.0.0.1:PORT/?code=…`), only the query (`?code=…` or
/// `code=…&state=…`), and a `#fragment`.
public enum PastedRedirect {
    /// The redirect in the pasted text, state not yet checked.
    public static func parse(_ text: String) throws(OAuthError) -> AuthorizationRedirect {
        let cleaned = clean(text)
        guard !cleaned.isEmpty else {
            throw .unreadableRedirect("nothing was pasted; paste the whole address from the browser's address bar (it starts with http://127.0.0.1)")
        }
        let query: Substring
        if let mark = cleaned.firstIndex(of: "?") {
            query = cleaned[cleaned.index(after: mark)...]
        } else if let start = queryStart(in: cleaned) {
            query = cleaned[start...]
        } else {
            throw .unreadableRedirect("that is not the address the browser was sent to; paste the whole address from the browser's address bar (it starts with http://127.0.0.1 and holds code= and state=)")
        }
        if let redirect = AuthorizationRedirect(query: query) { return redirect }
        let fields = URLEncoding.fields(query)
        if fields["client_id"] != nil || fields["response_type"] != nil {
            throw .unreadableRedirect("that is the sign-in link itself; open it, allow access, then paste the address the browser ends up on (it starts with http://127.0.0.1)")
        }
        throw .unreadableRedirect("that address holds no code; paste the whole address from the browser's address bar after allowing access (it starts with http://127.0.0.1 and holds code= and state=)")
    }

    /// The code in the pasted text, refused unless it carries `expectedState`.
    public static func code(from text: String, expectingState expectedState: String) throws(OAuthError) -> String {
        try parse(text).code(expectingState: expectedState)
    }

    /// Where a query that lost its `?` begins: the first `code=`, `state=`, `error=` or `scope=`
    /// at the start, after a `/` or after a `&`.
    static func queryStart(in text: Substring) -> Substring.Index? {
        var best: Substring.Index?
        for name in ["code=", "state=", "error=", "scope="] {
            var searchFrom = text.startIndex
            while let found = text[searchFrom...].firstRange(of: name) {
                let atBoundary = found.lowerBound == text.startIndex
                    || ["/", "&"].contains(text[text.index(before: found.lowerBound)])
                if atBoundary {
                    if best.map({ found.lowerBound < $0 }) ?? true { best = found.lowerBound }
                    break
                }
                searchFrom = found.upperBound
            }
        }
        return best
    }

    /// Drops white space anywhere (codes and states never hold any), quotes and brackets around
    /// the text, and a fragment.
    static func clean(_ text: String) -> Substring {
        let unspaced = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        var cleaned = Substring(unspaced)
        let wrappers: Set<Character> = ["\"", "'", "`", "<", ">", "(", ")", "[", "]", "“", "”", "‘", "’"]
        while let first = cleaned.first, wrappers.contains(first) { cleaned = cleaned.dropFirst() }
        while let last = cleaned.last, wrappers.contains(last) { cleaned = cleaned.dropLast() }
        if let hash = cleaned.firstIndex(of: "#") { cleaned = cleaned[..<hash] }
        return cleaned
    }
}
