/// Pattern source read without a parser: where a group closes.
enum GroupClose {
    /// The index of the `)` that closes the group whose body starts at `k` in `s`, past escapes,
    /// classes (a `]` first in a class is literal) and nested groups; nil when none closes it.
    /// A quick syntactic read shared by `RequiredLiterals.Parser.guessClose` and
    /// `Pattern.asciiFirstLetter`.
    static func index(in s: [Unicode.Scalar], bodyStart k: Int) -> Int? {
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
            default: break
            }
            j += 1
        }
        return nil
    }
}
