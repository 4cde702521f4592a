/// A person the team talks to, with every address they write from.
public struct Contact: Sendable, Hashable {
    public let id: Int64
    public let teamID: Int64
    public var name: String
    public var emails: [EmailAddress]
    public var companyID: Int64?
    public var companyName: String?
    public var phone: String?
    public var ownerLogin: String?

    public init(id: Int64, teamID: Int64, name: String, emails: [EmailAddress], companyID: Int64?,
                companyName: String?, phone: String?, ownerLogin: String?) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.emails = emails
        self.companyID = companyID
        self.companyName = companyName
        self.phone = phone
        self.ownerLogin = ownerLogin
    }
}
