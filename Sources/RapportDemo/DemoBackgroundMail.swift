import DeterministicRandom

/// The mail around the customer threads that nobody has as a contact: newsletters, digests, travel,
/// the helpdesk, events, the office, calendar invitations, finance and strangers selling something,
/// each on its own rhythm and with subjects that change from one message to the next.
enum DemoBackgroundMail: CaseIterable {
    case newsletter, digest, travel, helpdesk, events, office, calendar, finance, coldOutreach

    /// One message to deliver.
    struct Item {
        let senderName: String
        let senderAddress: String
        let subject: String
        let body: String
        let file: (name: String, kind: DemoFiles.Kind, about: String, number: Int)?
    }

    /// Days between two messages, on average.
    var everyDays: Double {
        switch self {
        case .newsletter: return 7
        case .digest: return 3
        case .travel: return 11
        case .helpdesk: return 9
        case .events: return 15
        case .office: return 7
        case .calendar: return 4
        case .finance: return 12
        case .coldOutreach: return 3
        }
    }

    /// A user label the messages carry besides INBOX, if any.
    var label: String? {
        switch self {
        case .newsletter, .digest: return "Newsletters"
        case .travel: return "Travel"
        default: return nil
        }
    }

    /// Whether older messages of this kind are archived (out of the inbox) as people do.
    var isArchivedWhenOld: Bool { self == .newsletter || self == .digest || self == .calendar }

    /// The `count`th message of this kind (counting from 0).
    func item(_ count: Int, random: inout SeededRandom) -> Item {
        switch self {
        case .newsletter:
            let headline = Self.headlines[count % Self.headlines.count]
            return Item(senderName: "SaaS Weekly", senderAddress: "news@saasweekly.example",
                        subject: "SaaS Weekly #\(212 + count): \(headline)",
                        body: "This week: \(headline). Three founders and two sales leaders share what they tried, "
                            + "what worked and what they would never do again.\n\nRead the whole issue on our site.",
                        file: nil)
        case .digest:
            let moved = 2 + random.below(14)
            let value = 120 + random.below(860)
            return Item(senderName: "Northwind Reports", senderAddress: "reports@northwind.example",
                        subject: "Pipeline digest: \(moved) deals moved, EUR \(value)k in play",
                        body: "\(moved) deals changed stage since the last digest; EUR \(value)k is in open deals.\n\n"
                            + "Open the pipeline report for the details.",
                        file: nil)
        case .travel:
            let city = Self.cities[count % Self.cities.count]
            let code = String((0..<6).map { _ in Character(Unicode.Scalar(UInt8(65 + random.below(26)))) })
            return Item(senderName: "Travel Desk", senderAddress: "bookings@traveldesk.example",
                        subject: "Your trip to \(city) is confirmed (\(code))",
                        body: "Your booking \(code) is confirmed. The itinerary with the flight and the hotel is attached.",
                        file: ("Itinerary \(city).pdf", .itinerary, city, 100_000 + random.below(900_000)))
        case .helpdesk:
            let system = Self.systems[count % Self.systems.count]
            let notices = [
                ("Scheduled maintenance: \(system) on Saturday",
                 "\(system) will be unavailable on Saturday from 22:00 to 23:00 for maintenance."),
                ("Your password expires in \(3 + count % 9) days",
                 "Please change your password before it expires; the self-service portal takes two minutes."),
                ("Phishing warning: fake invoices going around",
                 "We have seen fake invoice emails this week. Do not open attachments you did not expect."),
                ("\(system) is back to normal", "The earlier disruption of \(system) is resolved. Thanks for your patience."),
            ]
            let (subject, body) = notices[count % notices.count]
            return Item(senderName: "IT Helpdesk", senderAddress: "helpdesk@northwind.example", subject: subject,
                        body: body, file: nil)
        case .events:
            let event = Self.eventNames[(count / 3) % Self.eventNames.count]
            switch count % 3 {
            case 0:
                return Item(senderName: "Events Team", senderAddress: "events@salesconf.example",
                            subject: "Your ticket for \(event)",
                            body: "Thanks for registering. Your ticket is attached; show it at the entrance.",
                            file: ("Ticket \(event).pdf", .ticket, event, 10_000 + random.below(90_000)))
            case 1:
                return Item(senderName: "Events Team", senderAddress: "events@salesconf.example",
                            subject: "\(event): programme and speakers",
                            body: "The programme is online: twelve talks, four workshops and plenty of time to meet.",
                            file: nil)
            default:
                return Item(senderName: "Events Team", senderAddress: "events@salesconf.example",
                            subject: "\(event) starts in one week",
                            body: "See you next week! Doors open at 8:30; the first talk starts at 9:15.", file: nil)
            }
        case .office:
            if count % 3 == 2 {
                let notice = Self.officeNotices[(count / 3) % Self.officeNotices.count]
                return Item(senderName: "Office Manager", senderAddress: "office@northwind.example", subject: notice.0,
                            body: notice.1, file: nil)
            }
            let theme = Self.lunches[count % Self.lunches.count]
            return Item(senderName: "Office Manager", senderAddress: "office@northwind.example",
                        subject: "Friday lunch: \(theme)",
                        body: "Lunch is on us this Friday: \(theme). Reply with anything you cannot eat.", file: nil)
        case .calendar:
            let meeting = Self.meetings[count % Self.meetings.count]
            let day = ["Mon", "Tue", "Wed", "Thu", "Fri"][random.below(5)]
            let hour = 9 + random.below(8)
            return Item(senderName: "Google Calendar", senderAddress: "calendar-notification@google.example",
                        subject: "Invitation: \(meeting) @ \(day) \(hour):00 – \(hour + 1):00",
                        body: "You have been invited to \(meeting).\n\nWhen: \(day) \(hour):00 – \(hour + 1):00\n"
                            + "Where: Meeting room Fjord, or the video link in the invitation.",
                        file: nil)
        case .finance:
            let number = 4_000 + count * 17 + random.below(9)
            let approved = count % 3 != 1
            return Item(senderName: "Finance", senderAddress: "expenses@northwind.example",
                        subject: approved ? "Expense report ER-\(number) approved" : "Expense report ER-\(number): receipt missing",
                        body: approved ? "Your expense report ER-\(number) was approved and will be paid with the next salary."
                            : "One receipt is missing from ER-\(number). Please add it so we can approve the report.",
                        file: nil)
        case .coldOutreach:
            let stranger = Self.strangers[random.below(Self.strangers.count)]
            let pitch = Self.pitches[(count + random.below(3)) % Self.pitches.count]
            return Item(senderName: stranger.name, senderAddress: stranger.address,
                        subject: pitch.replacingOccurrences(of: "{company}", with: stranger.company),
                        body: "Hi,\n\nI noticed your team is growing. \(stranger.company) helps sales teams like yours "
                            + "book more meetings with less busywork. Would you be open to a 15-minute call?\n\n"
                            + "Best,\n\(stranger.name)",
                        file: nil)
        }
    }

    private static let headlines = [
        "pricing experiments that worked", "what churn looks like in year two", "the state of product-led sales",
        "five onboarding emails that convert", "how buyers read security reviews", "annual or monthly plans?",
        "the renewal playbook", "outbound is back", "the cost of a lost deal", "forecasting without spreadsheets",
        "when to hire your first account executive", "discounting without regret", "usage-based pricing, a year on",
        "the perfect demo in 30 minutes", "champions and how to keep them", "procurement, demystified",
        "what a good QBR looks like", "the first 90 days of a sales hire",
    ]
    private static let cities = ["Lyon", "Hamburg", "Milan", "Rotterdam", "Kraków", "Porto", "Gothenburg", "Vienna",
                                 "Zürich", "Antwerp", "Tallinn", "Bilbao"]
    private static let systems = ["the VPN", "the CRM sync", "email", "the file server", "the phone system", "Wi-Fi"]
    private static let eventNames = ["SalesConf 2027", "RevOps Summit", "CRM Forum Berlin", "Pipeline Live", "B2B Growth Days"]
    private static let lunches = ["ramen", "tacos", "Lebanese mezze", "pizza from Gino's", "Thai curries", "a salad bar",
                                  "Indian thali", "sushi", "Ethiopian injera", "burgers", "falafel wraps", "Korean barbecue"]
    private static let officeNotices = [
        ("The third-floor kitchen is closed on Tuesday", "The kitchen on the third floor gets a new dishwasher on Tuesday."),
        ("New coffee machine on the second floor", "It makes oat-milk flat whites. Please descale it on Fridays."),
        ("Fire drill on Thursday at 11:00", "A short fire drill on Thursday at 11:00; please leave by the nearest stairs."),
        ("Parking garage: new access cards", "Collect your new access card at the reception this week."),
        ("Plants need a home during the holidays", "If you can take a plant home over the holidays, reply to this email."),
    ]
    private static let meetings = ["Pipeline review", "Forecast call", "Deal desk", "Team retrospective",
                                   "Enablement: the new price list", "Territory planning", "Win/loss review"]
    private static let strangers: [(name: String, address: String, company: String)] = [
        ("Jamie Fox", "jamie@leadspark.example", "LeadSpark"), ("Priya Nair", "priya@dataforge.example", "DataForge"),
        ("Tom Becker", "tom@growthloop.example", "GrowthLoop"), ("Sofia Marín", "sofia@callify.example", "Callify"),
        ("Lukas Weber", "lukas@prospectly.example", "Prospectly"), ("Aisha Bello", "aisha@enrichio.example", "Enrichio"),
        ("Chen Wei", "chen@quotapath.example", "QuotaPath"), ("Marta Nowak", "marta@dialwise.example", "DialWise"),
    ]
    private static let pitches = [
        "Quick question about your tooling", "15 minutes next week?", "An idea for your SDR team",
        "{company} + Northwind", "Following up on my last note", "Benchmarks for sales teams your size",
        "Is booking meetings still a pain?", "Your pipeline, without the data entry", "A case study you might like",
        "Worth a look for Northwind?", "Last try: {company} for your team", "Cutting admin time for account executives",
        "How {company} helped a team like yours", "Did my email get buried?",
    ]
}
