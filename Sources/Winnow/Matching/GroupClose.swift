/// Pattern source read without a parser: where a group closes.
enum GroupClose {
    /// The index of the `)` that closes the group whose body starts at `k` in `s`, past escapes,
    /// classes (a `]` first in a class is literal) and nested groups; nil when none closes it.
    /// A quick syntactic read shared by `RequiredLiterals.Parser.guessClose` and
    /// `Pattern.asciiFirstLetter`.
    static func index(in s: [Unicode.Scalar], bodyStart k: Int) -> Int? {
        scan(s, from: k) { _ in }
    }

    /// `index(in:bodyStart:)`, telling `bar` where each `|` of the group's own alternation
    /// stands (not one inside a nested group or a class): from 0, the pattern's top-level
    /// alternatives (`RequiredLiterals.topLevelAlternatives`).
    static func scan(_ s: [Unicode.Scalar], from k: Int, bar: (Int) -> Void) -> Int? {
        var j = k, depth = 0
        while j < s.count {
            switch s[j] {
            case "\\": j += 1
            case "[":
                j += 1
                if j < s.count && s[j] == "^" { j += 1 }
                var first = true
                while j < s.count && (s[j] != "]" || first) {
                    first = false
                    if s[j] == "\\" { j += 1 }
                    j += 1
                }
            case "(": depth += 1
            case ")":
                if depth == 0 { return j }
                depth -= 1
            case "|" where depth == 0: bar(j)
            default: break
            }
            j += 1
        }
        return nil
    }
}
