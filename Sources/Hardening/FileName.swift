/// Names that come from mail (an attachment's file name) made fit to show and to save: a sender
/// chooses them, so they may hold control characters, bidi overrides, path separators, a leading dot
/// or a thousand characters.
public enum FileName {
    /// The longest name kept, in UTF-8 bytes: what Linux file systems take (NAME_MAX), less room
    /// for the " (999)" a name gets when it is taken.
    public static let maximumBytes = 240

    /// The name with control and format characters (bidi overrides, zero-width marks) removed,
    /// line breaks and tabs as spaces, runs of white space as one, trimmed, and at most
    /// `maximumBytes` long (its extension kept); empty when nothing is left.
    public static func displayable(_ name: String) -> String {
        var text = ""
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                pendingSpace = !text.isEmpty
            case .control:
                if scalar == "\t" || scalar == "\n" || scalar == "\r" { pendingSpace = !text.isEmpty }
            case .format, .unassigned, .surrogate:
                continue
            default:
                if pendingSpace { text.append(" ") }
                pendingSpace = false
                text.unicodeScalars.append(scalar)
            }
        }
        return bounded(text)
    }

    /// A name to create in a folder: `displayable`, with no path separator (`/` and `\` become `_`),
    /// no leading dot (it would hide the file, or name `.` or `..`) and no trailing space; `fallback`
    /// when nothing is left.
    public static func safe(_ name: String, fallback: String = "attachment") -> String {
        var text = displayable(name).replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        while let last = text.last, last == " " { text.removeLast() }
        return text.isEmpty ? fallback : text
    }

    /// The name a file gets when `name` is taken: "quote (1).pdf", "notes (2)".
    public static func numbered(_ name: String, _ number: Int) -> String {
        let (stem, suffix) = split(name)
        return "\(stem) (\(number))\(suffix)"
    }

    /// The name and its extension ("quote", ".pdf"); an extension is a last dot-part of up to 16
    /// characters without spaces, after something.
    static func split(_ name: String) -> (stem: Substring, suffix: Substring) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name[...], "") }
        let suffix = name[dot...]
        guard suffix.count > 1, suffix.count <= 17, !suffix.contains(" ") else { return (name[...], "") }
        return (name[..<dot], suffix)
    }

    /// At most `maximumBytes` of UTF-8, cut at a whole character before the extension.
    static func bounded(_ name: String) -> String {
        guard name.utf8.count > maximumBytes else { return name }
        let (stem, suffix) = split(name)
        var kept = ""
        let room = maximumBytes - suffix.utf8.count
        for character in stem {
            guard kept.utf8.count + character.utf8.count <= room else { break }
            kept.append(character)
        }
        return kept + suffix
    }
}
