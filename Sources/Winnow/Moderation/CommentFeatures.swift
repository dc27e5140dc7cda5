import Foundation

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

    /// The word (as padded by `extract`, trimmed) a character n-gram feature comes from: the
    /// first of `paddedWords` containing it; nil for other features.
    static func owner(of feature: String, in paddedWords: [String]) -> String? {
        guard feature.hasPrefix("#"), let colon = feature.firstIndex(of: ":") else { return nil }
        let gram = feature[feature.index(after: colon)...]
        return paddedWords.first { $0.contains(gram) }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    public static func extract(_ text: String, kinds: Kinds) -> Set<String> {
        var features = CommentTokens.tokens(text)
        guard let lengths = kinds.characters else { return features }
        for word in Tokens.words(text) {
            let padded = Array((" " + word.lowercased() + " ").unicodeScalars)
            for n in lengths where n <= padded.count {
                for start in 0...(padded.count - n) {
                    var gram = "#\(n):"
                    gram.unicodeScalars.append(contentsOf: padded[start..<(start + n)])
                    features.insert(gram)
                }
            }
        }
        return features
    }
}
