/// The features a logistic model sees in a comment: the tokens of `CommentTokens` (words, word
/// pairs, shape tokens) and, optionally, character n-grams of each lower-cased word padded with
/// spaces, written `#n:gram` ("#3: ch" and "#3:ck " in "check"): n-grams catch spellings and
/// fragments no word list has ("subscr", ".com", "vevo").
public enum CommentFeatures {
    public struct Kinds: Sendable, Equatable, CustomStringConvertible {
        /// Lengths of character n-grams; nil for none.
        public var characters: ClosedRange<Int>?

        public init(characters: ClosedRange<Int>? = nil) { self.characters = characters }

        /// "tokens" or "tokens+chars3-5".
        public var description: String {
            characters.map { "tokens+chars\($0.lowerBound)-\($0.upperBound)" } ?? "tokens"
        }

        public init?(parsing text: String) {
            if text == "tokens" { self.init(); return }
            guard text.hasPrefix("tokens+chars") else { return nil }
            let bounds = text.dropFirst("tokens+chars".count).split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1], bounds[1] <= 8 else { return nil }
            self.init(characters: bounds[0]...bounds[1])
        }
    }

    public static func extract(_ text: String, kinds: Kinds) -> Set<String> {
        Set(explained(text, kinds: kinds).keys)
    }

    /// Each feature with the name it is explained under: itself, or for a character n-gram the
    /// first word it comes from, so an explanation reads "subscribe" rather than its fragments.
    /// `tokens`, when given, are the text's `CommentTokens` (a comment's moderation needs them
    /// for every model, and computes them once).
    public static func explained(_ text: String, kinds: Kinds, tokens: Set<String>? = nil) -> [String: String] {
        var features: [String: String] = [:]
        for token in tokens ?? CommentTokens.tokens(text) { features[token] = token }
        guard let lengths = kinds.characters else { return features }
        let prefixes = Dictionary(uniqueKeysWithValues: lengths.map { ($0, "#\($0):") })
        for word in Tokens.words(text) {
            let lower = word.lowercased()
            let padded = Array((" " + lower + " ").unicodeScalars)
            for n in lengths where n <= padded.count {
                for start in 0...(padded.count - n) {
                    var gram = prefixes[n]!
                    gram.unicodeScalars.append(contentsOf: padded[start..<(start + n)])
                    if features[gram] == nil { features[gram] = lower }
                }
            }
        }
        return features
    }
}
