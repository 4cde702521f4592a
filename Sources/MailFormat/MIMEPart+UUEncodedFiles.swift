extension MIMEPart {
    /// A plain-text part whose text carries uuencoded files ("begin 644 name", data lines, "end"), as
    /// old mailers attach them: the text without the blocks (already decoded, so its transfer
    /// encoding is binary whatever the headers say) and each named, non-empty file as an attachment
    /// of its own; nil when the text holds none.
    func splittingUUEncodedFiles() -> (text: MIMEPart, files: [MIMEPart])? {
        let decoded = decodedBody
        let blocks = UUDecoder.blocks(in: decoded).filter { !$0.filename.isEmpty && !$0.data.isEmpty }
        guard !blocks.isEmpty else { return nil }
        var rest: [UInt8] = []
        rest.reserveCapacity(decoded.count)
        var position = decoded.startIndex
        for block in blocks {
            rest += decoded[position..<block.range.lowerBound]
            position = block.range.upperBound
        }
        rest += decoded[position...]
        var text = MIMEPart(headers: headers, contentType: contentType, disposition: disposition,
                            transferEncoding: .binary, body: rest[...], content: .single)
        text.partID = partID
        let files = blocks.map { block in
            var file = MIMEPart(headers: [], contentType: ContentType(forFilename: block.filename),
                                disposition: ContentDisposition(kind: "attachment", parameters: ["filename": block.filename]),
                                transferEncoding: .uuencode, body: decoded[block.range], content: .single)
            file.isUUEncodedInText = true
            return file
        }
        return (text, files)
    }
}
