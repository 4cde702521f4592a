extension TextEditor {
    /// The text as a file holds it for an editor (`$EDITOR`): every line ended by a line break, so a
    /// line the editor or a program appends starts on a line of its own.
    public var fileText: String { text + "\n" }

    /// Text read back from a file an editor saved: as `init(text:)`, less the one line break that ends
    /// the last line (editors end a file with one; a further one is an empty line the person left).
    public init(fileText: String) {
        var text = SafeText.input(fileText)
        if text.hasSuffix("\n") { text.removeLast() }
        self.init(text: text)
    }
}
