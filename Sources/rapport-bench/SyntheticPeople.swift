import CRMCore
import DeterministicRandom
import Foundation

/// The companies and contacts of the synthetic team: realistic names, company domains, one or two
/// addresses per contact (unique in the team), and a few large companies with many contacts.
struct SyntheticPeople {
    struct Company {
        let name: String
        let domain: String
    }

    struct Person {
        let name: String
        let firstName: String
        let emails: [EmailAddress]
        /// Index into `companies`; nil for people who write from a personal address only.
        let company: Int?
        let phone: String?
        /// Index of the teammate who owns the contact.
        let owner: Int
    }

    let companies: [Company]
    let people: [Person]

    init(contacts: Int, companies companyCount: Int, teammates: Int, random: inout SeededRandom) {
        companies = Self.makeCompanies(count: companyCount, random: &random)
        var used = Set<String>()
        var people: [Person] = []
        people.reserveCapacity(contacts)
        let firstSlugs = Vocabulary.firstNames.map(Self.slug)
        let lastSlugs = Vocabulary.lastNames.map(Self.slug)
        for _ in 0..<contacts {
            let first = random.below(Vocabulary.firstNames.count)
            let last = random.below(Vocabulary.lastNames.count)
            let company = random.chance(0.9) ? random.skewedIndex(companies.count, skew: 1.8) : nil
            var locals: [String] = []
            if let company {
                let (f, l) = (firstSlugs[first], lastSlugs[last])
                let local = [f + "." + l, String(f.prefix(1)) + l, f, f + "_" + l, f + String(l.prefix(1))]
                locals.append(random.pick(local) + "@" + companies[company].domain)
            }
            if company == nil || random.chance(0.4) {
                locals.append(firstSlugs[first] + "." + lastSlugs[last] + "@" + random.pick(Vocabulary.personalDomains))
            }
            let emails = locals.map { Self.unique($0, in: &used, random: &random) }
            var phone: String?
            if random.chance(0.5) {
                let country = random.pick([1, 44, 49, 33, 31, 46])
                phone = "+\(country) \(100 + random.below(900)) \(1_000_000 + random.below(9_000_000))"
            }
            people.append(Person(name: Vocabulary.firstNames[first] + " " + Vocabulary.lastNames[last],
                                 firstName: Vocabulary.firstNames[first], emails: emails, company: company,
                                 phone: phone, owner: random.below(teammates)))
        }
        self.people = people
    }

    private static func makeCompanies(count: Int, random: inout SeededRandom) -> [Company] {
        var pairs: [(String, String)] = []
        for stem in Vocabulary.companyStems {
            for kind in Vocabulary.companyKinds { pairs.append((stem, kind)) }
        }
        pairs.shuffle(using: &random)
        var domains = Set<String>()
        var companies: [Company] = []
        for index in 0..<count {
            let (stem, kind) = pairs[index % pairs.count]
            let round = index / pairs.count
            let name = "\(stem) \(kind)" + (round == 0 ? "" : " \(round + 1)")
            let tld = random.pick(Vocabulary.topLevelDomains)
            var domain = random.chance(0.3) ? "\(slug(stem))-\(slug(kind)).\(tld)" : "\(slug(stem + kind)).\(tld)"
            if round > 0 || domains.contains(domain) { domain = "\(slug(stem + kind))\(round + 1)-\(index).\(tld)" }
            domains.insert(domain)
            companies.append(Company(name: name, domain: domain))
        }
        return companies
    }

    /// `candidate` as an address, made unique in the team with a number when taken.
    private static func unique(_ candidate: String, in used: inout Set<String>, random: inout SeededRandom)
        -> EmailAddress {
        var text = candidate
        while used.contains(text) {
            let at = candidate.firstIndex(of: "@")!
            text = candidate[..<at] + String(random.below(1000)) + candidate[at...]
        }
        used.insert(text)
        return EmailAddress(text)!
    }

    /// Lower-case ASCII letters of a name: "Jovanović" → "jovanovic", "O'Brien" → "obrien".
    static func slug(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "ı", with: "i").folding(options: .diacriticInsensitive, locale: nil)
            .lowercased()
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}
