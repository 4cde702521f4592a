/// The fields of a mail date, read leniently from header bytes by `scan(_:)` in one linear pass
/// without Foundation's formatters (thread-safe, allocation-light).
struct DateFields {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Minutes east of UTC.
    var zoneMinutes: Int

    var secondsSince1970: Int {
        MailDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
            - zoneMinutes * 60
    }

    // MARK: - Tokens

    private enum Kind {
        case number(value: Int, digits: Int)
        case word(packed: UInt64, length: Int)
        case punctuation(UInt8)
    }

    private static let maxCommentDepth = 32

    /// Numbers, letter words and punctuation (white space, commas and comments dropped), split into
    /// segments at each top-level ";" (Received headers put the date after their last ";").
    private static func tokens(_ bytes: [UInt8]) -> [[Kind]] {
        var segments: [[Kind]] = []
        var tokens: [Kind] = []
        tokens.reserveCapacity(16)
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var value = 0
                let start = index
                while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    if index - start < 9 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    index += 1
                }
                tokens.append(.number(value: value, digits: index - start))
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                let start = index
                while index < count, isLetter(bytes[index]) { index += 1 }
                tokens.append(.word(packed: MailDate.packedWord(bytes[start..<index]), length: index - start))
                continue
            case UInt8(ascii: "("):
                var depth = 0
                while index < count {
                    switch bytes[index] {
                    case UInt8(ascii: "\\"): index += 1
                    case UInt8(ascii: "("): if depth < maxCommentDepth { depth += 1 }
                    case UInt8(ascii: ")"): depth -= 1
                    default: break
                    }
                    index += 1
                    if depth == 0 { break }
                }
                continue
            case UInt8(ascii: ";"):
                if !tokens.isEmpty { segments.append(tokens) }
                tokens = []
            case UInt8(ascii: ","):
                break
            case _ where byte <= 0x20 || byte == 0x7F:
                break
            default:
                tokens.append(.punctuation(byte))
            }
            index += 1
        }
        if !tokens.isEmpty { segments.append(tokens) }
        return segments
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    // MARK: - Reading

    /// Reads a date, or nil when the bytes hold none (a time of day is required). After a ";" the
    /// last segment is tried first, then up to two before it.
    static func scan(_ bytes: [UInt8]) -> DateFields? {
        for segment in tokens(bytes).reversed().prefix(3) {
            if let fields = read(segment) { return fields }
        }
        return nil
    }

    private static func read(_ tokens: [Kind]) -> DateFields? {
        var numbers: [(value: Int, digits: Int)] = []  // date numbers before the time
        var monthWord: Int?
        var monthWordPosition = 0  // how many date numbers came before the month name
        var time: (hour: Int, minute: Int, second: Int)?
        var zone: Int?
        var zoneMayBeRefined = false  // "GMT" may be followed by "+0100"
        var lateYear: (value: Int, digits: Int)?

        var index = 0
        func punctuation(at position: Int) -> UInt8? {
            guard position < tokens.count, case .punctuation(let byte) = tokens[position] else { return nil }
            return byte
        }
        func number(at position: Int) -> (value: Int, digits: Int)? {
            guard position < tokens.count, case .number(let value, let digits) = tokens[position] else { return nil }
            return (value, digits)
        }

        while index < tokens.count {
            switch tokens[index] {
            case .number(let value, let digits):
                if time == nil {
                    let separator = punctuation(at: index + 1)
                    let dateIsComplete = monthWord != nil ? numbers.count >= 2 : numbers.count >= 3
                    if separator == UInt8(ascii: ":") || (separator == UInt8(ascii: ".") && dateIsComplete) {
                        guard let read = readTime(tokens, from: index, separator: separator ?? 0) else { return nil }
                        time = (read.hour, read.minute, read.second)
                        index = read.next
                        continue
                    }
                    numbers.append((value, digits))
                    if numbers.count > 3 { return nil }
                } else if lateYear == nil && monthWord != nil && numbers.count == 1 && digits >= 2 {
                    lateYear = (value, digits)  // ctime: "Mon Jan  2 15:04:05 [MST] 2006"
                } else if zone == nil && digits == 4 && value % 100 < 60 && value / 100 < 24 {
                    zone = value / 100 * 60 + value % 100  // "+" forgotten
                }
            case .word(let packed, let length):
                if time == nil {
                    if let month = monthNumber(packed, length) {
                        if monthWord != nil { return nil }
                        monthWord = month
                        monthWordPosition = numbers.count
                    } else if isWeekday(packed, length) || packed == MailDate.packedWord("at".utf8)
                        || packed == MailDate.packedWord("t".utf8) {
                        // weekday (right or wrong), "at", ISO 8601's "T"
                    } else if !numbers.isEmpty || monthWord != nil {
                        return nil  // an unknown word inside the date, e.g. "7 Bog 2026"
                    }
                } else if let hour = time?.hour, length == 2,
                          packed == MailDate.packedWord("am".utf8) || packed == MailDate.packedWord("pm".utf8) {
                    let isPM = packed == MailDate.packedWord("pm".utf8)
                    if hour >= 1 && hour <= 12 { time?.hour = hour % 12 + (isPM ? 12 : 0) }
                } else if zone == nil {
                    zone = length <= 8 ? MailDate.zoneOffset(packedWord: packed) : 0
                    zoneMayBeRefined = zone == 0
                }
            case .punctuation(let byte):
                if time != nil, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"),
                   zone == nil || zoneMayBeRefined, let offset = number(at: index + 1) {
                    var hours = offset.value
                    var minutes = 0
                    index += 2
                    if offset.digits >= 3 {
                        hours = offset.value / 100
                        minutes = offset.value % 100
                    } else if punctuation(at: index) == UInt8(ascii: ":"), let more = number(at: index + 1) {
                        minutes = more.value
                        index += 2
                    }
                    let valid = offset.digits <= 4 && hours < 24 && minutes < 60
                    zone = valid ? (byte == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes) : 0
                    zoneMayBeRefined = false
                    continue
                }
            }
            index += 1
        }

        guard let time else { return nil }
        var day: (value: Int, digits: Int)
        var year: (value: Int, digits: Int)
        let month: Int
        if let monthWord {
            month = monthWord
            switch (numbers.count, monthWordPosition) {
            case (2, 1), (2, 0):  // "1 Jul 2003", "Jul 1 2003"
                day = numbers[0]
                year = numbers[1]
            case (1, _):  // ctime, year after the time
                guard let lateYear else { return nil }
                day = numbers[0]
                year = lateYear
            case (2, 2):  // "2003 1 Jul"
                year = numbers[0]
                day = numbers[1]
            default:
                return nil
            }
            if day.digits >= 3 && year.digits <= 2 { swap(&day, &year) }  // "2006 Jan 02"
        } else {
            guard numbers.count == 3 else { return nil }
            if numbers[0].digits >= 3 {  // 2006-01-02
                year = numbers[0]
                day = numbers[2]
            } else {  // 20 11 79, 2.1.2006
                day = numbers[0]
                year = numbers[2]
            }
            month = numbers[1].value
        }
        let fullYear: Int
        switch year.digits {
        case 1, 2: fullYear = year.value < 50 ? 2000 + year.value : 1900 + year.value
        case 3: fullYear = 1900 + year.value
        case 4: fullYear = year.value
        default: return nil
        }
        guard (1...12).contains(month), day.digits <= 2,
              day.value >= 1, day.value <= MailDate.daysInMonth(year: fullYear, month: month) else { return nil }
        let fields = DateFields(year: fullYear, month: month, day: day.value, hour: time.hour, minute: time.minute,
                                second: time.second, zoneMinutes: zone ?? 0)
        // Years 1000 to 9999 in UTC too, so that every date read can be written back in four digits.
        return (-30_610_224_000 ... 253_402_300_799).contains(fields.secondsSince1970) ? fields : nil
    }

    /// "15:04[:05[.123]]" (or with dots) from `start`; nil when a field is out of range.
    private static func readTime(_ tokens: [Kind], from start: Int, separator: UInt8)
        -> (hour: Int, minute: Int, second: Int, next: Int)? {
        var fields: [Int] = []
        var index = start
        while index < tokens.count, fields.count < 3, case .number(let value, let digits) = tokens[index] {
            guard digits <= 2 else { return nil }
            fields.append(value)
            index += 1
            guard fields.count < 3, index + 1 < tokens.count, case .punctuation(separator) = tokens[index],
                  case .number = tokens[index + 1] else { break }
            index += 1
        }
        // A fraction of a second: ".123" or ",123" (the comma was dropped with the white space).
        if fields.count == 3, index + 1 < tokens.count, case .punctuation(UInt8(ascii: ".")) = tokens[index],
           case .number = tokens[index + 1] {
            index += 2
        }
        guard fields.count >= 2, fields[0] < 24, fields[1] < 60 else { return nil }
        let second = fields.count == 3 ? fields[2] : 0
        guard second <= 60 else { return nil }
        return (fields[0], fields[1], second, index)
    }

    // MARK: - Names

    /// Every prefix of three letters or more of every English month name, packed, to its number.
    private static let monthPrefixes: [UInt64: Int] = prefixTable([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ], shortest: 3)

    /// Every prefix of two letters or more of every English weekday name, packed.
    private static let weekdayPrefixes: [UInt64: Int] = prefixTable([
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ], shortest: 2)

    private static func prefixTable(_ names: [String], shortest: Int) -> [UInt64: Int] {
        var table: [UInt64: Int] = [:]
        for (number, name) in names.enumerated() {
            let letters = Array(name.utf8)
            for length in shortest...letters.count { table[MailDate.packedWord(letters[0..<length])] = number + 1 }
        }
        return table
    }

    /// 1…12 when the word is a month name or its abbreviation of three letters or more, any case.
    private static func monthNumber(_ packed: UInt64, _ length: Int) -> Int? {
        length >= 3 ? monthPrefixes[packed] : nil
    }

    private static func isWeekday(_ packed: UInt64, _ length: Int) -> Bool {
        length >= 2 && weekdayPrefixes[packed] != nil
    }
}
