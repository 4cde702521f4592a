import DeterministicRandom

/// Mail bodies and notes made of business words, common ones far more often than rare ones, so
/// that the search index holds the mix of frequent and rare terms real mail gives it.
enum SyntheticText {
    /// "Hi Ann,", three to six sentences, and a sign-off: about 60 words.
    static func mailBody(to recipient: String, from sender: String, random: inout SeededRandom) -> String {
        var text = random.pick(["Hi ", "Hello ", "Dear ", "Hey "]) + recipient + ",\n\n"
        for index in 0..<(3 + random.below(4)) {
            if index > 0 { text += random.chance(0.3) ? "\n\n" : " " }
            appendSentence(to: &text, random: &random)
        }
        text += "\n\n" + random.pick(["Best", "Kind regards", "Thanks", "Cheers", "Best regards"]) + ",\n" + sender
        return text
    }

    /// One or two sentences, for a call, meeting or note.
    static func note(random: inout SeededRandom) -> String {
        var text = ""
        for index in 0..<(1 + random.below(2)) {
            if index > 0 { text += " " }
            appendSentence(to: &text, random: &random)
        }
        return text
    }

    /// The first characters of a body on one line, as Gmail's snippet.
    static func snippet(of body: String) -> String {
        String(body.prefix(120).map { $0.isNewline ? " " : $0 })
    }

    private static func appendSentence(to text: inout String, random: inout SeededRandom) {
        let count = 6 + random.below(12)
        for index in 0..<count {
            let word = Vocabulary.words[random.skewedIndex(Vocabulary.words.count)]
            if index == 0 {
                text += word.prefix(1).uppercased() + word.dropFirst()
            } else {
                text += " " + word
            }
        }
        text += random.chance(0.15) ? "?" : "."
    }
}
