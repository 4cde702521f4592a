import CRMCore
import Foundation
import TerminalUI

/// How dates, durations, sizes, money and tables read in Rapport's text output.
enum Format {
    /// "2026-11-29 14:03" in the user's time zone.
    static func date(_ date: Date?) -> String {
        guard let date else { return "—" }
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }

    /// "45 min", "3.5 h", "2.1 days".
    static func duration(_ interval: TimeInterval?) -> String {
        guard let interval else { return "—" }
        if interval < 3600 { return "\(max(1, Int((interval / 60).rounded()))) min" }
        if interval < 48 * 3600 { return String(format: "%.1f h", interval / 3600) }
        return String(format: "%.1f days", interval / 86400)
    }

    /// "12,500.00" from cents.
    static func money(_ cents: Int64?) -> String {
        guard let cents else { return "—" }
        let whole = String(cents / 100)
        var grouped = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed()) + String(format: ".%02d", Int(cents % 100))
    }

    /// Columns padded to their widest cell (by terminal width); the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]], maxWidths: [Int] = []) -> String {
        let all = [header] + rows
        var widths = header.indices.map { column in all.map { TextWidth.of($0[column]) }.max() ?? 0 }
        for (column, limit) in maxWidths.enumerated() where column < widths.count { widths[column] = min(widths[column], limit) }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? TextWidth.truncate(cell, to: max(widths[column], 1))
                    : TextWidth.pad(cell, to: widths[column])
            }.joined(separator: "  ").droppingTrailingWhitespace()
        }.joined(separator: "\n")
    }
}
