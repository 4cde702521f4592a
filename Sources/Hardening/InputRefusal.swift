import Foundation

/// Why a file or standard input was not read: what it is and what to do, in words people know.
public struct InputRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with it.
    public enum Kind: Sendable, Equatable {
        case folder
        case namedPipe
        case socket
        case device
        /// Standard input is closed, or open only for writing.
        case closed
        /// A symbolic link where none is followed (inside a folder being imported).
        case link
        /// A symbolic link named on the command line that belongs to someone else.
        case someoneElsesLink
        /// Larger than `limit` bytes.
        case tooLarge(limit: Int)
        /// The system refused to open or read it (`errno`).
        case system(Int32)
    }

    /// The path as given, or "standard input".
    public let name: String
    public let kind: Kind
    let isStandardInput: Bool
    /// Whether the command takes "-" for standard input instead of a file.
    let takesStandardInput: Bool
    /// What to do about an input over the limit ("share it by link instead").
    let overLimit: String

    /// "it is a named pipe (FIFO), not a file"
    public var fact: String {
        switch kind {
        case .folder: return "it is a folder, not a file"
        case .namedPipe: return "it is a named pipe (FIFO), not a file"
        case .socket: return "it is a socket, not a file"
        case .device: return "it is a device, not a file"
        case .closed: return "it is closed"
        case .link: return "it is a symbolic link, which Rapport does not follow here"
        case .someoneElsesLink: return "it is a symbolic link that belongs to another user, which Rapport does not follow"
        case .tooLarge(let limit): return "it is larger than \(Self.size(limit))"
        case .system(let code): return String(cString: strerror(code))
        }
    }

    /// What to do about it; empty when the system's reason says enough.
    public var advice: String {
        switch kind {
        case .closed: return "give the input with < FILE or a pipe, or name a file instead of -"
        case .folder where isStandardInput, .device where isStandardInput:
            return "give a file with < FILE or a pipe instead"
        case .folder: return "name a file in it"
        case .namedPipe where takesStandardInput: return "to read from a pipe, give - and pipe it into standard input"
        case .namedPipe, .socket, .device, .link: return "name a regular file"
        case .someoneElsesLink: return "name the file it points to if you trust it"
        case .tooLarge: return overLimit
        case .system: return ""
        }
    }

    /// Whether it is something other than a regular file (a folder, FIFO, socket, device or link),
    /// as opposed to a file that could not be read.
    public var isNotAFile: Bool {
        switch kind {
        case .folder, .namedPipe, .socket, .device, .link, .someoneElsesLink: return true
        case .closed, .tooLarge, .system: return false
        }
    }

    /// "it is a named pipe (FIFO), not a file; to read from a pipe, …"
    public var reason: String { advice.isEmpty ? fact : fact + "; " + advice }

    /// "cannot read /tmp/x: it is a named pipe (FIFO), not a file; …"
    public var description: String { "cannot read \(name): \(reason)" }

    /// "100 MB", "64 KB", "1500 bytes"
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}
