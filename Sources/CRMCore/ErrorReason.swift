import Foundation

/// Why the system refused (a file that cannot be read, a folder that cannot be made), in the words
/// people know: the POSIX reason ("No such file or directory") when there is one, else Foundation's.
public enum ErrorReason {
    public static func text(for error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
