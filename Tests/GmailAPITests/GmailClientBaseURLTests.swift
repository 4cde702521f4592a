import Foundation
import Testing
@testable import GmailAPI

/// The API base URL: where calls go, and refusing one that cannot work.
struct GmailClientBaseURLTests {
    @Test(arguments: ["http://127.0.0.1:8080/", "http://127.0.0.1:8080", "https://gmail.googleapis.com"])
    func callsGoUnderTheBase(base: String) throws {
        let transport = ScriptedTransport(responses: [gmailJSON(#"{"labels":[]}"#)])
        _ = try makeGmailClient(transport, base: base).labels()
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        #expect(transport.requests[0].url.absoluteString == trimmed + "/gmail/v1/users/me/labels")
    }

    @Test func aBaseWithAPathPrefixKeepsIt() throws {
        let transport = ScriptedTransport(responses: [gmailJSON("{}")])
        _ = try makeGmailClient(transport, base: "http://127.0.0.1:9/fake/").profile()
        #expect(transport.requests[0].url.absoluteString == "http://127.0.0.1:9/fake/gmail/v1/users/me/profile")
    }

    @Test(arguments: ["gmail.googleapis.com", "ftp://gmail.googleapis.com/", "file:///tmp/gmail", "http:///nohost",
                      "https://gmail.googleapis.com/?x=1"])
    func malformedBaseIsInvalidConfiguration(base: String) throws {
        let url = try #require(URL(string: base))
        let transport = ScriptedTransport()
        let client = GmailClient(baseURL: url, transport: transport, tokens: CountingTokens())
        #expect {
            try client.profile()
        } throws: { error in
            guard case GmailError.invalidConfiguration = error else { return false }
            return true
        }
        #expect(throws: GmailError.self) { try GmailClient.validate(baseURL: url) }
        #expect(transport.requests.isEmpty)
    }

    @Test func idsArePercentEncodedInPaths() throws {
        let transport = ScriptedTransport(responses: [gmailJSON("{}")])
        _ = try makeGmailClient(transport).message(id: "a/b?c d")
        #expect(gmailPathAndQuery(transport.requests[0]).path == "/gmail/v1/users/me/messages/a%2Fb%3Fc%20d")
    }
}
