import Testing
@testable import CRMCore

@Suite("CRMError")
struct CRMErrorTests {
    @Test func describesItselfWithTheMessageAlone() {
        let error = CRMError("no contact 12 in your team; see rapport contact list")
        #expect(error.description == "no contact 12 in your team; see rapport contact list")
        #expect("\(error)" == "no contact 12 in your team; see rapport contact list")
        #expect(error == CRMError("no contact 12 in your team; see rapport contact list"))
    }
}
