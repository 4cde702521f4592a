import Foundation

/// Small real files for the demo's attachments: spreadsheets as CSV, notes as text, quotes,
/// proposals and tickets as one-page PDFs, so that saving or opening one shows something sensible.
enum DemoFiles {
    /// What a file holds.
    enum Kind {
        case priceList, proposal, notes, questionnaire, quote, agenda, ticket, itinerary

        /// The content type it is sent with.
        var contentType: String {
            switch self {
            case .priceList, .questionnaire: return "text/csv"
            case .notes, .agenda: return "text/plain"
            case .proposal, .quote, .ticket, .itinerary: return "application/pdf"
            }
        }
    }

    /// The file's bytes; `subject` is the company, event or city it is about, `number` its reference.
    static func make(_ kind: Kind, about subject: String, number: Int) -> [UInt8] {
        switch kind {
        case .priceList:
            return Array("""
                Product,Seats from,Price per seat (EUR),Support add-on (EUR)
                Team,1,24.00,4.00
                Business,50,21.50,3.50
                Enterprise,200,18.00,included

                """.utf8)
        case .questionnaire:
            return Array("""
                Question,Answer
                Do you hold a SOC 2 Type II report?,
                Where is customer data stored?,
                Is data encrypted at rest and in transit?,
                How quickly are security incidents reported?,

                """.utf8)
        case .notes:
            return Array("""
                Call with \(subject)

                - Current process: spreadsheets and shared inboxes
                - Pain points: no shared timeline, replies get lost
                - Next steps: pilot with one team, review in four weeks

                """.utf8)
        case .agenda:
            return Array("""
                Quarterly review: \(subject)

                1. Usage and adoption
                2. Support tickets since the last review
                3. Roadmap
                4. Renewal timeline

                """.utf8)
        case .proposal:
            return pdf(["Renewal proposal", subject, "", "Term: 24 months", "Discount: 10%", "Support add-on: included"])
        case .quote:
            return pdf(["Quote \(number)", subject, "", "Enterprise tier, 220 seats", "Training package: 3 days",
                        "Total: EUR \(40_000 + number % 9_000)"])
        case .ticket:
            return pdf(["Ticket", subject, "", "Admission: one person", "Reference \(number)"])
        case .itinerary:
            return pdf(["Itinerary", subject, "", "Booking \(number)", "Flight and hotel confirmed"])
        }
    }

    /// A one-page PDF showing `lines` in Helvetica (ASCII only: anything else is dropped).
    static func pdf(_ lines: [String]) -> [UInt8] {
        func escaped(_ line: String) -> String {
            let ascii = line.folding(options: .diacriticInsensitive, locale: nil).unicodeScalars
                .filter { $0.isASCII && $0.value >= 0x20 }
            var text = ""
            for scalar in ascii {
                if scalar == "(" || scalar == ")" || scalar == "\\" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
            return text
        }
        let content = "BT /F1 14 Tf 72 760 Td 20 TL " + lines.map { "(\(escaped($0))) Tj T* " }.joined() + "ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
