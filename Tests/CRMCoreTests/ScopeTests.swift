import Testing
@testable import CRMCore

@Suite("Scope")
struct ScopeTests {
    @Test func teamScopeContainsOnlyItsTeam() {
        let scope = Scope.team(3)
        #expect(scope.contains(team: 3))
        #expect(!scope.contains(team: 4))
        #expect(!scope.contains(team: 0))
        #expect(scope.teamID == 3)
    }

    @Test func everyoneContainsEveryTeam() {
        for team: Int64 in [0, 1, 3, 999, Int64.max] {
            #expect(Scope.everyone.contains(team: team))
        }
        #expect(Scope.everyone.teamID == nil)
    }
}
