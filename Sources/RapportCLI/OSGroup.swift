import Foundation

/// An OS group, as the system knows it (`/etc/group` or a directory service).
struct OSGroup: Equatable {
    let name: String
    let gid: gid_t

    /// The group called `name` (or numbered so), when there is one.
    static func named(_ name: String) -> OSGroup? {
        if let entry = getgrnam(name) { return OSGroup(entry.pointee) }
        if let number = gid_t(name), let entry = getgrgid(number) { return OSGroup(entry.pointee) }
        return nil
    }

    /// The name of group `gid` (the number when it has none).
    static func name(of gid: gid_t) -> String {
        getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? String(gid)
    }

    private init(_ entry: group) {
        name = String(cString: entry.gr_name)
        gid = entry.gr_gid
    }

    /// Whether this process acts with the group: its own group or one of its supplementary groups
    /// (someone added to a group acts with it from their next login).
    var includesThisProcess: Bool {
        if getegid() == gid { return true }
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)) + 1)
        let count = getgroups(Int32(groups.count), &groups)
        return count > 0 && groups.prefix(Int(count)).contains(gid)
    }
}

extension OSGroup {
    /// Group `gid`, named as the system knows it (by its number when it has no name).
    static func of(_ gid: gid_t) -> OSGroup {
        getgrgid(gid).map { OSGroup($0.pointee) } ?? OSGroup(unnamed: gid)
    }

    private init(unnamed gid: gid_t) {
        name = String(gid)
        self.gid = gid
    }
}
