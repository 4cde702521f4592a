import Foundation

/// How a sign-in talks to the person: show the link, read an address they paste, tell them
/// why a paste was not used. `rapport account add` implements it on the terminal.
public protocol OAuthPrompt: Sendable {
    /// Shows the consent link (and opens a browser when one is at hand). Called once, before
    /// waiting; `redirectURI` is the loopback address, for an `ssh -L` hint.
    func present(authorizationURL: URL, redirectURI: String)

    /// Blocks until the person enters a line (the address their browser failed to load) and
    /// returns it; nil at the end of input, or soon after `cancellation` is cancelled (the
    /// browser came back on its own, or the sign-in ended). Called on a thread of its own, again
    /// after every line that could not be used.
    func readPastedLine(cancellation: OAuthCancellation) -> String?

    /// One line saying why a pasted line was not used; waiting goes on.
    func notice(_ message: String)
}
