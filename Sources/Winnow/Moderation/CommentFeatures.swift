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
    public static func explained(_ text: String, kinds: Kinds) -> [String: String] {
        var features: [String: String] = [:]
        for token in CommentTokens.tokens(text) { features[token] = token }
        forEachGram(text, kinds: kinds) { gram, word in
            let name = gram.name
            if features[name] == nil { features[name] = word }
        }
        return features
    }

    /// One character n-gram: `scalars[range]` of a padded lower-cased word, and, when it is
    /// ASCII and at most 7 characters long, `packed`: its length and bytes in one integer, a
    /// key that needs no String (a comment has thousands of n-grams; `LogisticModel` looks
    /// them up by this key).
    struct Gram {
        let scalars: [Unicode.Scalar]
        let range: Range<Int>
        let packed: UInt64?

        /// `#n:gram`, the feature's name.
        var name: String {
            if packed != nil {
                // ASCII and n < 8: written byte by byte (appending scalars cost far more).
                return String(unsafeUninitializedCapacity: range.count + 3) { out in
                    out[0] = 0x23
                    out[1] = 0x30 + UInt8(range.count)
                    out[2] = 0x3A
                    for (k, i) in range.enumerated() { out[3 + k] = UInt8(scalars[i].value) }
                    return range.count + 3
                }
            }
            var s = "#\(range.count):"
            s.unicodeScalars.append(contentsOf: scalars[range])
            return s
        }

        /// The key of an ASCII n-gram of at most 7 characters (nil otherwise).
        static func pack<S: Sequence>(_ bytes: S, count n: Int) -> UInt64? where S.Element == UInt32 {
            guard n <= 7 else { return nil }
            var key = UInt64(n) << 56, shift: UInt64 = 0
            for v in bytes {
                guard v < 0x80 else { return nil }
                key |= UInt64(v) << shift
                shift += 8
            }
            return key
        }
    }

    /// Calls `body` with every character n-gram of `text` the kinds ask for, in order (a gram
    /// repeats when the text does), and the lower-cased word it is from.
    static func forEachGram(_ text: String, kinds: Kinds, _ body: (Gram, String) -> Void) {
        guard let lengths = kinds.characters else { return }
        for word in Tokens.words(text) {
            let lower = word.lowercased()
            let padded = Array((" " + lower + " ").unicodeScalars)
            for n in lengths where n <= padded.count {
                for start in 0...(padded.count - n) {
                    let range = start..<(start + n)
                    body(Gram(scalars: padded, range: range, packed: Gram.pack(padded[range].lazy.map(\.value), count: n)), lower)
                }
            }
        }
    }
}
