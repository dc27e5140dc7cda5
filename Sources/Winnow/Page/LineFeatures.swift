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
    /// Non-blank lines between this line and the nearest prose line (0 for a prose line itself;
    /// the page's line count when the page has no prose). Menus, footers and teaser lists sit
    /// far from prose; subheads, bylines and captions sit next to it.
    public var proseDistance = 0
    /// The line lies within a main prose block: a run of prose lines (joined across short gaps)
    /// holding at least a set share of the words of the largest such run. The story is there;
    /// teaser text and sidebar blurbs form small runs outside it.
    public var inMainBlock = false
    /// For a line above the first line of a main block: the non-blank lines from here down to
    /// it (1 right above it); 0 otherwise. A story's headline and byline sit a few lines above
    /// its first paragraph, often apart from it by share buttons or a photo credit.
    public var aboveMainBlock = 0

    public init() {}

    /// Text features of `text` alone; position and gaps are set by the caller that knows the page.
    public init(text: String, stopwords: Set<String>) {
        let tokens = Tokens.words(text)
        words = tokens.count
        var stop = 0, titled = 0
        for token in tokens {
            if LineFeatures.isStopword(token, in: stopwords) { stop += 1 }
            if let first = token.unicodeScalars.first, LineFeatures.isUppercase(first) { titled += 1 }
        }
        stopwordRatio = words > 0 ? Double(stop) / Double(words) : 0
        titleRatio = words > 0 ? Double(titled) / Double(words) : 0
        var letters = 0, capitals = 0, count = 0
        var last: Unicode.Scalar?
        var lastNonClosing: Unicode.Scalar?
        for s in text.unicodeScalars {
            // ASCII first: Unicode property look-ups cost more than the rest of the line.
            if s.isASCII {
                let v = s.value
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) { continue }
                if v >= 0x61 && v <= 0x7A { letters += 1 } else if v >= 0x41 && v <= 0x5A { letters += 1; capitals += 1 }
            } else {
                if s.properties.isWhitespace { continue }
                if s.properties.isAlphabetic {
                    letters += 1
                    if s.properties.isUppercase { capitals += 1 }
                }
            }
            count += 1
            last = s
            if !LineFeatures.closing.contains(s) { lastNonClosing = s }
        }
        chars = count
        capsRatio = letters > 0 ? Double(capitals) / Double(letters) : 0
        if last != nil, let end = lastNonClosing { endsWithPunctuation = LineFeatures.terminal.contains(end) }
        links = LineFeatures.countLinks(text)
    }

    /// The token, lowercased, is a stop word; lowercases (and allocates) only when it must.
    static func isStopword(_ token: Substring, in stopwords: Set<String>) -> Bool {
        if token.utf8.allSatisfy({ $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) }) { return stopwords.contains(String(token)) }
        return stopwords.contains(token.lowercased())
    }

    @inline(__always)
    static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : s.properties.isUppercase
    }

    static let terminal: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}", "\u{3002}"]
    static let closing: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{00BB}", "*"]

    /// Counts whitespace-separated tokens that look like web addresses: `http://…`, `https://…`,
    /// `www.…`, or a bare domain such as `example.com` or `bit.ly/x` (letters, digits, `-` and `.`
    /// before the first dot, then one of a few common top-level domains). Works on UTF-8 bytes:
    /// every line of every page goes through here.
    static func countLinks(_ text: String) -> Int {
        var count = 0
        var line = text
        line.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                let start = i
                while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
                if i > start, isLink(UnsafeBufferPointer(rebasing: bytes[start..<i])) { count += 1 }
            }
        }
        return count
    }

    static let topLevelDomains: Set<[UInt8]> = Set(["com", "org", "net", "ly", "io", "co", "info", "biz", "tv", "me", "us", "uk"].map { Array($0.utf8) })

    static func isLink(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        @inline(__always) func letter(_ b: UInt8) -> Bool { let l = lower(b); return l >= 0x61 && l <= 0x7A }
        func contains(_ needle: StaticString) -> Bool {
            let n = needle.utf8CodeUnitCount
            guard token.count >= n else { return false }
            let p = needle.utf8Start
            outer: for s in 0...(token.count - n) {
                for k in 0..<n where lower(token[s + k]) != p[k] { continue outer }
                return true
            }
            return false
        }
        if contains("http://") || contains("https://") { return true }
        if token.count >= 4, lower(token[0]) == 0x77, lower(token[1]) == 0x77, lower(token[2]) == 0x77, token[3] == 0x2E { return true }
        // A bare domain: the first dot, not at the start, with only letters, digits, '-' or '.'
        // before it... (a dot can only be the first one), then a known top-level domain.
        guard let dot = token.firstIndex(of: 0x2E), dot > 0 else { return false }
        for b in token[..<dot] where !(letter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b >= 0x80) { return false }
        var tld: [UInt8] = []
        var k = dot + 1
        while k < token.count, letter(token[k]) { tld.append(lower(token[k])); k += 1 }
        return topLevelDomains.contains(tld)
    }
}
