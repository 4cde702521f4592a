import Foundation
import GmailSimulator
import Testing

@Suite("messages.get formats match the examples", .enabled(if: Examples.folder != nil, "needs ../shared/reference/examples"))
struct GetTests {
    private func get(_ fixture: Fixture, _ id: String, _ query: String = "") throws -> SimulatorHTTP.Response {
        try fixture.get("/gmail/v1/users/me/messages/\(id)\(query)")
    }

    @Test("format=full has the example's fields, key order, part ids, body sizes and padded base64url data")
    func full() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.multipart, to: fixture.account,
                                           labelIds: ["IMPORTANT", "CATEGORY_PERSONAL", "INBOX"])
        let response = try get(fixture, id)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
        let example = try #require(Examples.json("message-get-full-multipart.json") as? [String: Any])
        let exampleKeys = JSONKeys.topLevel(try #require(Examples.bytes("message-get-full-multipart.json")))
        #expect(response.keyOrder == exampleKeys)
        let kept: Set<String> = ["partId", "mimeType", "filename", "name"]
        #expect(Examples.shape(response.json, keeping: kept) == Examples.shape(example, keeping: kept))

        let payload = try #require(response.json["payload"] as? [String: Any])
        let headers = try #require(payload["headers"] as? [[String: String]])
        #expect(headers[1]["value"] == "by 2002:a05:6a10:1234 with SMTP id abc123;        Tue, 14 May 2024 09:12:03 -0700 (PDT)")
        let alternative = try #require((payload["parts"] as? [[String: Any]])?.first)
        let plain = try #require((alternative["parts"] as? [[String: Any]])?.first?["body"] as? [String: Any])
        let data = try #require(plain["data"] as? String)
        let text = Array("Hi Dana,\r\n\r\nAttached is the revised quote & <terms>.\r\n\r\nBest,\r\nSam\r\n".utf8)
        #expect(Mail.decode(data) == text)
        #expect(plain["size"] as? Int == text.count)
        #expect(data.hasSuffix("=") == (text.count % 3 != 0))
        #expect(!data.contains("+") && !data.contains("/"))
        let html = try #require((alternative["parts"] as? [[String: Any]])?.last?["body"] as? [String: Any])
        #expect(String(decoding: Mail.decode(html["data"] as! String), as: UTF8.self)
            == "<div dir=\"ltr\">Hi Dana,<br><br>Attached is the revised quote.</div>\r\n")
        #expect(response.json["snippet"] as? String == "Hi Dana, Attached is the revised quote &amp; &lt;terms&gt;. Best, Sam")
        #expect(response.json["sizeEstimate"] as? Int == Mail.multipart.count)
    }

    @Test("format=metadata, minimal and raw have exactly the example's fields")
    func otherFormats() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.multipart, to: fixture.account,
                                           labelIds: ["IMPORTANT", "CATEGORY_PERSONAL", "INBOX"])
        let query = "?format=metadata&metadataHeaders=from&metadataHeaders=Date&metadataHeaders=MESSAGE-ID"
            + "&metadataHeaders=Subject&metadataHeaders=To&metadataHeaders=Cc"
        let metadata = try get(fixture, id, query)
        let metadataExample = try #require(Examples.json("message-get-metadata.json"))
        #expect(metadata.keyOrder == JSONKeys.topLevel(try #require(Examples.bytes("message-get-metadata.json"))))
        #expect(Examples.shape(metadata.json, keeping: ["name", "partId", "mimeType"])
            == Examples.shape(metadataExample, keeping: ["name", "partId", "mimeType"]))

        let minimal = try get(fixture, id, "?format=minimal")
        #expect(minimal.keyOrder == JSONKeys.topLevel(try #require(Examples.bytes("message-get-minimal.json"))))
        #expect(Examples.shape(minimal.json) == Examples.shape(try #require(Examples.json("message-get-minimal.json"))))

        let raw = try get(fixture, id, "?format=raw")
        #expect(raw.keyOrder == JSONKeys.topLevel(try #require(Examples.bytes("message-get-raw.json"))))
        #expect(Mail.decode(try #require(raw.json["raw"] as? String)) == Mail.multipart)
        #expect(raw.json["payload"] == nil)
        #expect(raw.json["historyId"] is String && raw.json["internalDate"] is String)
    }

    @Test("LF-only mail is stored and returned with CRLF; an unknown format is 400")
    func crlfAndBadFormat() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let lf = Array("From: a@x.example\nTo: dana@example.com\nSubject: lf\n\nline one\nline two\n".utf8)
        let id = fixture.simulator.deliver(raw: lf, to: fixture.account)
        let raw = Mail.decode(try get(fixture, id, "?format=raw").json["raw"] as! String)
        #expect(String(decoding: raw, as: UTF8.self) == "From: a@x.example\r\nTo: dana@example.com\r\nSubject: lf\r\n\r\nline one\r\nline two\r\n")
        #expect(try get(fixture, id, "?format=everything").status == 400)
    }

    @Test("attachments.get returns {size, data}; attachment ids may rotate on every fetch and old ones keep working")
    func attachments() throws {
        var configuration = Fixture.unlimited
        configuration.rotateAttachmentIDs = true
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.multipart, to: fixture.account)
        func attachmentID() throws -> String {
            let parts = try get(fixture, id).json["payload"].flatMap { ($0 as? [String: Any])?["parts"] as? [[String: Any]] }
            return try #require((parts?.last?["body"] as? [String: Any])?["attachmentId"] as? String)
        }
        let first = try attachmentID()
        let second = try attachmentID()
        #expect(first != second)
        for attachment in [first, second] {
            let response = try fixture.get("/gmail/v1/users/me/messages/\(id)/attachments/\(attachment)")
            #expect(response.status == 200)
            #expect(response.keyOrder == JSONKeys.topLevel(try #require(Examples.bytes("attachments-get.json"))))
            let bytes = Mail.decode(try #require(response.json["data"] as? String))
            #expect(bytes == [UInt8](Data(base64Encoded: "JVBERi0xLjQKJeLjz9MK")!))
            #expect(response.json["size"] as? Int == bytes.count)
        }
        #expect(try fixture.get("/gmail/v1/users/me/messages/\(id)/attachments/bogus").status == 400)
    }

    @Test("error bodies are the examples byte for byte in meaning: 404 unknown id, 400 malformed id, 401 bad token")
    func errors() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let unknown = try get(fixture, "18f3a9c2d41b7e05")
        #expect(unknown.status == 404)
        #expect(NSDictionary(dictionary: unknown.json) == NSDictionary(dictionary: try #require(Examples.json("error-404-not-found.json") as? [String: Any])))
        let malformed = try get(fixture, "not-an-id!")
        #expect(malformed.status == 400)
        #expect(NSDictionary(dictionary: malformed.json) == NSDictionary(dictionary: try #require(Examples.json("error-400-invalid-id.json") as? [String: Any])))
        for token in [nil, "ya29.unknown"] {
            let unauthorized = try fixture.http.get("/gmail/v1/users/me/profile", token: token)
            #expect(unauthorized.status == 401)
            #expect(NSDictionary(dictionary: unauthorized.json) == NSDictionary(dictionary: try #require(Examples.json("error-401-auth.json") as? [String: Any])))
        }
        fixture.simulator.expireAccessTokens()
        #expect(try fixture.get("/gmail/v1/users/me/profile").status == 401)
    }

    @Test("labels.list has the system labels and user labels in the example's shape")
    func labels() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let labelID = fixture.simulator.addLabel(name: "Customers/Acme", to: fixture.account)
        #expect(labelID == "Label_1")
        let response = try fixture.get("/gmail/v1/users/me/labels")
        let labels = try #require(response.json["labels"] as? [[String: Any]])
        let example = try #require((Examples.json("labels-list.json") as? [String: Any])?["labels"] as? [[String: Any]])
        for sample in example {
            let ours = labels.first { ($0["id"] as? String == sample["id"] as? String)
                || ($0["name"] as? String == sample["name"] as? String) }
            let id = sample["id"] as! String
            #expect(ours.map { Examples.shape($0, keeping: ["type", "messageListVisibility", "labelListVisibility"]) }
                == Examples.shape(sample, keeping: ["type", "messageListVisibility", "labelListVisibility"]),
                "label \(id)")
        }
        #expect(labels.contains { $0["name"] as? String == "Customers/Acme" })
    }
}

@Suite("routing and identity")
struct IdentityTests {
    @Test("userId may be me or the account's own address; another address is refused")
    func userID() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        #expect(try fixture.get("/gmail/v1/users/dana%40example.com/profile").status == 200)
        #expect(try fixture.get("/gmail/v1/users/DANA@example.com/labels").status == 200)
        #expect(try fixture.get("/gmail/v1/users/lee@example.com/profile").status == 403)
    }
}
