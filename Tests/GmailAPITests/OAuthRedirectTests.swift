import Foundation
@testable import GmailAPI
import Testing

@Suite("Reading the redirect: from the browser's query, and pasted by a person on SSH")
struct OAuthRedirectTests {
    let state = "Zq3-state_value.1"

    @Test("a code comes out only when the state matches")
    func stateIsCheckedFirst() throws {
        let redirect = try #require(AuthorizationRedirect(query: "state=\(state)&code=4%2F0Ab-code&scope=x"))
        #expect(try redirect.code(expectingState: state) == "4/0Ab-code")
        #expect(throws: OAuthError.stateMismatch) { try redirect.code(expectingState: "another") }
        let stateless = try #require(AuthorizationRedirect(query: "code=abc"))
        #expect(throws: OAuthError.stateMismatch) { try stateless.code(expectingState: state) }
    }

    @Test("errors from the consent page: access_denied, others, and a wrong state beats both")
    func errors() throws {
        let denied = try #require(AuthorizationRedirect(query: "error=access_denied&state=\(state)"))
        #expect(throws: OAuthError.accessDenied) { try denied.code(expectingState: state) }
        let other = try #require(AuthorizationRedirect(query: "error=invalid_request&state=\(state)"))
        #expect(throws: OAuthError.authorizationFailed("invalid_request")) { try other.code(expectingState: state) }
        let hostile = try #require(AuthorizationRedirect(query: "error=%3Cscript%3E&state=\(state)"))
        #expect(throws: OAuthError.authorizationFailed("script")) { try hostile.code(expectingState: state) }
        #expect(throws: OAuthError.stateMismatch) { try denied.code(expectingState: "another") }
        #expect(AuthorizationRedirect(query: "") == nil)
        #expect(AuthorizationRedirect(query: "state=\(state)") == nil)
    }

    @Test("pasted addresses in the shapes people paste them", arguments: [
        "http://127.0.0.1:53682/?state=STATE&code=4/0Ab-code&scope=https://www.googleapis.com/auth/gmail.modify",
        "  http://127.0.0.1:53682/?code=4%2F0Ab-code&state=STATE  \n",
        "\"http://127.0.0.1:53682/?code=4%2F0Ab-code&state=STATE\"",
        "'127.0.0.1:53682/?code=4%2F0Ab-code&state=STATE'",
        "<http://127.0.0.1:53682/?code=4%2F0Ab-code&state=STATE>",
        "127.0.0.1:53682/?code=4%2F0Ab-code&state=STATE",
        "?code=4%2F0Ab-code&state=STATE",
        "code=4/0Ab-code&state=STATE",
        "http://127.0.0.1:53682/?code=4%2F0Ab-\n  code&state=STATE#",
        "http://127.0.0.1:53682/code=4%2F0Ab-code&state=STATE",
    ])
    func pasteVariants(pasted: String) throws {
        let text = pasted.replacingOccurrences(of: "STATE", with: state)
        #expect(try PastedRedirect.code(from: text, expectingState: state) == "4/0Ab-code")
    }

    @Test("a pasted address from another attempt is refused and its code not returned")
    func pasteWrongState() {
        #expect(throws: OAuthError.stateMismatch) {
            try PastedRedirect.code(from: "http://127.0.0.1:53682/?code=abc&state=old-attempt", expectingState: state)
        }
    }

    @Test("pastes with no code say what to paste instead")
    func pasteWithoutCode() {
        let cases: [(String, String)] = [
            ("", "nothing was pasted"),
            ("   ", "nothing was pasted"),
            ("hello there", "not the address the browser was sent to"),
            ("https://accounts.google.com/o/oauth2/v2/auth?client_id=x&response_type=code&state=\(state)", "the sign-in link itself"),
            ("http://127.0.0.1:53682/?state=\(state)", "holds no code"),
        ]
        for (text, hint) in cases {
            do {
                _ = try PastedRedirect.code(from: text, expectingState: state)
                Issue.record("\(text) gave a code")
            } catch {
                guard case .unreadableRedirect(let message) = error else {
                    Issue.record("\(text): \(error)")
                    continue
                }
                #expect(message.contains(hint), "\(text): \(message)")
            }
        }
    }

    @Test("access_denied pasted back ends as accessDenied")
    func pasteDenied() {
        #expect(throws: OAuthError.accessDenied) {
            try PastedRedirect.code(from: "http://127.0.0.1:1/?error=access_denied&state=\(state)", expectingState: state)
        }
    }

    @Test("the code stays out of the redirect's description")
    func codeHidden() throws {
        let redirect = try #require(AuthorizationRedirect(query: "code=SECRET-CODE&state=s"))
        var dumped = ""
        dump(redirect, to: &dumped)
        for text in [String(describing: redirect), String(reflecting: redirect), dumped] {
            #expect(!text.contains("SECRET-CODE"))
        }
    }
}
