/// The literals a pattern needs: a set of lowercase ASCII strings of which at least one occurs,
/// compared ASCII-caselessly, in any text the pattern matches. The literal prefilter scans a line
/// for all of them at once and skips the PCRE2 call of every rule none of whose literals occur.
///
/// A walker over the PCRE2 syntax the rules use: literals, escapes, classes, groups, lookaround,
/// alternation and quantifiers. Anything else (back references, inline options, `\Q`, `\x`, ...)
/// gives no literals, and the rule then runs on every line: a wrong literal would hide a match.
/// Only ASCII characters (and a few symbols) become literals; PCRE2's caseless Unicode matching lets just two
/// non-ASCII characters match ASCII letters (long s for `s`, the Kelvin sign for `k`), and the
/// scan folds those before it looks (`LiteralFold`).
enum RequiredLiterals {
    /// The literals of `pattern`, or nil when it has none that are safe to require.
    static func of(_ pattern: String) -> Set<String>? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let info = try? parser.alternation(), parser.atEnd, let set = info.requirement, !set.isEmpty else { return nil }
        // A literal containing another one is redundant: wherever it occurs, the shorter one does.
        let strings = set.map { String(decoding: $0, as: UTF8.self) }
        return Set(strings.filter { l in !strings.contains { $0 != l && l.utf8.count > $0.utf8.count && l.contains($0) } })
    }

    typealias Literal = [UInt8]

    /// Non-ASCII characters that PCRE2's caseless matching matches only to themselves.
    static let caselessSingletons = Set("©®™«»‹›•·–—…‘’“”".unicodeScalars)

    /// What a piece of a pattern says about the text it matches.
    struct Info {
        /// Every string the piece can match (lowercased), when they are few and all known.
        var exact: Set<Literal>?
        /// Literals one of which occurs in every match (none empty).
        var required: Set<Literal>?

        static let unknown = Info(exact: nil, required: nil)
        static let empty = Info(exact: [[]], required: nil)

        var requirement: Set<Literal>? {
            if let required { return required }
            if let exact, !exact.contains([]) { return exact }
            return nil
        }
    }

    /// Exact sets grow by cross products; beyond this size only requirements are kept.
    static let maxExact = 64

    struct Unsupported: Error {}

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func alternation() throws -> Info {
            var branches = [try sequence()]
            while peek() == "|" { i += 1; branches.append(try sequence()) }
            if branches.count == 1 { return branches[0] }
            var exact: Set<Literal>? = []
            var required: Set<Literal>? = []
            for b in branches {
                if let e = b.exact, let x = exact, x.count + e.count <= maxExact { exact = x.union(e) } else { exact = nil }
                if let r = b.requirement, let x = required { required = x.union(r) } else { required = nil }
            }
            return Info(exact: exact, required: exact == nil ? required : nil)
        }

        /// A concatenation: runs of exact pieces multiply out; the best literal set of the runs
        /// and of the other pieces is the requirement.
        mutating func sequence() throws -> Info {
            var run: Set<Literal> = [[]]
            var allExact = true
            var candidates: [Set<Literal>] = []
            func flush() { if !run.contains([]) { candidates.append(run) } }
            while let c = peek(), c != "|", c != ")" {
                let piece = try quantified()
                if let e = piece.exact {
                    if run.count * e.count <= maxExact {
                        run = Set(run.flatMap { a in e.map { a + $0 } })
                    } else {
                        allExact = false
                        flush()
                        run = e
                    }
                } else {
                    allExact = false
                    flush()
                    if let r = piece.requirement { candidates.append(r) }
                    run = [[]]
                }
            }
            if allExact { return Info(exact: run, required: nil) }
            flush()
            return Info(exact: nil, required: candidates.max(by: Parser.worse))
        }

        /// Longer shortest literal first (rarer in text), then fewer literals.
        static func worse(_ a: Set<Literal>, _ b: Set<Literal>) -> Bool {
            let la = a.map(\.count).min() ?? 0, lb = b.map(\.count).min() ?? 0
            return la != lb ? la < lb : a.count > b.count
        }

        mutating func quantified() throws -> Info {
            let atom = try self.atom()
            guard let (low, high) = try quantifier() else { return atom }
            if peek() == "?" || peek() == "+" { i += 1 }  // lazy or possessive: same strings
            if low == 1 && high == 1 { return atom }
            if low == 0 {
                if high == 1, let e = atom.exact, e.count < maxExact { return Info(exact: e.union([[]]), required: nil) }
                return .unknown
            }
            return Info(exact: nil, required: atom.requirement)
        }

        /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` as (min, max); max nil for unbounded.
        mutating func quantifier() throws -> (Int, Int?)? {
            switch peek() {
            case "?": i += 1; return (0, 1)
            case "*": i += 1; return (0, nil)
            case "+": i += 1; return (1, nil)
            case "{":
                var j = i + 1
                func number() -> Int? {
                    var n: Int?
                    while j < s.count, s[j].value >= 0x30, s[j].value <= 0x39 {
                        n = (n ?? 0) * 10 + Int(s[j].value - 0x30); j += 1
                    }
                    return n
                }
                // Not a valid quantifier: PCRE2 reads `{` literally; rather than model that, give up.
                guard let low = number() else { throw Unsupported() }
                var high: Int? = low
                if j < s.count, s[j] == "," { j += 1; high = number() }
                guard j < s.count, s[j] == "}" else { throw Unsupported() }
                i = j + 1
                return (low, high)
            default: return nil
            }
        }

        mutating func atom() throws -> Info {
            let c = s[i]
            i += 1
            switch c {
            case "(": return try group()
            case "[": return try charClass()
            case "\\": return try escape()
            case "^", "$": return .empty
            case ".": return .unknown
            case "*", "+", "?", "{", ")": throw Unsupported()
            default: return Parser.char(c)
            }
        }

        /// One character: ASCII letters lowercased; of the other characters only a few symbols
        /// without any caseless partner in PCRE2 (a test checks every character) become literal
        /// bytes, so that rules about copyright signs or guillemets can be filtered.
        static func char(_ c: Unicode.Scalar) -> Info {
            guard c.isASCII else {
                guard RequiredLiterals.caselessSingletons.contains(c) else { return .unknown }
                return Info(exact: [Array(String(c).utf8)], required: nil)
            }
            let b = UInt8(c.value)
            return Info(exact: [[b >= 0x41 && b <= 0x5A ? b | 0x20 : b]], required: nil)
        }

        mutating func group() throws -> Info {
            var zeroWidth = false
            if peek() == "?" {
                switch (peek(1), peek(2)) {
                case (":", _), (">", _): i += 2
                case ("=", _), ("!", _): i += 2; zeroWidth = true
                case ("<", "="), ("<", "!"): i += 3; zeroWidth = true
                case ("<", _), ("P", "<"), ("'", _):
                    i += peek(1) == "P" ? 3 : 2
                    let close: Unicode.Scalar = s[i - 1] == "'" ? "'" : ">"
                    while let c = peek(), c != close { guard c.properties.isAlphabetic || c == "_" || c.properties.numericType != nil else { throw Unsupported() }; i += 1 }
                    guard peek() == close else { throw Unsupported() }
                    i += 1
                default: throw Unsupported()  // inline options, conditionals, recursion, ...
                }
            }
            let inner = try alternation()
            guard peek() == ")" else { throw Unsupported() }
            i += 1
            return zeroWidth ? .empty : inner
        }

        mutating func escape() throws -> Info {
            guard let c = peek() else { throw Unsupported() }
            i += 1
            switch c {
            case "b", "B", "A", "z", "Z", "G": return .empty
            case "d", "D", "s", "S", "w", "W", "h", "H", "v", "V", "R", "X", "N": return .unknown
            case "p", "P":
                if peek() == "{" {
                    while let x = peek(), x != "}" { i += 1 }
                    guard peek() == "}" else { throw Unsupported() }
                }
                i += 1
                return .unknown
            default:
                // An escaped ASCII letter or digit we do not model (\x, \Q, \1, \k, ...): give up.
                if c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil) { throw Unsupported() }
                return Parser.char(c)
            }
        }

        /// A class of a few plain ASCII characters is an exact set; any other class is unknown.
        mutating func charClass() throws -> Info {
            var members: [Unicode.Scalar] = []
            var plain = true
            if peek() == "^" { plain = false; i += 1 }
            var first = true
            while let c = peek(), c != "]" || first {
                first = false
                i += 1
                if c == "[" && peek() == ":" { throw Unsupported() }  // POSIX classes
                if c == "\\" {
                    guard let e = peek() else { throw Unsupported() }
                    i += 1
                    if e.isASCII && (e.properties.isAlphabetic || e.properties.numericType != nil) {
                        guard "dDsSwWhHvV".unicodeScalars.contains(e) || e == "p" || e == "P" else { throw Unsupported() }
                        if (e == "p" || e == "P") && peek() == "{" {
                            while let x = peek(), x != "}" { i += 1 }
                            guard peek() == "}" else { throw Unsupported() }
                            i += 1
                        } else if e == "p" || e == "P" { i += 1 }
                        plain = false
                    } else {
                        members.append(e)
                    }
                } else if c == "-" && !members.isEmpty && peek() != "]" {
                    plain = false  // a range
                } else {
                    members.append(c)
                }
            }
            guard peek() == "]" else { throw Unsupported() }
            i += 1
            guard plain, members.count <= 8 else { return .unknown }
            var exact: Set<Literal> = []
            for m in members {
                guard let e = Parser.char(m).exact else { return .unknown }
                exact.formUnion(e)
            }
            return Info(exact: exact, required: nil)
        }
    }
}
