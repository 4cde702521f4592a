/// Which parts are the message's text, its HTML and its attachments, by the algorithm of
/// RFC 8621 §4.1.4 (JMAP), which mail clients agree with. Files uuencoded inside a plain-text part
/// are attachments too, listed where that part is, and the text is shown without them. Every part
/// listed carries its `partID`, so what is found here can be asked of Gmail by the same number.
public struct BodyStructure: Sendable {
    /// The parts that make up the plain-text view, in order.
    public var textBody: [MIMEPart] = []
    /// The parts that make up the HTML view, in order.
    public var htmlBody: [MIMEPart] = []
    /// Everything else a person would see as an attachment (nested messages included).
    public var attachments: [MIMEPart] = []

    /// The first text/plain part of the text view, decoded to UTF-8; nil when there is none.
    public var text: String? { textBody.first { $0.contentType.mimeType == "text/plain" }?.text }

    /// The first text/html part of the HTML view, decoded to UTF-8; nil when there is none.
    public var html: String? { htmlBody.first { $0.contentType.mimeType == "text/html" }?.text }
}

extension Message {
    /// The text, HTML and attachment parts of this message.
    public var bodyStructure: BodyStructure {
        var structure = BodyStructure()
        if case .multipart(let parts) = root.content {
            Self.walk(parts, partIDPrefix: "", multipartType: root.contentType.subtype,
                      inAlternative: root.contentType.subtype == "alternative", into: &structure,
                      collectText: true, collectHTML: true)
        } else {
            var single = root
            single.partID = ""
            Self.walk([single], partIDPrefix: nil, multipartType: "mixed", inAlternative: false, into: &structure,
                      collectText: true, collectHTML: true)
        }
        return structure
    }

    /// The first text/plain part of the text view, decoded to UTF-8; nil when there is none.
    public var text: String? { bodyStructure.text }

    /// The first text/html part of the HTML view, decoded to UTF-8; nil when there is none.
    public var html: String? { bodyStructure.html }

    private static func isInlineMedia(_ type: ContentType) -> Bool {
        type.type == "image" || type.type == "audio" || type.type == "video"
    }

    /// RFC 8621's parseStructure. Its `textBody = null` only stops collecting within one call, so
    /// here that is a local flag passed down, not a change to the shared lists. The parts are numbered
    /// `partIDPrefix` + their index (nil: they carry their number already).
    private static func walk(_ parts: [MIMEPart], partIDPrefix: String?, multipartType: String, inAlternative: Bool,
                             into structure: inout BodyStructure, collectText: Bool, collectHTML: Bool) {
        var collectText = collectText
        var collectHTML = collectHTML
        let textLength = structure.textBody.count
        let htmlLength = structure.htmlBody.count
        for (index, original) in parts.enumerated() {
            var part = original
            if let partIDPrefix { part.partID = partIDPrefix + String(index) }
            let type = part.contentType
            let isText = type.mimeType == "text/plain" || type.mimeType == "text/html"
            let isInline = !part.isAttachment && !part.isTruncated && !part.hasUndecodableBody
                && (isText || isInlineMedia(type))
                && (index == 0 || (multipartType != "related" && (isInlineMedia(type) || part.filename == nil)))
            if case .multipart(let children) = part.content {
                let subtype = type.subtype
                walk(children, partIDPrefix: (part.partID ?? "") + ".", multipartType: subtype,
                     inAlternative: inAlternative || subtype == "alternative",
                     into: &structure, collectText: collectText, collectHTML: collectHTML)
            } else if isInline {
                if type.mimeType == "text/plain", let split = part.splittingUUEncodedFiles() {
                    part = split.text
                    structure.attachments += split.files
                }
                if multipartType == "alternative" {
                    switch type.mimeType {
                    case "text/plain": if collectText { structure.textBody.append(part) }
                    case "text/html": if collectHTML { structure.htmlBody.append(part) }
                    default: structure.attachments.append(part)
                    }
                    continue
                } else if inAlternative {
                    if type.mimeType == "text/plain" { collectHTML = false }
                    if type.mimeType == "text/html" { collectText = false }
                }
                if collectText { structure.textBody.append(part) }
                if collectHTML { structure.htmlBody.append(part) }
                // Inline images, audio and video are shown in place by clients, but people still see
                // them as attachments (stalwart and most clients list them).
                if isInlineMedia(type) { structure.attachments.append(part) }
            } else {
                structure.attachments.append(part)
            }
        }
        if multipartType == "alternative" && collectText && collectHTML {
            if textLength == structure.textBody.count && htmlLength != structure.htmlBody.count {
                structure.textBody += structure.htmlBody[htmlLength...]
            }
            if htmlLength == structure.htmlBody.count && textLength != structure.textBody.count {
                structure.htmlBody += structure.textBody[textLength...]
            }
        }
    }
}
