/// Content terms of a text, for comment relevance: lower-cased words that are not stop words,
/// lightly stemmed, with proper nouns (capitalised words not starting a sentence) marked.
public struct Terms: Sendable {
    public private(set) var terms: Set<String> = []
    /// Terms that appear at least once capitalised mid-sentence: names of people, places, groups.
    public private(set) var properNouns: Set<String> = []

    /// Words that would have been terms but are in the `ignoring` set given (lower-cased, not
    /// stemmed): in a page, praise words left out of relevance (`page_relevance_ignore`), which
    /// the audit names as read here.
    public private(set) var ignored: Set<String> = []

    public init(lines: [String], stopwords: Set<String>, minLength: Int, ignoring: Set<String> = []) {
        for line in lines { add(line, stopwords: stopwords, minLength: minLength, ignoring: ignoring) }
    }

    public mutating func add(_ text: String, stopwords: Set<String>, minLength: Int, ignoring: Set<String> = []) {
        var sentenceStart = true
        for word in Tokens.words(text) {
            // A typographic apostrophe ("i’m", "isn’t") meets the stop words' straight one.
            let lower = word.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
            let properNoun = !sentenceStart && (word.unicodeScalars.first?.properties.isUppercase ?? false)
            sentenceStart = Terms.endsSentence(text, after: word)
            guard lower.unicodeScalars.count >= minLength, !stopwords.contains(lower),
                  lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
            if ignoring.contains(lower) {
                ignored.insert(lower)
                continue
            }
            let term = Terms.stem(lower)
            terms.insert(term)
            if properNoun { properNouns.insert(term) }
        }
    }

    /// Whether the text right after `word` ends a sentence.
    static func endsSentence(_ text: String, after word: Substring) -> Bool {
        guard word.endIndex < text.endIndex else { return true }
        let next = text.unicodeScalars[word.endIndex]
        return next == "." || next == "!" || next == "?"
    }

    /// Light suffix stripping so that "militants"/"militant" and "bombing"/"bomb" meet.
    public static func stem(_ word: String) -> String {
        var w = word
        if w.hasSuffix("'s") { w.removeLast(2) }  // a typographic ’s was made ' by `add`
        let n = w.count
        if n > 4 && w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if n > 5 && w.hasSuffix("ing") { return String(w.dropLast(3)) }
        if n > 4 && w.hasSuffix("ed") { return String(w.dropLast(2)) }
        if n > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") { return String(w.dropLast()) }
        return w
    }
}
