/// Why a `SafeFile` could not be opened or used, with the path it was asked for.
public struct SafeFileError: Error, Sendable, Equatable {
    /// What was wrong.
    public enum Problem: Sendable, Equatable {
        case missing
        /// The last step of the path is a symbolic link, which is never followed.
        case symbolicLink
        /// A folder, FIFO, socket or device where a regular file was expected.
        case notRegularFile
        case notFolder
        /// A new file was to be made, but the name is taken.
        case alreadyExists
        case tooLarge(limit: Int)
        /// A system call failed; `reason` is the system's words.
        case system(action: String, reason: String)
    }

    public let path: String
    public let problem: Problem

    public init(path: String, _ problem: Problem) {
        self.path = path
        self.problem = problem
    }
}

extension SafeFileError: CustomStringConvertible {
    /// What is wrong with the path, in a clause ("/x/y is a symbolic link, which Rapport does not follow there").
    public var description: String {
        if case .system(let action, let reason) = problem { return "cannot \(action) \(path): \(reason)" }
        return "\(path) \(reason)"
    }

    /// The same without the path (which may name a mailbox): "is a symbolic link, …", or the system's words.
    public var reason: String {
        switch problem {
        case .missing: return "does not exist"
        case .symbolicLink: return "is a symbolic link, which Rapport does not follow there"
        case .notRegularFile: return "is not a regular file"
        case .notFolder: return "is not a folder"
        case .alreadyExists: return "exists already"
        case .tooLarge(let limit): return "is larger than \(limit) bytes"
        case .system(_, let reason): return reason
        }
    }
}
