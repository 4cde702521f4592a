import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

@Suite struct MailAddressTests {
    private func parse(_ text: String) -> [MailAddress] { MailAddress.parseList(Array(text.utf8)) }
    private func one(_ name: String?, _ address: String?) -> MailAddress { MailAddress(name: name, address: address) }

    // MARK: - Reading

    @Test func plainForms() {
        #expect(parse("ann@example.com") == [one(nil, "ann@example.com")])
        #expect(parse("<ann@example.com>") == [one(nil, "ann@example.com")])
        #expect(parse("Ann Lee <ann@example.com>") == [one("Ann Lee", "ann@example.com")])
        #expect(parse("John Q. Public <j@x>") == [one("John Q. Public", "j@x")])
        #expect(parse("  Ann   Lee\t <  Ann.Lee@Example.COM  > ") == [one("Ann Lee", "Ann.Lee@Example.COM")])
    }

    @Test func quotedNamesKeepCommasAndResolveEscapes() {
        #expect(parse(#""Lee, Ann \"AL\"" <ann@example.com>, bob@example.com"#)
            == [one(#"Lee, Ann "AL""#, "ann@example.com"), one(nil, "bob@example.com")])
        #expect(parse(#""a\\b" <x@y>"#) == [one(#"a\b"#, "x@y")])
        #expect(parse(#""" <x@y>"#) == [one(nil, "x@y")])
        #expect(parse(#""  " <x@y>"#) == [one(nil, "x@y")])
    }

    @Test func commentsNameBareAddressesAndFollowNames() {
        #expect(parse("ann@example.com (Ann Lee)") == [one("Ann Lee", "ann@example.com")])
        #expect(parse("ann@example.com (Ann (Sales) Lee)") == [one("Ann (Sales) Lee", "ann@example.com")])
        #expect(parse("(Ann Lee) ann@example.com, bob@example.com (Bob)")
            == [one("Ann Lee", "ann@example.com"), one("Bob", "bob@example.com")])
        #expect(parse("Ann <ann@example.com> (work)") == [one("Ann (work)", "ann@example.com")])
        #expect(parse("ann(x)@example(y).com") == [one("x y", "ann@example.com")])
    }

    @Test func groupsAreFlattened() {
        #expect(parse("Team: a@x, Bo <b@y>;, c@z")
            == [one(nil, "a@x"), one("Bo", "b@y"), one(nil, "c@z")])
        #expect(parse("undisclosed-recipients:;").isEmpty)
        #expect(parse("\"Sales: EMEA\": a@x;").map(\.address) == ["a@x"])
        #expect(parse("A: B: c@d;;") == [one(nil, "c@d")])
    }

    @Test func brokenBracketsAndSeparators() {
        #expect(parse("Ann Lee ann@example.com") == [one("Ann Lee", "ann@example.com")])
        #expect(parse("Ann <ann@example.com, Bob <bob@example.com>")
            == [one("Ann", "ann@example.com"), one("Bob", "bob@example.com")])
        #expect(parse("Ann <ann@example.com") == [one("Ann", "ann@example.com")])
        #expect(parse("Ann <a@x> Bob <b@y>") == [one("Ann", "a@x"), one("Bob", "b@y")])
        #expect(parse("a@x b@y") == [one(nil, "a@x"), one(nil, "b@y")])
        #expect(parse(", ;a@x,,; >") == [one(nil, "a@x")])
        #expect(parse("").isEmpty)
        #expect(parse("  ,  ").isEmpty)
        #expect(parse("<>").isEmpty)
        #expect(parse("Ann <>") == [one("Ann", nil)])
    }

    @Test func obsoleteAndUnusualAddresses() {
        #expect(parse("postmaster") == [one("postmaster", nil)])
        #expect(parse("root (Cron Daemon)") == [one("Cron Daemon", "root")])
        #expect(parse("<postmaster>") == [one(nil, "postmaster")])
        #expect(parse("Ann <ann>") == [one("Ann", "ann")])
        #expect(parse("<@a.example,@b.example:user@c.example>") == [one(nil, "user@c.example")])
        #expect(parse("jdoe@test . example") == [one(nil, "jdoe@test.example")])
        #expect(parse(#""john doe"@example.com"#) == [one(nil, #""john doe"@example.com"#)])
        #expect(parse("user@[192.168.0.1]") == [one(nil, "user@[192.168.0.1]")])
        #expect(parse("Ann Lee") == [one("Ann Lee", nil)])
    }

    @Test func unterminatedQuotesAndCommentsAreSkipped() {
        #expect(parse("\"Ann Lee <ann@example.com>") == [one("Ann Lee", "ann@example.com")])
        #expect(parse("Ann (Sales <ann@example.com>") == [one("Ann Sales", "ann@example.com")])
    }

    @Test func namesAreDecoded() {
        #expect(parse("Zoë Ångström <zoe@example.com>") == [one("Zoë Ångström", "zoe@example.com")])
        #expect(parse("=?utf-8?B?Wm/DqyBMZWU=?= <zoe@example.com>") == [one("Zoë Lee", "zoe@example.com")])
        #expect(parse("=?utf-8?Q?Zo=C3=AB?= =?utf-8?Q?_Lee?= <zoe@example.com>") == [one("Zoë Lee", "zoe@example.com")])
    }

    @Test func namesAreOneLineWithSingleSpaces() {
        #expect(parse("=?ISO-8859-1?Q?Andr=E9_?= Pirard <p@x>") == [one("André Pirard", "p@x")])
        #expect(parse("=?utf-8?Q?Ann=0A=09Lee=C2=A0=C2=85?= <a@x>") == [one("Ann Lee", "a@x")])
        #expect(parse("\"Ann \\\\\u{7}  Lee\" <a@x>") == [one("Ann \\ Lee", "a@x")])
    }

    /// Hostile address lists of `count` repeats, each a shape that makes naive parsers backtrack.
    static func adversarial(_ count: Int) -> [[UInt8]] {
        [
            Array(repeating: UInt8(ascii: "("), count: count * 2),
            Array(repeating: UInt8(ascii: "<"), count: count * 2),
            Array(repeating: UInt8(ascii: "\""), count: count * 2 + 1),
            Array(String(repeating: "\"\\", count: count).utf8),
            Array(String(repeating: "(\\", count: count).utf8),
            Array(String(repeating: "a@", count: count).utf8),
            Array(String(repeating: "a.", count: count).utf8),
            Array(String(repeating: "<@a,", count: count / 2).utf8),
            Array(String(repeating: "x:", count: count).utf8),
            Array(String(repeating: "a <b> ", count: count / 2).utf8),
            Array(String(repeating: "(a)", count: count).utf8) + Array("b@c".utf8),
            (0..<count * 2).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) },
        ]
    }

    /// Linear, not timed against a clock that a loaded machine slows: four times the input may take
    /// at most twelve times as long (quadratic work would take sixteen), the best of five runs each,
    /// in this thread's CPU time (a wall clock on a machine at load 20 measures the other processes).
    @Test func adversarialInputIsLinearAndNeverTraps() {
        func cpuSeconds() -> TimeInterval {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return TimeInterval(now.tv_sec) + TimeInterval(now.tv_nsec) / 1e9
        }
        func seconds(_ bytes: [UInt8]) -> TimeInterval {
            (0..<5).map { _ in
                let started = cpuSeconds()
                _ = MailAddress.formatList(MailAddress.parseList(bytes))
                return cpuSeconds() - started
            }.min()!
        }
        for (small, large) in zip(Self.adversarial(12_500), Self.adversarial(50_000)) {
            let (short, long) = (seconds(small), seconds(large))
            #expect(long < max(short, 0.005) * 12, "\(large.prefix(8)): \(short) s for a quarter, \(long) s in full")
        }
        let many = Array(repeating: "Ann Lee <ann@example.com>", count: 20_000).joined(separator: ", ")
        #expect(MailAddress.parseList(Array(many.utf8)).count == 20_000)
    }

    // MARK: - Writing

    @Test func headerTextQuotesOnlyWhenNeeded() {
        #expect(one("Ann Lee", "ann@example.com").headerText == "\"Ann Lee\" <ann@example.com>")
        #expect(one("Ann", "ann@example.com").headerText == "Ann <ann@example.com>")
        #expect(one(#"Lee, Ann "AL" \o/"#, "a@x").headerText == #""Lee, Ann \"AL\" \\o/" <a@x>"#)
        #expect(one(nil, "ann@example.com").headerText == "ann@example.com")
        #expect(one(nil, "postmaster").headerText == "<postmaster>")
        #expect(one(nil, "a@b@c").headerText == "<a@b@c>")
        #expect(one(nil, #""john doe"@example.com"#).headerText == #"<"john doe"@example.com>"#)
        #expect(one(nil, "mailto:list@example.com").headerText == "<mailto:list@example.com>")
        #expect(one("  ", "ann@example.com").headerText == "ann@example.com")
        #expect(one("Ann Lee", nil).headerText == "\"Ann Lee\"")
        #expect(one(nil, nil).headerText == "")
    }

    @Test func headerTextEncodesNonASCIINames() {
        let name = "Zoë Ångström"
        #expect(one(name, "zoe@example.com").headerText == EncodedWord.encode(name) + " <zoe@example.com>")
        #expect(parse(one(name, "zoe@example.com").headerText) == [one(name, "zoe@example.com")])
    }

    @Test func headerTextCannotInjectFields() {
        let text = one("Ann\r\nBcc: evil@example.com", "ann@example.com\r\nX: y").headerText
        #expect(!text.contains("\r") && !text.contains("\n"))
    }

    @Test func formatListJoinsAndRoundTrips() {
        let list = [one("Ann Lee", "ann@example.com"), one(nil, nil), one(nil, "bob@example.com"),
                    one(#"Lee, "AL""#, "al@example.com")]
        let text = MailAddress.formatList(list)
        #expect(text == #""Ann Lee" <ann@example.com>, bob@example.com, "Lee, \"AL\"" <al@example.com>"#)
        #expect(parse(text) == list.filter { $0.address != nil })
        #expect(MailAddress.formatList([]) == "")
    }

    // MARK: - Fuzzing

    /// Real header values mutated (seeded, so failures reproduce) never trap, and every result keeps
    /// the promises: names one trimmed line, addresses and ids without white space at the ends,
    /// dates that survive a format round trip.
    @Test func mutatedRealHeadersKeepTheInvariants() {
        var seeds: [[UInt8]] = ["address", "date", "id", "list"].flatMap { name in
            (StalwartHeaderVectors.load(name) ?? []).map { StalwartHeaderVectors.value($0.header) }
        }
        seeds += [#""Lee, Ann" <ann@example.com>, Team: (c) b@x;, <@r:u@h>"#, "Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
                  "<a@b> <c@d>"].map { Array($0.utf8) }
        var random = SeededRandom(seed: 0x5EED)
        let specials = Array(#"<>()",;:@.\=?_ \t"#.utf8) + [0x0A, 0x00, 0xC3, 0xFF]
        var checked = 0
        for seed in seeds where !seed.isEmpty {
            for _ in 0..<150 {
                var bytes = seed
                for _ in 0...random.below( 3) {
                    let at = random.below( bytes.count + 1)
                    switch random.below( 5) {
                    case 0 where at < bytes.count: bytes[at] = specials[random.below( specials.count)]
                    case 1: bytes.insert(specials[random.below( specials.count)], at: at)
                    case 2: bytes.removeSubrange(at..<min(bytes.count, at + random.below( 8)))
                    case 3: bytes.insert(contentsOf: bytes[at...].prefix(random.below( 16)), at: at)
                    default: bytes = Array(bytes.prefix(at))
                    }
                }
                for mailbox in MailAddress.parseList(bytes) {
                    #expect(mailbox.name != nil || mailbox.address != nil)
                    if let name = mailbox.name {
                        #expect(!name.isEmpty && MailAddress.normalized(name) == name, "\(name.debugDescription) from \(bytes)")
                    }
                    if let address = mailbox.address {
                        // White space only inside a quoted local part, never at the ends; no controls.
                        #expect(address.utf8.first.map { $0 > 0x20 } == true && address.utf8.last.map { $0 > 0x20 } == true
                            && !address.utf8.contains { $0 < 0x20 || $0 == 0x7F }, "\(address.debugDescription)")
                    }
                    #expect(!mailbox.headerText.contains { $0 == "\r" || $0 == "\n" })
                }
                if let date = MailDate.parse(bytes) { #expect(MailDate.parse(MailDate.format(date)) == date) }
                for id in MessageIDList.parse(bytes) {
                    #expect(!id.isEmpty && id.unicodeScalars.first?.properties.isWhitespace == false
                        && id.unicodeScalars.last?.properties.isWhitespace == false, "\(id.debugDescription)")
                }
                _ = PhraseList.parse(bytes)
                checked += 1
            }
        }
        // Without the corpus only the built-in seeds run.
        #expect(checked > (MIMECorpus.isAvailable ? 1_000 : 100))
    }

    // MARK: - Real data

    /// Where we read address.json differently from stalwart on purpose: header → (our result, reason).
    static let deliberateDifferences: [String: (ours: [MailAddress], reason: String)] = [
        "Pete(A nice \n \\\n ) chap) <pete(his\n account)@silly\n .test(his host)>\n": (
            [MailAddress(name: "Pete chap) (A nice his account his host)", address: "pete@silly.test")],
            "unfolded as our message parser does (CR/LF removed), the backslash escapes the space and the next ')' closes the comment; stalwart lets the escape reach across the fold"),
        "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example\n": (
            [MailAddress(name: "Mary Smith", address: "mary@example.net"),
             MailAddress(name: nil, address: "jdoe@test.example")],
            "obsolete routes are dropped (RFC 5322 §4.4) and white space around dots is not part of an address, so contact matching sees the mailbox"),
        "John Doe <jdoe@machine(comment).  example>\n": (
            [MailAddress(name: "John Doe (comment)", address: "jdoe@machine.example")],
            "white space around dots is not part of an address"),
        "\"  James Smythe\" <james@example.com>, Friends:\n  jane@example.com, =?UTF-8?Q?John_Sm=C3=AEth?=\n   <john@example.com>;\n": (
            [MailAddress(name: "James Smythe", address: "james@example.com"),
             MailAddress(name: nil, address: "jane@example.com"),
             MailAddress(name: "John Smîth", address: "john@example.com")],
            "names are trimmed"),
    ]

    @Test func stalwartAddressVectors() throws {
        try StalwartHeaderVectors.compare("address", deliberateDifferences: Self.deliberateDifferences,
                                          ours: { MailAddress.parseList(StalwartHeaderVectors.value($0)) },
                                          theirs: { header, expected in
            try #require(Self.flattened(expected), "unreadable expectation for \(header)")
        })
    }

    /// Stalwart's {"List": [...]} or {"Group": [{"name", "addresses"}]} as our flat list.
    static func flattened(_ expected: Any) -> [MailAddress]? {
        func mailbox(_ any: Any) -> MailAddress? {
            guard let object = any as? [String: Any] else { return nil }
            let name = (object["name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            return MailAddress(name: name, address: object["address"] as? String)
        }
        guard let object = expected as? [String: Any] else { return nil }
        if let list = object["List"] as? [Any] { return list.compactMap(mailbox) }
        if let groups = object["Group"] as? [[String: Any]] {
            return groups.flatMap { ($0["addresses"] as? [Any] ?? []).compactMap(mailbox) }
        }
        return nil
    }
}
