/// The words the synthetic CRM is written in: people's names, company names, mail topics and prose.
enum Vocabulary {
    static let firstNames = [
        "Ann", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines", "Jonas", "Kwame", "Lena",
        "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz", "Uma", "Viktor", "Wen", "Yusuf",
        "Zoë", "Aaron", "Beatriz", "Carlos", "Daniela", "Emil", "Fatima", "Georg", "Helena", "Ivan", "Julia",
        "Kenji", "Laura", "Marco", "Nora", "Olivia", "Pablo", "Rahul", "Sara", "Thomas", "Valentina", "William",
        "Xavier", "Yara", "Zara", "Adrian", "Amelia", "Anders", "Ayesha", "Benjamin", "Camille", "Chen", "Chloe",
        "Daniel", "David", "Diego", "Eva", "Felix", "Florian", "Gabriel", "Grace", "Hannah", "Hiroshi", "Isabel",
        "Jakub", "James", "Jana", "Jin", "Johanna", "José", "Karim", "Katarzyna", "Leon", "Liam", "Lucas", "Lucía",
        "Maja", "Marie", "Martin", "Maya", "Michael", "Mohammed", "Noah", "Paul", "Petra", "Rachel", "Ravi",
        "Rebecca", "Samuel", "Sofia", "Sophie", "Stefan", "Takumi", "Tariq", "Ursula", "Vera", "Yuki", "Aisha",
        "Alexander", "Alice", "Amir", "Andrea", "Anna", "Arjun", "Astrid", "Björn", "Caroline", "Clara", "Dara",
        "Eleni", "Emma", "Erik", "Femi", "Giulia", "Hugo", "Ingrid", "Jasper", "Kofi", "Lars", "Leila", "Luca",
        "Magnus", "Marta", "Nikolai", "Omar", "Paula", "Rania", "Rui", "Selin", "Simon", "Tanvi", "Theo", "Wojciech",
    ]

    static let lastNames = [
        "Lee", "Okafor", "Rossi", "Ivanov", "Yılmaz", "Haddad", "Costa", "Sato", "Moreau", "Berg", "Mensah",
        "Fischer", "García", "Novak", "Lindqvist", "Iyer", "Dubois", "Martín", "Holm", "Kowalski", "Tanaka",
        "Petrov", "Zhang", "Demir", "Schmidt", "Keller", "Price", "Anderson", "Bauer", "Becker", "Brown", "Campbell",
        "Chen", "Clarke", "Cohen", "Da Silva", "Davies", "Dijkstra", "Eriksson", "Evans", "Ferreira", "Fontaine",
        "Fournier", "Gonzalez", "Gupta", "Hansen", "Hartmann", "Hoffmann", "Huang", "Hughes", "Jansen", "Johansson",
        "Jones", "Kaur", "Khan", "Kim", "Klein", "Koch", "Kumar", "Larsen", "Laurent", "Lehmann", "Lopez", "Meyer",
        "Müller", "Murphy", "Nakamura", "Nguyen", "Nielsen", "O'Brien", "Olsen", "Papadopoulos", "Park", "Patel",
        "Pereira", "Perez", "Richter", "Roberts", "Rodriguez", "Romano", "Santos", "Schneider", "Schulz", "Shah",
        "Singh", "Smith", "Sousa", "Suzuki", "Svensson", "Taylor", "Thomas", "Van Dijk", "Vogel", "Wagner",
        "Walker", "Wang", "Weber", "Williams", "Wilson", "Wójcik", "Wright", "Yamamoto", "Young", "Ziegler",
        "Abbott", "Acheampong", "Adeyemi", "Almeida", "Arslan", "Banerjee", "Barros", "Bianchi", "Bjork", "Castillo",
        "Colombo", "Conti", "Dahl", "Eze", "Farouk", "Galli", "Greco", "Hakimi", "Ishikawa", "Jovanović", "Kato",
        "Kovač", "Lombardi", "Marino", "Mendes", "Moretti", "Nascimento", "Nowak", "Oyelaran", "Quinn", "Rahman",
        "Ricci", "Salazar", "Sandberg", "Soto", "Stewart", "Takahashi", "Torres", "Varga", "Watanabe", "Zielinski",
    ]

    static let companyStems = [
        "Acme", "Blue Harbor", "Cobalt", "Delta", "Evergreen", "Fjord", "Granite", "Helios", "Ivory", "Jadeport",
        "Kestrel", "Lumen", "Meridian", "Northgate", "Orchid", "Pinnacle", "Quarry", "Redwood", "Summit", "Tidewater",
        "Umber", "Vantage", "Willow", "Xenon", "Yellowstone", "Zephyr", "Atlas", "Beacon", "Cedar", "Driftwood",
        "Ember", "Falcon", "Glacier", "Harbor Point", "Ironbridge", "Juniper", "Keystone", "Lakeside", "Maple",
        "Nimbus", "Oakridge", "Polaris", "Quantum", "Riverbend", "Silverline", "Trident", "Unity", "Vertex",
        "Westfield", "Yarrow", "Zenith", "Alder", "Brightwater", "Crescent", "Dunmore", "Eastbrook", "Foxglove",
        "Goldcrest", "Highland", "Indigo", "Kingsway", "Larkspur",
    ]

    static let companyKinds = [
        "Logistics", "Foods", "Analytics", "Fixtures", "Clinics", "Outdoor", "Insurance", "Solar", "Print",
        "Trading", "Labs", "Robotics", "Software", "Capital", "Consulting", "Energy", "Freight", "Health",
        "Hospitality", "Systems", "Media", "Motors", "Partners", "Pharma", "Retail", "Security", "Telecom",
        "Textiles", "Ventures", "Water", "Aerospace", "Biotech", "Construction", "Design", "Dynamics",
    ]

    static let topLevelDomains = ["com", "com", "com", "io", "net", "de", "co.uk", "fr", "nl", "se", "it", "es"]

    static let personalDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de"]

    /// Subjects that start a thread; a reply is "Re: " and the same words.
    static let subjects = [
        "Pricing for next year", "Pilot results", "Contract renewal", "Intro call follow-up",
        "Security questionnaire", "Onboarding schedule", "Invoice question", "Demo for the operations team",
        "Quarterly business review", "Proposal and next steps", "Updated quote", "Integration with our ERP",
        "Data migration plan", "Support ticket escalation", "Training sessions", "Reference customers",
        "Procurement paperwork", "Legal review of the MSA", "Budget approval", "Expansion to the Berlin office",
        "Feature request: export to Excel", "Renewal discount", "Implementation timeline", "Kick-off meeting",
        "Account review", "Service level agreement", "Product roadmap", "Case study draft", "Webinar invitation",
        "Trial extension", "Purchase order", "Payment terms", "Single sign-on setup", "GDPR data processing",
        "Volume licensing", "Site visit next week", "Steering committee update", "Change request", "Go-live checklist",
        "Conference meeting", "Partnership opportunity", "Shipping delays", "Warehouse rollout", "API access",
        "Billing address change", "User seats", "Executive sponsor", "Success plan", "Health check results",
        "Cancellation notice", "Upsell: analytics module",
    ]

    /// Lines in Japanese, a script written without spaces, for the search mix's CJK queries.
    static let japaneseLines = [
        "お見積もりをお送りします。", "見積書を添付いたします。", "来週の打ち合わせについてご相談させてください。",
        "ご確認のほどよろしくお願いいたします。", "契約書の件、承知いたしました。",
    ]

    static let noteSubjects = [
        "Discovery call", "Follow-up call", "Quarterly review", "Onsite workshop", "Pricing discussion",
        "Demo", "Negotiation", "Check-in", "Lunch meeting", "Technical deep dive", "Contract walkthrough",
    ]

    /// Prose, most frequent first: the body generator draws early words far more often than late ones.
    static let words: [String] = """
        the to and a of we for you on in is that this it with be our as can will at have are your by please from \
        would if next week team thanks let know could meeting time call send update before our share about \
        contract price proposal quote plan review schedule project support customer account invoice order \
        agreement renewal budget approval timeline rollout pilot trial license users seats module feature \
        integration report data migration security access training onboarding session workshop deadline \
        friday monday tuesday wednesday thursday morning afternoon tomorrow today quarter month year \
        discuss confirm attached draft final revised updated summary notes questions details feedback \
        happy glad sorry unfortunately great good sure perfect absolutely definitely hopefully \
        legal finance procurement operations management director manager engineer analyst partner \
        vendor supplier client stakeholder sponsor committee board leadership \
        discount terms payment net thirty sixty annual monthly volume tier enterprise standard premium \
        delivery shipping warehouse logistics inventory fleet route capacity forecast demand \
        dashboard analytics export import excel spreadsheet api sso login password permission role \
        performance reliability uptime incident outage ticket escalation priority severity fix patch release \
        version upgrade roadmap beta launch announcement webinar conference event booth demo presentation \
        slides deck agenda minutes action items owner follow up circle back touch base sync align \
        requirements scope estimate effort resources headcount hiring contractor consultant \
        compliance gdpr audit questionnaire policy certificate iso encryption backup retention \
        implementation configuration setup environment production staging sandbox testing acceptance \
        signature countersigned purchase po reference number address billing shipping department \
        regards best cheers kind thank appreciate understand expect recommend suggest propose \
        concern issue problem risk blocker dependency change request approval sign off green light \
        excited looking forward pleased impressed concerned worried surprised interested curious \
        competitor alternative comparison evaluation shortlist decision criteria value roi savings cost \
        growth expansion region office europe berlin london paris madrid amsterdam stockholm tokyo \
        coffee lunch dinner travel flight hotel visit onsite remote video zoom teams phone mobile \
        quarterly weekly daily biweekly kickoff milestone phase stage checkpoint retrospective
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}
