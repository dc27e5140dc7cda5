/// Shallow features of one line that rule conditions can test (jusText and boilerpipe use the
/// same kind: length, link density, stop-word share, punctuation, position).
public struct LineFeatures: Sendable, Equatable {
    public var words = 0
    /// Characters of the trimmed line, counted as Unicode scalars.
    public var chars = 0
    /// URLs and bare web addresses ("http://…", "www.…", "example.com/…").
    public var links = 0
    /// Share of words that are English stop words (0 for a line without words).
    public var stopwordRatio = 0.0
    /// The line ends like a sentence: `. ! ? …` possibly followed by a closing quote or bracket.
    public var endsWithPunctuation = false
    /// Share of letters that are capitals.
    public var capsRatio = 0.0
    /// Share of words that start with a capital letter.
    public var titleRatio = 0.0
    /// Relative position of the line in the page, 0 (first line) to 1 (last line).
    public var position = 0.0
    /// A blank line (or the page edge) comes directly before / after this line.
    public var gapBefore = false
    public var gapAfter = false

    public init() {}

    /// Text features of `text` alone; position and gaps are set by the caller that knows the page.
    public init(text: String, stopwords: Set<String>) {
        let tokens = Tokens.words(text)
        words = tokens.count
        var stop = 0, titled = 0
        for token in tokens {
            if stopwords.contains(token.lowercased()) { stop += 1 }
            if let first = token.unicodeScalars.first, first.properties.isUppercase { titled += 1 }
        }
        stopwordRatio = words > 0 ? Double(stop) / Double(words) : 0
        titleRatio = words > 0 ? Double(titled) / Double(words) : 0
        var letters = 0, capitals = 0, count = 0
        var last: Unicode.Scalar?
        var lastNonClosing: Unicode.Scalar?
        for s in text.unicodeScalars where !s.properties.isWhitespace {
            count += 1
            if s.properties.isAlphabetic {
                letters += 1
                if s.properties.isUppercase { capitals += 1 }
            }
            last = s
            if !LineFeatures.closing.contains(s) { lastNonClosing = s }
        }
        chars = count
        capsRatio = letters > 0 ? Double(capitals) / Double(letters) : 0
        if last != nil, let end = lastNonClosing { endsWithPunctuation = LineFeatures.terminal.contains(end) }
        links = LineFeatures.countLinks(text)
    }

    static let terminal: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}", "\u{3002}"]
    static let closing: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{00BB}", "*"]

    /// Counts whitespace-separated tokens that look like web addresses.
    static func countLinks(_ text: String) -> Int {
        var count = 0
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let lower = token.lowercased()
            if lower.contains("http://") || lower.contains("https://") || lower.hasPrefix("www.") {
                count += 1
            } else if let dot = lower.firstIndex(of: "."), dot != lower.startIndex {
                // bare domains such as "example.com" or "bit.ly/x"
                let tail = lower[lower.index(after: dot)...].prefix { $0.isLetter }
                if ["com", "org", "net", "ly", "io", "co", "info", "biz", "tv", "me", "us", "uk"].contains(String(tail)),
                   lower[lower.index(after: dot)...].count >= tail.count,
                   lower.prefix(upTo: dot).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) {
                    count += 1
                }
            }
        }
        return count
    }
}
