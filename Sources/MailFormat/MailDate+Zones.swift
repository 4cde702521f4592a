extension MailDate {
    /// Offsets east of UTC, in minutes, of the zone names mail carries: RFC 5322's obsolete ones and
    /// the common others. Ambiguous names take their most common mail meaning (IST: India, BST:
    /// British Summer Time, CST: US Central as RFC 5322 says).
    static let zoneOffsets: [UInt64: Int] = {
        let table: [(String, Int)] = [
            ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0), ("wet", 0), ("zulu", 0),
            ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300),
            ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
            ("akst", -540), ("akdt", -480), ("hst", -600), ("hast", -600), ("hadt", -540),
            ("ast", -240), ("adt", -180), ("nst", -210), ("ndt", -150),
            ("brt", -180), ("brst", -120), ("art", -180), ("clt", -240), ("clst", -180),
            ("bst", 60), ("ist", 330), ("west", 60), ("cet", 60), ("cest", 120), ("met", 60),
            ("mest", 120), ("mez", 60), ("mesz", 120), ("eet", 120), ("eest", 180), ("msk", 180),
            ("msd", 240), ("wat", 60), ("cat", 120), ("eat", 180), ("sast", 120), ("pkt", 300),
            ("npt", 345), ("ict", 420), ("wib", 420), ("hkt", 480), ("sgt", 480), ("pht", 480),
            ("awst", 480), ("jst", 540), ("kst", 540), ("acst", 570), ("acdt", 630),
            ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
        ]
        var offsets: [UInt64: Int] = [:]
        for (name, minutes) in table { offsets[packedWord(name.utf8)] = minutes }
        return offsets
    }()

    /// The offset of a zone name (letters, any case); military letters and unknown names are UTC
    /// (RFC 5322 §4.3: military zones were defined wrongly and read as -0000).
    static func zoneOffset(packedWord word: UInt64) -> Int {
        zoneOffsets[word] ?? 0
    }

    /// Up to eight ASCII letters lower-cased and packed into an integer, for table lookups.
    static func packedWord(_ letters: some Sequence<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        var count = 0
        for letter in letters {
            guard count < 8 else { return packed | (1 << 63) }  // longer words never match a table
            packed = packed << 8 | UInt64(letter | 0x20)
            count += 1
        }
        return packed
    }
}
