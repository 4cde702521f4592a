import Hardening
import Testing

@Suite struct RedactionTests {
    private func redact(_ text: String, _ secrets: [String] = []) -> String { Redaction.redact(text, secrets: secrets) }

    @Test("tokens are found by their shape", arguments: [
        ("Gmail answered 401 to ya29.a0AfH6SMBx-y_z.9", "Gmail answered 401 to [redacted]"),
        ("refresh with 1//0gXyz-AbC_9 failed", "refresh with [redacted] failed"),
        ("(1//0gXyz)", "([redacted])"),
        (#"{"token": "1\/\/0gXyz"}"#, #"{"token": "[redacted]"}"#),
        ("Authorization: Bearer abc.def-1", "Authorization: Bearer [redacted]"),
        ("sent bearer   token-1, then", "sent bearer   [redacted], then"),
    ])
    func shapes(text: String, expected: String) {
        #expect(redact(text) == expected)
    }

    @Test("every secret name's value goes, in an address, a form body and JSON", arguments: Redaction.secretNames)
    func namedValues(name: String) {
        #expect(redact("https://x.example/cb?state=s1&\(name)=V4lue%2Fx&scope=gmail")
                    == "https://x.example/cb?state=s1&\(name)=[redacted]&scope=gmail")
        #expect(redact("grant_type=refresh_token&\(name)=V4lue") == "grant_type=refresh_token&\(name)=[redacted]")
        #expect(redact("echo: \(name)=V4lue; end") == "echo: \(name)=[redacted]; end")
        #expect(redact(#"{"\#(name)": "V4l\"ue", "scope": "gmail"}"#) == #"{"\#(name)": "[redacted]", "scope": "gmail"}"#)
        #expect(redact(#"{"\#(name)":"V4lue"}"#) == #"{"\#(name)":"[redacted]"}"#)
        #expect(redact("{'\(name)': 'V4lue'}") == "{'\(name)': '[redacted]'}")
        #expect(redact("\(name.uppercased())=V4lue") == "\(name.uppercased())=[redacted]")
    }

    @Test func exactSecretsTheCallerKnowsGoHoweverTheyAreSpelled() {
        let secret = "GOCSPX-s3cr/et+x"
        let texts = ["was \(secret).", "was GOCSPX-s3cr%2Fet%2Bx.", "was GOCSPX-s3cr%252Fet%252Bx.", #"was GOCSPX-s3cr\/et+x."#]
        for text in texts {
            #expect(redact(text, [secret]) == "was [redacted].", "\(text)")
        }
        #expect(redact("Bad Request: rt-long-token-99", ["rt-long-token-99"]) == "Bad Request: [redacted]")
        #expect(redact("a b c", ["b"]) == "a b c", "a secret too short to look for leaves text alone")
    }

    @Test("names that only contain a secret's name, and ordinary text, are left alone", arguments: [
        "code_challenge=abc&code_challenge_method=S256",
        "error_code=5 auth_code_hint=x",
        "Gmail refused the request: Invalid To header (HTTP 400 badRequest)",
        #"{"error": {"code": 400, "message": "Precondition check failed."}}"#,
        "the password is wrong; run rapport account add again",
        "see http://10.0.0.1//path and 2021//x",
        "ya290 is not a token; neither is 11//x",
        "",
    ])
    func ordinaryText(text: String) {
        #expect(redact(text) == text)
    }

    @Test func redactingTwiceChangesNothing() {
        let once = redact(#"Bearer x code=y {"password": "z"} ya29.q 1//r"#, ["secret-1"])
        #expect(once == #"Bearer [redacted] code=[redacted] {"password": "[redacted]"} [redacted] [redacted]"#)
        #expect(redact(once, ["secret-1"]) == once)
    }
}
