/// Word tokens of a line: maximal runs of letters and digits, joined across an apostrophe or
/// hyphen between two word characters ("don't", "anti-ISIS"). Shared by the line features and
/// by comment relevance so that both count words alike.
public enum Tokens {
    public static func words(_ text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var words: [Substring] = []
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let s = scalars[index]
            let next = scalars.index(after: index)
            let joins = start != nil && isJoiner(s) && next < scalars.endIndex && isWordScalar(scalars[next])
            if isWordScalar(s) || joins {
                if start == nil { start = index }
            } else if let begin = start {
                words.append(Substring(scalars[begin..<index])); start = nil
            }
            index = next
        }
        if let begin = start { words.append(Substring(scalars[begin..<scalars.endIndex])) }
        return words
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isJoiner(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" || s == "-" }
}
