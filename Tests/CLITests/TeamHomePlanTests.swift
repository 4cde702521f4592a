import Foundation
@testable import RapportCLI
import Testing

/// What `init --group` does about each name of a home, as values: repair what the caller owns, tell
/// whoever owns the rest, and keep the team's settings to the home's owner.
@Suite struct TeamHomePlanTests {
    private let group = OSGroup.named("0")!  // root's group: present everywhere
    private let owner: uid_t = 1234
    private let other: uid_t = 5678

    private func found(_ owner: uid_t, group: gid_t, _ mode: mode_t, _ kind: TeamHome.Found.Kind = .file) -> TeamHome.Found {
        TeamHome.Found(owner: owner, group: group, mode: mode, kind: kind)
    }

    @Test func theOwnerRepairsWhatIsTheirsAndOthersAreTold() {
        let byOwner = TeamHome(group: group, caller: owner, homeOwner: owner)
        let database = found(owner, group: 4321, 0o644)
        #expect(byOwner.plan(TeamHome.database, path: "/h/rapport.db", found: database) == .repair(group: group.gid, mode: 0o660))
        #expect(byOwner.plan(TeamHome.database, path: "/h/rapport.db", found: found(owner, group: group.gid, 0o660)) == nil)
        #expect(byOwner.plan(TeamHome.logs, path: "/h/logs", found: found(owner, group: group.gid, 0o2770, .folder))
                == .repair(group: nil, mode: 0o3770))

        let byOther = TeamHome(group: group, caller: other, homeOwner: owner)
        guard case .tell(let text)? = byOther.plan(TeamHome.database, path: "/h/rapport.db", found: database) else {
            Issue.record("someone else's file is not repaired")
            return
        }
        #expect(text.hasSuffix("or root can run: chgrp \(group.name) /h/rapport.db && chmod 0660 /h/rapport.db"))
        let root = TeamHome(group: group, caller: 0, homeOwner: owner)
        #expect(root.plan(TeamHome.database, path: "/h/rapport.db", found: database) == .repair(group: group.gid, mode: 0o660))
    }

    @Test func theTeamsSettingsAreTheHomeOwnersAndNobodyElseWritesThem() {
        let plan = TeamHome(group: group, caller: owner, homeOwner: owner)
        #expect(plan.plan(TeamHome.settings, path: "/h/config.ini", found: found(owner, group: group.gid, 0o640)) == nil)
        #expect(plan.plan(TeamHome.settings, path: "/h/config.ini", found: found(owner, group: group.gid, 0o664))
                == .repair(group: nil, mode: 0o644))
        #expect(plan.plan(TeamHome.settings, path: "/h/config.ini", found: found(owner, group: group.gid, 0o600))
                == .repair(group: nil, mode: 0o640))
        guard case .tell(let text)? = plan.plan(TeamHome.settings, path: "/h/config.ini", found: found(other, group: group.gid, 0o640)) else {
            Issue.record("a member's config.ini is not the team's")
            return
        }
        #expect(text.contains("so Rapport ignores it"))
    }

    @Test func aLinkIsNeverRepairedThrough() {
        let plan = TeamHome(group: group, caller: 0, homeOwner: owner)
        guard case .tell(let text)? = plan.plan(TeamHome.database, path: "/h/rapport.db", found: found(other, group: 0, 0o777, .link)) else {
            Issue.record("a link in place of the database is left for its owner to remove")
            return
        }
        #expect(text.contains("/h/rapport.db is a symbolic link, which has no place in a team home"))
    }
}
