import Testing
@testable import CRMCore

@Suite("Company")
struct CompanyTests {
    @Test("normalises typed domains", arguments: [
        ("acme.com", "acme.com"),
        ("Acme.COM", "acme.com"),
        ("  acme.com  ", "acme.com"),
        ("www.acme.com", "acme.com"),
        ("https://www.Acme.com/", "acme.com"),
        ("http://acme.co.uk/about/team", "acme.co.uk"),
        ("HTTPS://Shop.Acme.com", "shop.acme.com"),
        ("müller.de", "müller.de"),
        ("a-b.io", "a-b.io"),
    ])
    func normalizes(_ raw: String, expected: String) {
        #expect(Company.normalizedDomain(raw) == expected, "\(raw)")
    }

    @Test("refuses what is not a domain", arguments: [
        "", "acme", "localhost", "acme .com", "acme..com", "-acme.com", "acme.com-", "1.2.3.4", "acme.123",
        "ann@acme.com", "https://", "www.", "acme_corp.com", "ftp://acme.com",
    ])
    func refuses(_ raw: String) {
        #expect(Company.normalizedDomain(raw) == nil, "\(raw)")
    }
}
