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
            if let first = token.unicodeScalars.first, LineFeatures.isUppercase(first) { titled += 1 }
        }
        stopwordRatio = words > 0 ? Double(stop) / Double(words) : 0
        titleRatio = words > 0 ? Double(titled) / Double(words) : 0
        var letters = 0, capitals = 0, count = 0
        var last: Unicode.Scalar?
        var lastNonClosing: Unicode.Scalar?
        for s in text.unicodeScalars where !LineFeatures.isWhitespace(s) {
            count += 1
            if LineFeatures.isAlphabetic(s) {
                letters += 1
                if LineFeatures.isUppercase(s) { capitals += 1 }
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

    // ASCII answers without the Unicode property tables, which dominated the profile
    // (docs/performance.md); other scalars still ask the tables.
    @inline(__always) static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace
    }

    @inline(__always) static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? ((s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A) : s.properties.isAlphabetic
    }

    @inline(__always) static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : s.properties.isUppercase
    }

    static let domainEndings: Set<String> = ["com", "org", "net", "ly", "io", "co", "info", "biz", "tv", "me", "us", "uk"]

    /// Counts whitespace-separated tokens that look like web addresses.
    static func countLinks(_ text: String) -> Int {
        countLinksASCII(text) ?? countLinksCharacters(text)
    }

    static func countLinksCharacters(_ text: String) -> Int {
        var count = 0
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let lower = token.lowercased()
            if lower.contains("http://") || lower.contains("https://") || lower.hasPrefix("www.") {
                count += 1
            } else if let dot = lower.firstIndex(of: "."), dot != lower.startIndex {
                // bare domains such as "example.com" or "bit.ly/x"
                let tail = lower[lower.index(after: dot)...].prefix { $0.isLetter }
                if domainEndings.contains(String(tail)),
                   lower[lower.index(after: dot)...].count >= tail.count,
                   lower.prefix(upTo: dot).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) {
                    count += 1
                }
            }
        }
        return count
    }

    /// `countLinks` over the bytes of an all-ASCII line (most lines), without a String per token;
    /// nil for any other line, which takes the Character path so grapheme rules stay the same.
    static func countLinksASCII(_ text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { bytes -> Int? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var count = 0
            var start = 0
            func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            func token(_ t: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
                let lowered = t.map(lower)
                func has(_ needle: String) -> Bool {
                    let n = Array(needle.utf8)
                    guard lowered.count >= n.count else { return false }
                    for i in 0...(lowered.count - n.count) where lowered[i..<(i + n.count)].elementsEqual(n) { return true }
                    return false
                }
                if has("http://") || has("https://") || lowered.starts(with: Array("www.".utf8)) { return true }
                guard let dot = lowered.firstIndex(of: 0x2E), dot != 0 else { return false }
                let tail = lowered[(dot + 1)...].prefix(while: isLetter)
                return domainEndings.contains(String(decoding: tail, as: UTF8.self))
                    && lowered[..<dot].allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
            }
            for i in 0...bytes.count {
                guard i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x09 else { continue }
                if i > start, token(bytes[start..<i]) { count += 1 }
                start = i + 1
            }
            return count
        }
    }
}
