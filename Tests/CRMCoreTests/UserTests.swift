import Testing
@testable import CRMCore

@Suite("User")
struct UserTests {
    @Test("valid logins", arguments: [
        "ann", "a", "_svc", "ann.lee", "ann_lee", "ann-lee", "a1", "x9.y_z-0", String(repeating: "a", count: 64),
    ])
    func validLogins(_ login: String) {
        #expect(User.isValidLogin(login), "\(login)")
    }

    @Test("invalid logins", arguments: [
        "", "Ann", "ANN", "1ann", "-ann", ".ann", "ann lee", "ann@x", "ann/..", "jörg", "ann\n", " ann",
        "ann;rm", String(repeating: "a", count: 65), "ａnn",
    ])
    func invalidLogins(_ login: String) {
        #expect(!User.isValidLogin(login), "\(login.debugDescription)")
    }

    @Test func scopeFollowsAdminFlag() {
        let member = User(id: 1, login: "ann", name: "Ann", teamID: 4, isAdmin: false)
        let admin = User(id: 2, login: "root_admin", name: "Root", teamID: 4, isAdmin: true)
        #expect(member.scope == .team(4))
        #expect(admin.scope == .everyone)
    }
}
