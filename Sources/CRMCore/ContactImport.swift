import Foundation

/// Turns a contacts CSV (Google Contacts, HubSpot, or any sheet with named columns) into contact rows,
/// with every unreadable row reported by its line number and reason.
public struct ContactImport: Sendable {
    /// A contact read from one row.
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let name: String
        public let emails: [EmailAddress]
        public let company: String?
        public let phone: String?

        public init(line: Int, name: String, emails: [EmailAddress], company: String?, phone: String?) {
            self.line = line
            self.name = name
            self.emails = emails
            self.company = company
            self.phone = phone
        }
    }

    /// A row that was not imported, and why, in words for people.
    public struct Rejection: Error, Sendable, Equatable {
        public let line: Int
        public let reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public let rows: [Row]
    public let rejections: [Rejection]

    /// Why a whole file cannot be read as contacts.
    public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads the CSV; throws when the file has no usable header (no email column).
    public init(csv data: Data) throws(FileError) {
        var reader = Reader()
        rows = try reader.take(CSVReader(data: data).records)
        try reader.end()
        rejections = reader.rejections
    }

    /// Reads a contacts CSV as it comes, record by record (see `CSVReader.Stream`): the header first,
    /// then rows, keeping only the rejections.
    public struct Reader: Sendable {
        private var columns: Columns?
        private var headerWidth = 0
        /// The rows that could not be read so far.
        public private(set) var rejections: [Rejection] = []

        public init() {}

        /// The rows of `records`; the first record of all is the header.
        /// - Throws: when the header cannot be read or names no email column.
        public mutating func take(_ records: [CSVReader.Record]) throws(FileError) -> [Row] {
            var rows: [Row] = []
            for record in records {
                guard let columns else {
                    try readHeader(record)
                    continue
                }
                switch columns.row(from: record, headerWidth: headerWidth) {
                case .success(let row): rows.append(row)
                case .failure(let rejection): rejections.append(rejection)
                }
            }
            return rows
        }

        /// Checks, at the end of the file, that it had a header.
        public func end() throws(FileError) {
            if columns == nil { throw FileError(description: "the file is empty") }
        }

        private mutating func readHeader(_ header: CSVReader.Record) throws(FileError) {
            if let problem = header.problem {
                throw FileError(description: "line \(header.line), the header: \(problem)")
            }
            let found = Columns(header: header.fields)
            guard !found.email.isEmpty else {
                throw FileError(description: "no email column in the header (looked for “Email”, “E-mail 1 - Value”, "
                                + "“Email Address” and the like); rows are matched by email address")
            }
            columns = found
            headerWidth = header.fields.count
        }
    }

    /// Which columns hold what, found by normalised header names.
    private struct Columns: Sendable {
        var name: Int?
        var first: Int?
        var middle: Int?
        var last: Int?
        var email: [(index: Int, title: String)] = []
        /// Every company and phone column, in order: the first one filled in a row is used.
        var company: [Int] = []
        var phone: [Int] = []

        init(header: [String]) {
            for (index, title) in header.enumerated() {
                let key = Self.normalize(title)
                switch key {
                case "name", "fullname", "displayname", "contactname": name = name ?? index
                case "firstname", "givenname": first = first ?? index
                case "middlename", "additionalname": middle = middle ?? index
                case "lastname", "familyname", "surname": last = last ?? index
                case "company", "companyname", "organization", "organizationname", "organisation",
                     "organization1name", "associatedcompany", "account", "accountname":
                    company.append(index)
                default:
                    if Self.isEmailColumn(key) {
                        email.append((index, title.trimmingCharacters(in: .whitespaces)))
                    } else if Self.isPhoneColumn(key) {
                        phone.append(index)
                    }
                }
            }
        }

        private static func normalize(_ title: String) -> String {
            String(title.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
        }

        /// "Email", "E-mail 2 - Value", "Email Address", "Additional email addresses", "Work Email"…
        /// but not HubSpot's "Email Domain" or "Marketing emails opened".
        private static func isEmailColumn(_ key: String) -> Bool {
            var rest = Substring(key)
            for prefix in ["work", "home", "personal", "other", "primary", "secondary", "additional",
                           "alternate", "alternative", "business"] where rest.hasPrefix(prefix) {
                rest = rest.dropFirst(prefix.count)
                break
            }
            guard rest.hasPrefix("email") else { return false }
            rest = rest.dropFirst(5)
            for suffix in ["addresses", "address", "s"] where rest.hasPrefix(suffix) {
                rest = rest.dropFirst(suffix.count)
                break
            }
            while let first = rest.first, first.isNumber { rest = rest.dropFirst() }
            return rest.isEmpty || rest == "value"
        }

        private static func isPhoneColumn(_ key: String) -> Bool {
            ((key.hasPrefix("phone") && !key.hasPrefix("phonetic")) || key.hasSuffix("phonenumber")
                || key == "mobile" || key == "telephone")
                && !key.hasSuffix("type") && !key.hasSuffix("label")
        }

        func row(from record: CSVReader.Record, headerWidth: Int) -> Result<Row, Rejection> {
            let fields = record.fields
            if let problem = record.problem { return .failure(Rejection(line: record.line, reason: problem)) }
            if fields.count > headerWidth,
               fields[headerWidth...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                return .failure(Rejection(line: record.line,
                                          reason: "\(fields.count) fields but the header has \(headerWidth); "
                                              + "is a comma missing its quotes?"))
            }
            func value(_ index: Int?) -> String? {
                guard let index, index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            var emails: [EmailAddress] = []
            for column in email {
                guard let text = value(column.index) else { continue }
                for piece in Self.splitAddresses(text) {
                    guard let address = EmailAddress(piece) else {
                        return .failure(Rejection(line: record.line,
                                                  reason: "“\(column.title)” holds something that is not an email address"))
                    }
                    if !emails.contains(address) { emails.append(address) }
                }
            }
            guard let primary = emails.first else {
                return .failure(Rejection(line: record.line, reason: "no email address"))
            }
            let parts = [value(first), value(middle), value(last)].compactMap { $0 }
            let name = value(name) ?? (parts.isEmpty ? String(primary.localPart) : parts.joined(separator: " "))
            return .success(Row(line: record.line, name: name, emails: emails,
                                company: company.lazy.compactMap { value($0) }.first,
                                phone: phone.lazy.compactMap { value($0) }.first))
        }

        /// Google joins several addresses with " ::: "; HubSpot uses ";".
        private static func splitAddresses(_ text: String) -> [String] {
            text.replacingOccurrences(of: ":::", with: ";")
                .split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace })
                .map(String.init)
        }
    }
}
