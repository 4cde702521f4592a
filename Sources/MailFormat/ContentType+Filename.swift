extension ContentType {
    /// The type a file of this name is sent as, guessed from its extension (application/octet-stream
    /// when unknown), with the name as its `name` parameter.
    public init(forFilename name: String) {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let mimeType = Self.knownTypes[ext] ?? "application/octet-stream"
        let slash = mimeType.firstIndex(of: "/")!
        self.init(type: String(mimeType[..<slash]), subtype: String(mimeType[mimeType.index(after: slash)...]),
                  parameters: ["name": name])
    }

    private static let knownTypes: [String: String] = [
        "pdf": "application/pdf", "txt": "text/plain", "csv": "text/csv", "html": "text/html",
        "htm": "text/html", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml", "zip": "application/zip",
        "json": "application/json", "ics": "text/calendar", "md": "text/markdown",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]
}
