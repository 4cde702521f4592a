import Foundation
import Testing
@testable import GmailAPI

/// Tolerant decoding of shapes the examples do not cover.
struct MessageDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test func numbersMayComeAsStringsOrNumbers() throws {
        let asNumbers = try decode(GmailMessage.self, #"{"id":"a","historyId":4818233,"internalDate":1715703123000,"sizeEstimate":"12"}"#)
        let asStrings = try decode(GmailMessage.self, #"{"id":"a","historyId":"4818233","internalDate":"1715703123000","sizeEstimate":12}"#)
        #expect(asNumbers == asStrings)
        #expect(asNumbers.historyID == 4_818_233)
        let huge = try decode(GmailProfile.self, #"{"historyId":"18446744073709551615"}"#)
        #expect(huge.historyID == UInt64.max)
    }

    @Test func missingKeysAndNullsAreEmpty() throws {
        let message = try decode(GmailMessage.self, #"{"labelIds":null,"payload":{"parts":[{}]}}"#)
        #expect(message.id == "" && message.labelIDs.isEmpty && message.historyID == 0 && message.raw == nil)
        #expect(message.payload?.parts == [GmailMessagePart()])
        #expect(try decode(GmailListLabelsResponse.self, "{}").labels.isEmpty)
        #expect(try decode(GmailHistory.self, #"{"id":"5"}"#) == GmailHistory(id: 5))
    }

    @Test func unknownKeysAreIgnored() throws {
        let ref = try decode(GmailMessageRef.self, #"{"id":"x","threadId":"y","newField":{"deep":[1,2]},"other":true}"#)
        #expect(ref == GmailMessageRef(id: "x", threadID: "y"))
    }

    @Test func base64urlWithOrWithoutPaddingAndStandardAlphabet() throws {
        // "<div>?>" : bytes that need "-" / "_" in base64url.
        let bytes = Array("<div>?>~".utf8)
        for encoded in ["PGRpdj4_Pn4=", "PGRpdj4_Pn4", "PGRpdj4/Pn4=", "PGRpdj4/Pn4"] {
            let body = try decode(GmailMessagePartBody.self, #"{"data":"\#(encoded)","size":8}"#)
            #expect(body.data == bytes, "\(encoded)")
        }
    }

    @Test func snippetStaysHTMLEscaped() throws {
        let message = try decode(GmailMessage.self, #"{"snippet":"I&#39;m &lt;here&gt; &amp; ready"}"#)
        #expect(message.snippet == "I&#39;m &lt;here&gt; &amp; ready")
    }

    @Test func wrongKindOfValueIsAnError() {
        #expect(throws: DecodingError.self) {
            try decode(GmailMessage.self, #"{"id":{"nested":1}}"#)
        }
        #expect(throws: DecodingError.self) {
            try decode(GmailMessage.self, #"{"historyId":"not-a-number"}"#)
        }
    }
}
