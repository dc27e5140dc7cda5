/// The literals a pattern needs, in disjunctive form: for each top-level branch of the pattern,
/// sets of lowercase strings that must all be present (at least one string of each set,
/// compared ASCII-caselessly) in any text the branch matches. The literal prefilter scans a line
/// for all of them at once and skips the PCRE2 call of every rule none of whose branches has all
/// its sets present.
///
/// A walker over the PCRE2 syntax the rules use: literals, escapes, classes, groups, lookaround,
/// alternation and quantifiers. A literal that must stand at a word's edge (after `\b`, `\s`,
/// `\W`) says so (`Edges`), and one right after a leading `^` where it must start (`Anchor`).
/// Anything else (back references, inline options, `\Q`, `\x`, ...)
/// gives no literals, and the rule then runs on every line: a wrong literal would hide a match.
/// Only ASCII characters (and a few symbols) become literals; PCRE2's caseless Unicode matching
/// lets just two non-ASCII characters match ASCII letters (long s for `s`, the Kelvin sign for
/// `k`), and the scan folds those before it looks (`LiteralFold`).
public enum RequiredLiterals {
    /// At most this many literal sets are required per branch (the most selective ones by
    /// `Parser.worse`; the third only when the scan finds it without the gram tables:
    /// `scansGrams`), and besides them every set of single bytes (`isByteSet`).
    static let maxSetsPerBranch = 3
    /// The most members a class with a range (`[0-9]`, `[a-c]`) has and is still an exact set
    /// (`Parser.charClass`, step 771 in docs/performance.md).
    static let maxRange = 10

    /// The branches' literal sets, or nil when some branch has none that are safe to require.
    /// `caseless`: the pattern is compiled caseless (`(?<![a-z0-9_])` is then a `before` edge).
    /// `mergingRuns`: false reads plain characters one by one (`Parser.plainRun`), for a test.
    static func branches(of pattern: String, caseless: Bool = false, mergingRuns: Bool = true) -> [[Set<Literal>]]? {
        // A leading `(?i)` in a pattern compiled caseless changes nothing: read past it (step 522
        // in docs/performance.md; the parser knows no option setting, and such a rule ran on every line).
        if caseless && pattern.hasPrefix("(?i)") { return branches(of: String(pattern.dropFirst(4)), caseless: true, mergingRuns: mergingRuns) }
        var parser = Parser(Array(pattern.unicodeScalars), caseless: caseless)
        parser.mergesRuns = mergingRuns
        guard let info = try? parser.alternation(), parser.atEnd else { return nil }
        return kept(info)
    }

    /// `branches(of:caseless:)` of the pattern and, read in the same walk, of each of its
    /// top-level alternatives (the pieces between the `|` outside any group) by their text:
    /// `Prefilter.splitAlternatives` would read each alternative again on its own (a third of
    /// the extraction, step 660 in docs/performance.md). The same answer, for the walker reads a
    /// top-level alternative as it reads the same text alone: with no edge, line end or anchor
    /// around it, its look-aheads (`edgeAhead`, `followedByEdge`, `followedByLineEnd`,
    /// `groupContext`) taking the `|` after it as they take the pattern's end, and the groups in
    /// it closing inside it. An alternative that starts with `(?i)` (read past when alone) is
    /// left out, and so is every alternative when the whole pattern is: nil.
    static func branchesWithAlternatives(of pattern: String, caseless: Bool = false)
        -> (whole: [[Set<Literal>]], alternatives: [String: [[Set<Literal>]]?])? {
        if caseless && pattern.hasPrefix("(?i)") {
            return branches(of: String(pattern.dropFirst(4)), caseless: true).map { ($0, [:]) }
        }
        let scalars = Array(pattern.unicodeScalars)
        var parser = Parser(scalars, caseless: caseless)
        var pieces: [(start: Int, info: Info)] = []
        do {
            pieces.append((0, try parser.sequence()))
            while parser.peek() == "|" {
                parser.i += 1
                pieces.append((parser.i, try parser.sequence()))
            }
        } catch { return nil }
        guard parser.atEnd, let whole = kept(pieces.count == 1 ? pieces[0].info : Parser.merged(pieces.map(\.info), end: nil)) else { return nil }
        guard pieces.count > 1 else { return (whole, [:]) }
        var alternatives: [String: [[Set<Literal>]]?] = [:]
        for (k, piece) in pieces.enumerated() {
            let end = k + 1 < pieces.count ? pieces[k + 1].start - 1 : scalars.count
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[piece.start..<end])
            let source = String(text)
            if caseless && source.hasPrefix("(?i)") { continue }
            alternatives[source] = .some(kept(piece.info))
        }
        return (whole, alternatives)
    }

    /// A walk's branches as `branches(of:)` gives them: nil when a branch has no set; else in
    /// each branch the best sets (`maxSetsPerBranch`, the third only when `scansGrams` says the
    /// scan finds it without the gram tables) and every set of single bytes, each `minimal`.
    static func kept(_ info: Info) -> [[Set<Literal>]]? {
        let branches = info.branches
        guard !branches.contains(where: \.isEmpty) else { return nil }
        return branches.map { sets in
            let sorted = sets.sorted(by: Parser.worse)
            let best = Array(sorted.suffix(maxSetsPerBranch).reversed())
            let kept = best.enumerated().filter { $0.offset < 2 || !scansGrams($0.element) }.map(\.element)
            return (kept + sorted.dropLast(maxSetsPerBranch).filter(isByteSet).reversed()).map(minimal)
        }
    }

    /// A set of one-byte literals (no place): `worse` ranks it last, for its literals are short,
    /// but a byte like `(`, `[` or `@` is rarer in text than most pairs of letters ("at", "co"),
    /// and the scan finds it in its table of the bytes present (step 250 in docs/performance.md).
    /// So `branches(of:)` keeps every such set of a branch, past the three best: `[\[(]\s*at`
    /// needs `(` or `[` as well as "at".
    static func isByteSet(_ set: Set<Literal>) -> Bool {
        set.allSatisfy { $0.count == 1 }
    }

    /// Whether the scan looks for some literal of `set` in its gram tables (three bytes or more,
    /// not anchored): a branch's third set is kept only when it does not (step 260 in
    /// docs/performance.md). Its literals cost the scan a mark (then a `GramTable.mark` call) wherever their
    /// first bytes stand ("her", "that", "most"): on the first 160 news pages such third sets
    /// saved 50 PCRE2 calls for 10,090 `mark` calls; a third set of one- or two-byte literals
    /// (a digit, a comma) costs a table read a line and saved 1,700.
    static func scansGrams(_ set: Set<Literal>) -> Bool {
        set.contains { Anchor.of($0) == nil && Anchor.ofEnd($0) == nil && untagged($0).count >= 3 }
    }

    /// What the prefilter requires of a line for `pattern`, readable (`winnow rules list
    /// --literals`): one string per branch, its literal sets joined by ` & `, each set's literals
    /// by ` | `; nil when the pattern has none (it runs on every line). A literal is written with
    /// its place: `^x` at the line's start, `^\s*x` / `^\W*x` where such a prefix ends, `x$`,
    /// `x\s*$`, `x\W*$` at its end, `\bx` / `x\b` at a word's edge, `#x` right after a number.
    /// `caseless` as the rule compiles it, as the prefilter reads it (`branches(of:caseless:)`:
    /// caseless, `(?<![a-z0-9_])` is a word's edge).
    public static func describe(_ pattern: String, caseless: Bool = false) -> [String]? {
        branches(of: pattern, caseless: caseless)?.map { sets in
            sets.map { set in set.map(describe).sorted().joined(separator: " | ") }.joined(separator: " & ")
        }
    }

    /// One literal with its tag written out (`describe(_:)`).
    static func describe(_ literal: Literal) -> String {
        func text(_ bytes: ArraySlice<UInt8>) -> String {
            bytes.map { b in b >= 0x21 && b < 0x7F ? String(UnicodeScalar(b)) : b == 0x20 ? "␠" : "\\x" + String(b, radix: 16) }.joined()
        }
        let prefixes: [Anchor: String] = [.start: "^", .afterSpace: "^\\s*", .afterNonWord: "^\\W*"]
        let suffixes: [Anchor: String] = [.afterSpace: "\\s*$", .afterNonWord: "\\W*$"]
        if let (a, bytes) = Anchor.of(literal) { return prefixes[a]! + text(bytes) }
        if let (a, bytes) = Anchor.ofEnd(literal) { return text(bytes) + suffixes[a]! }
        if let (e, bytes) = Edges.of(literal) {
            return (e.contains(.number) ? "#" : "") + (e.contains(.before) ? "\\b" : "") + text(bytes) + (e.contains(.after) ? "\\b" : "")
        }
        return text(literal[...])
    }

    /// The pattern's top-level alternatives (`A|B|C` gives `A`, `B`, `C`), each a pattern of its
    /// own, when there are several and the walker knows all the syntax (so no back reference,
    /// inline option or recursion ties an alternative to the others); else nil.
    ///
    /// A pattern that is one group of alternatives between fixed parts, `P(A|B)S` with `P` only
    /// `^` and `\b` (no choice to backtrack into), gives `P(?:A)S` and `P(?:B)S`: at each start
    /// PCRE2 tries A's paths, each with all of S's, before B's, as it does for `P(?:A)S|P(?:B)S`,
    /// so the first match is the same (the group's number is lost; rules name their groups).
    ///
    /// `parsed`: `branches(of:)` has read the whole pattern (`Prefilter.splitAlternatives`, after
    /// the extraction): where its alternatives and groups end is then a matter of syntax alone,
    /// found by `GroupClose.scan` without the walker's literal sets, which made this function
    /// a quarter of every run's start-up (step 611 in docs/performance.md). The same pieces: the
    /// walker ends a group at the `)` that `GroupClose` finds on every pattern it reads whole.
    static func topLevelAlternatives(of pattern: String, parsed: Bool = false) -> [String]? {
        let scalars = Array(pattern.unicodeScalars)
        var starts = [0]
        if parsed {
            // `branches(of:caseless:)` reads past a leading `(?i)`, which the walker does not know.
            guard !pattern.hasPrefix("(?i)") else { return nil }
            _ = GroupClose.scan(scalars, from: 0) { starts.append($0 + 1) }
        } else {
            var parser = Parser(scalars)
            do {
                _ = try parser.sequence()
                while parser.peek() == "|" {
                    parser.i += 1
                    starts.append(parser.i)
                    _ = try parser.sequence()
                }
            } catch { return nil }
            guard parser.atEnd else { return nil }
        }
        guard starts.count > 1 else { return groupAlternatives(scalars, parsed: parsed) }
        // An alternative that is itself such a group splits in place: `A|B` tries all of A's
        // alternatives, in order, before B.
        return starts.indices.flatMap { k in
            let end = k + 1 < starts.count ? starts[k + 1] - 1 : scalars.count
            let piece = Array(scalars[starts[k]..<end])
            if let split = groupAlternatives(piece, parsed: parsed) { return split }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: piece)
            return [String(text)]
        }
    }

    /// `P(A|B)S` as `P(?:A)S`, `P(?:B)S` (see `topLevelAlternatives`), for a plain or
    /// non-capturing group (an atomic group never tries B once A matched; a named one is read).
    /// `P` may also hold lookaround assertions (`(?<![a-z0-9_])(?<!\w)(A|B)\b`, step 372 in
    /// docs/performance.md): PCRE2 runs an assertion atomically, so it holds or fails at a start
    /// in one way, with no choice to backtrack into, as `^` and `\b`. `parsed` as there.
    static func groupAlternatives(_ scalars: [Unicode.Scalar], parsed: Bool = false) -> [String]? {
        var open = 0
        while open < scalars.count {
            if scalars[open] == "^" { open += 1 } else if scalars[open] == "\\", open + 1 < scalars.count, scalars[open + 1] == "b" { open += 2 }
            else if let end = assertionEnd(scalars, at: open, parsed: parsed) { open = end } else { break }
        }
        guard open < scalars.count, scalars[open] == "(" else { return nil }
        var innerStart = open + 1
        if innerStart < scalars.count, scalars[innerStart] == "?" {
            guard innerStart + 1 < scalars.count, scalars[innerStart + 1] == ":" else { return nil }
            innerStart += 2
        }
        guard let close = groupClose(scalars, bodyStart: innerStart, parsed: parsed) else { return nil }
        // A quantified group repeats its alternation: no split.
        if close + 1 < scalars.count, ["*", "+", "?", "{"].contains(scalars[close + 1]) { return nil }
        func text(_ r: Range<Int>) -> String { var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[r]); return String(v) }
        guard let inner = topLevelAlternatives(of: text(innerStart..<close), parsed: parsed) else { return nil }
        let prefix = text(0..<open), suffix = text((close + 1)..<scalars.count)
        return inner.map { prefix + "(?:" + $0 + ")" + suffix }
    }

    /// Past the lookaround assertion that opens at `start` (`(?=`, `(?!`, `(?<=`, `(?<!`), when
    /// one does and the parser reads it to its close; else nil.
    static func assertionEnd(_ scalars: [Unicode.Scalar], at start: Int, parsed: Bool = false) -> Int? {
        func at(_ k: Int, _ c: Unicode.Scalar) -> Bool { k < scalars.count && scalars[k] == c }
        guard at(start, "("), at(start + 1, "?") else { return nil }
        var body = start + 2
        if at(body, "<") { body += 1 }
        guard at(body, "=") || at(body, "!") else { return nil }
        return groupClose(scalars, bodyStart: body + 1, parsed: parsed).map { $0 + 1 }
    }

    /// The `)` that closes the group whose body starts at `k`, when the walker reads the body to
    /// it (or, `parsed`, by its syntax: see `topLevelAlternatives`).
    static func groupClose(_ scalars: [Unicode.Scalar], bodyStart k: Int, parsed: Bool) -> Int? {
        if parsed { return GroupClose.index(in: scalars, bodyStart: k) }
        var parser = Parser(scalars)
        parser.i = k
        guard (try? parser.alternation()) != nil, parser.peek() == ")" else { return nil }
        return parser.i
    }

    /// A literal containing another one of its set is redundant: wherever it occurs, the shorter one does.
    static func minimal(_ set: Set<Literal>) -> Set<Literal> {
        set.filter { l in !set.contains { $0.count < l.count && implies(l, $0) } }
    }

    /// Wherever `l` is present, `m` is: `m` occurs inside `l`, or both are anchored alike and
    /// `m` starts `l`.
    static func implies(_ l: Literal, _ m: Literal) -> Bool {
        let lb = untagged(l)
        if let (ma, mb) = Anchor.of(m) { return Anchor.of(l)?.0 == ma && lb.starts(with: mb) }
        // Where `l` holds, the bytes of an `m` with edges or an end anchor are there, but not
        // necessarily in its place.
        guard !m.isEmpty else { return true }
        guard m[0] != 0, m.count <= lb.count else { return false }
        // By hand: Foundation's `firstRange(of:)` cost 45 M instructions of the start-up (step 615).
        var s = lb.startIndex
        while s <= lb.endIndex - m.count {
            if lb[s] == m[0] && lb[s..<(s + m.count)].elementsEqual(m) { return true }
            s += 1
        }
        return false
    }

    /// A literal's bytes without its tag (`Anchor`, `Anchor.ofEnd`, `Edges`).
    static func untagged(_ l: Literal) -> ArraySlice<UInt8> {
        l.count > 2 && l[0] == 0 ? l[2...] : l[...]
    }

    /// `\d` with UCP matches any Unicode decimal digit: an ASCII digit or a character whose UTF-8
    /// starts with one of these bytes (a test checks every character against PCRE2). As
    /// one-byte literals they let a pattern that needs a digit skip lines without one.
    static let digitBytes: Set<UInt8> = Set(0x30...0x39).union([0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0])

    typealias Literal = [UInt8]

    /// Non-ASCII characters that PCRE2's caseless matching matches only to themselves.
    static let caselessSingletons = Set("©®™«»‹›•●▪◦·–—…‘’“”½¼¾⅓⅔⅛×✕✖―−„‚€£°∙".unicodeScalars)

    /// What a piece of a pattern says about the text it matches.
    struct Info {
        /// Every string the piece can match (lowercased), when they are few and all known.
        var exact: Set<Literal>?
        /// Literals one of which occurs in every match (none empty).
        var required: Set<Literal>?
        /// Alternatives of which one holds for every match, each literal sets that must all be
        /// present; `[[]]` when nothing is known.
        var alternatives: [[Set<Literal>]] = [[]]
        /// `^` (`.start`); `\s` or `\W` (their anchor, on the class); `\s*` or `\W*` (on the
        /// repeat: what a literal right after `^\s*` / `^\W*` is anchored to).
        var isStart = false
        var skipClass: Anchor?
        var skips: Anchor?
        /// `\b` (zero-width).
        var isBoundary = false
        /// `(?<!\w)` or `(?<![\w…])`: the character before is no word character (zero-width).
        var notAfterWord = false
        /// `(?!\w)` or `(?![\w…])`: the character after is no word character (zero-width), so a
        /// run right before it ends at a word's edge, as before a `\s` (perf73, step 722).
        var notBeforeWord = false
        /// `$`: a literal right before it ends at the line's end (or before a final newline).
        var isEnd = false
        /// Not exact, at least one character, each of them not a word character (`\s`, `\W`,
        /// `\s+`...): a literal right before or after it stands at a word's edge.
        var isNonWord = false
        /// Every character it matches is a digit, `,`, `.` or a space (`\d`, `\s*`, `[\d,.]`...):
        /// `numberish`; it matches at least one character, all digits (`\d`, `\d{1,3}`): `number`.
        /// A literal right after a `number` piece and then only `numberish` ones follows a digit
        /// and maybe spaces, `,` and `.` (`Edges.number`).
        var number = false
        var numberish = false
        /// Not exact, but one literal of `required` starts where the piece's match starts (`\d`,
        /// `\d{1,3}`: the digit's first byte): after a leading `^`, `^\s*` or `^\W*` they are
        /// anchored there (`Info.placed`). Its last character is a digit too: right before `$`,
        /// `\s*$` or `\W*$` they are anchored to the line's end (`requiredAtStart` stands for both).
        var requiredAtStart = false
        /// For an exact piece: its strings start (end) at a word's edge, by a `\b` of its own or
        /// where it stands (`group`); they end the line before a suffix that `end` skips.
        var edges: Edges = []
        var end: Anchor?
        /// For an exact piece: it starts where a leading `^`, `^\s*` or `^\W*` put it (`group`).
        var start: Anchor?
        /// A positive lookahead or lookbehind: zero-width (so `exact` is the empty string, and the
        /// literals on either side still join), but what it asserts must be in the line.
        var asserted: [[Set<Literal>]]?
        /// Whether a literal right after the piece stands at a word's edge (`EdgeOut`), for a
        /// piece that is not exact (an exact one's strings say it: `EdgeOut.of`).
        var edgeOut: EdgeOut = .no

        static let unknown = Info(exact: nil, required: nil)
        static let empty = Info(exact: [[]], required: nil)

        init(exact: Set<Literal>?, required: Set<Literal>?, alternatives: [[Set<Literal>]] = [[]]) {
            self.exact = exact
            self.required = required
            self.alternatives = alternatives
        }

        /// The alternatives, or the exact strings as one set when they are known.
        var branches: [[Set<Literal>]] {
            if exact != nil || alternatives == [[]] { return requirement.map { [[$0]] } ?? [[]] }
            return alternatives
        }

        var requirement: Set<Literal>? {
            if let required { return required }
            if let exact, !exact.contains([]) { return Info.tagged(exact, start: start, end: end, edges: edges) }
            return nil
        }

        /// `placed` with each literal that no anchor takes tagged with `edges` (`Edges.tag`); with
        /// no anchor and no edge that is `run` itself, as it is (no set built: step 663).
        static func tagged(_ run: Set<Literal>, start: Anchor?, end: Anchor?, edges: Edges) -> Set<Literal> {
            if start == nil && end == nil && edges.isEmpty { return run }
            return placed(run, start: start, end: end) { Edges.tag($0, edges) }
        }

        /// A run's literals where they stand: each one whose first byte a leading `^`, `\s*` or
        /// `\W*` (`start`) cannot consume is anchored there, else each one whose last byte a
        /// suffix before the line's end (`end`) cannot consume is anchored there, else it is
        /// `other(literal)` (its edges). Literal by literal: the run starts after the prefix;
        /// every byte the prefix consumed is one the scan steps over (`Anchor.skips`), so a
        /// literal whose first byte it does not step over starts at the first such byte of the
        /// line. A literal that the prefix may have consumed the start of (`\d` has the lead
        /// bytes of non-ASCII digits) is looked for anywhere, and the others stay anchored.
        static func placed(_ run: Set<Literal>, start: Anchor?, end: Anchor?, other: (Literal) -> Literal) -> Set<Literal> {
            if start == nil && end == nil { return Set(run.map(other)) }
            return Set(run.map { l in
                if let start, !start.skips(l[0]) { return [0, start.rawValue] + l }
                if let end, !end.skips(l[l.count - 1]) { return [0, 0x20 | end.rawValue] + l }
                return other(l)
            })
        }
    }

    /// What a piece does to the word's edge before the next literal: whether, wherever the piece
    /// ends, the byte before that place (when the line has one) is not an ASCII word character.
    /// `yes`: always (the piece ends with `\s`, `\W`, a non-word class or byte, or a `\b`);
    /// `same`: as it was where the piece started (the piece may match the empty string, and its
    /// other matches end as `yes`: `(de\s+)?`); `no`: not known. So `\s+(de\s+)?(august|…)`
    /// gives "august" its `before` edge, as `\s+(august|…)` did.
    enum EdgeOut {
        case no, same, yes

        /// Either of two pieces (alternation, or a piece and the empty string).
        func or(_ other: EdgeOut) -> EdgeOut {
            if self == .no || other == .no { return .no }
            return self == .yes && other == .yes ? .yes : .same
        }

        /// This piece, then `next`.
        func then(_ next: EdgeOut) -> EdgeOut { next == .same ? self : next }

        /// The edge after the piece, given the one before it.
        func applied(to before: Bool) -> Bool { self == .yes || (self == .same && before) }

        /// An exact piece's: each string ends with a byte that is not an ASCII word character, or
        /// is empty.
        static func of(_ exact: Set<Literal>) -> EdgeOut {
            var out = EdgeOut.yes
            for l in exact {
                if l.isEmpty { out = out.or(.same) } else if Edges.isWord(l[l.count - 1]) { return .no }
            }
            return out
        }

        /// A piece's, exact or not (an exact piece's sequence may know more than its strings:
        /// `\b` at its end).
        static func of(_ info: Info) -> EdgeOut {
            guard let exact = info.exact else { return info.edgeOut }
            let strings = of(exact)
            return strings == .yes || info.edgeOut == .yes ? .yes : strings == .same || info.edgeOut == .same ? .same : .no
        }
    }

    /// Where an anchored literal must start: at the line's first byte, or at its first byte
    /// that cannot belong to a `\s*` / `\W*` prefix (every non-ASCII byte can). An anchored
    /// literal is stored behind the tag bytes `[0, anchor]` (patterns never yield a NUL).
    ///
    /// Likewise at the line's end: a literal right before `\s*$` (`afterSpace`) or `\W*$`
    /// (`afterNonWord`) must end at the line's last byte that such a suffix cannot consume,
    /// stored behind `[0, 0x20 | anchor]`. One before `$` alone is read as before `\s*$` (`$`
    /// also matches before a final newline): it ends there too when its last byte is not a space.
    enum Anchor: UInt8 {
        case start = 1, afterSpace, afterNonWord

        /// Whether the `\s*` / `\W*` before the literal may consume byte `b`.
        func skips(_ b: UInt8) -> Bool {
            switch self {
            case .start: return false
            case .afterSpace: return b >= 0x80 || b == 0x20 || (b >= 0x09 && b <= 0x0D)
            case .afterNonWord:
                return b >= 0x80 || !Edges.isWord(b)
            }
        }

        /// The anchor of a tagged literal and its bytes; nil for a literal that may occur anywhere.
        static func of(_ literal: Literal) -> (Anchor, ArraySlice<UInt8>)? {
            guard literal.count > 2, literal[0] == 0, let a = Anchor(rawValue: literal[1]) else { return nil }
            return (a, literal[2...])
        }

        /// The anchor of a literal tagged to end the line, and its bytes.
        static func ofEnd(_ literal: Literal) -> (Anchor, ArraySlice<UInt8>)? {
            guard literal.count > 2, literal[0] == 0, literal[1] & 0xF0 == 0x20, let a = Anchor(rawValue: literal[1] & 0x0F),
                  a != .start else { return nil }
            return (a, literal[2...])
        }
    }

    /// Where a literal must stand at a word's edge: the byte before it (`before`) or after it
    /// (`after`), when the line has one, is not an ASCII word character (`[0-9A-Za-z_]`; a
    /// non-ASCII byte may end or start a non-word character, so it passes). Holds wherever the
    /// pattern has `\b`, `\s` or `\W` there and the literal's own byte there is an ASCII word
    /// character. The scan finds such a literal by its bytes and marks it only where its edges
    /// hold (`ws_mark_events` in scan.c). Stored behind the tag bytes
    /// `[0, 0x10 | edges]`.
    struct Edges: OptionSet, Hashable {
        let rawValue: UInt8
        static let before = Edges(rawValue: 1), after = Edges(rawValue: 2)
        /// Before the literal, past any ASCII spaces, `,` and `.`, the line has an ASCII digit or
        /// a byte that is not ASCII (it may end a Unicode digit or space): the literal follows a
        /// number, as the unit in `\d[\d,.]*\s*(k|%)` does (`numberBefore`).
        static let number = Edges(rawValue: 4)

        /// Whether byte `b` may belong to a `numberish` piece (`Info`): a digit, `,`, `.`, a space.
        static func isNumber(_ b: UInt8) -> Bool {
            b >= 0x80 || b &- 0x30 < 10 || isSeparator(b)
        }

        /// An ASCII space, `,` or `.`: what `numberBefore` steps over.
        @inline(__always)
        static func isSeparator(_ b: UInt8) -> Bool {
            b == 0x2C || b == 0x2E || b == 0x20 || (b >= 0x09 && b <= 0x0D)
        }

        /// Whether `number` holds for a literal at `s` in `line`.
        @inline(__always)
        static func numberBefore(_ s: Int, in line: UnsafeBufferPointer<UInt8>) -> Bool {
            var j = s &- 1
            while j >= 0 && isSeparator(line[j]) { j &-= 1 }
            return j >= 0 && (line[j] >= 0x80 || line[j] &- 0x30 < 10)
        }

        static func isWord(_ b: UInt8) -> Bool {
            (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F
        }

        /// `literal` (untagged) with the edges that its own first and last bytes allow. A literal
        /// under three bytes when it follows a number (`number`): the scan looks for those
        /// after its loop, in the lines with a digit (`Prefilter.markShortPlaced`); or when it is
        /// a whole word of ASCII letters and digits (both edges: `\bu\b`, `\bgo\b`), which the
        /// line's bits of short words settle (`ShortWords`, step 300). With one edge alone they
        /// are found without their place (a pair would have to be looked up at each of its
        /// places, not once a line: common pairs, "to", "in", cost more in the scan than their
        /// edges saved in PCRE2).
        static func tag(_ literal: Literal, _ edges: Edges) -> Literal {
            guard !literal.isEmpty, literal[0] != 0 else { return literal }
            if literal.count < 3 && !edges.contains(.number) {
                guard edges.isSuperset(of: [.before, .after]), literal.allSatisfy(ShortWords.isRunByte) else { return literal }
                return [0, 0x10 | Edges([.before, .after]).rawValue] + literal
            }
            var kept: Edges = edges.intersection(.number)
            if edges.contains(.before) && isWord(literal[0]) { kept.insert(.before) }
            if edges.contains(.after) && isWord(literal[literal.count - 1]) { kept.insert(.after) }
            return kept.isEmpty ? literal : [0, 0x10 | kept.rawValue] + literal
        }

        /// The bytes of a whole word of one or two bytes (`tag`), nil for any other literal.
        static func wholeWord(_ literal: Literal) -> ArraySlice<UInt8>? {
            guard let (e, bytes) = of(literal), bytes.count <= 2, !e.contains(.number) else { return nil }
            return bytes
        }

        /// The edges of a tagged literal and its bytes; nil for a literal without edges.
        static func of(_ literal: Literal) -> (Edges, ArraySlice<UInt8>)? {
            guard literal.count > 2, literal[0] == 0, literal[1] & 0xF0 == 0x10 else { return nil }
            return (Edges(rawValue: literal[1] & 7), literal[2...])
        }
    }

    /// Exact sets grow by cross products; beyond this size only requirements are kept.
    static let maxExact = 64
    /// Alternatives multiply in a concatenation; beyond this many only the best set is kept.
    static let maxAlternatives = 16

    struct Unsupported: Error {}

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        /// Set by `sequence` for the atom it reads next: it starts right after a word's edge.
        var startsAtEdge = false
        /// Set by `sequence` for the atom it reads next: it starts right after a leading `^`,
        /// `^\s*` or `^\W*` (the anchor its literals would have).
        var startsAtAnchor: Anchor?
        /// The context of the sequence being read (its `edges` after, its `end`): a group that
        /// ends the sequence ends where it does.
        var sequenceEdgeAfter = false
        var sequenceEnd: Anchor?
        /// The pattern is compiled caseless, and no `(?-i:` group is open where the parser reads.
        var caseless: Bool
        /// Runs of plain characters are read as one piece (`plainRun`).
        var mergesRuns = true
        init(_ s: [Unicode.Scalar], caseless: Bool = false) { self.s = s; self.caseless = caseless }

        var atEnd: Bool { i >= s.count }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        /// `edges`: the word's edges the alternation stands between; `end`: the suffix before the
        /// line's end that follows it (`group`).
        mutating func alternation(edges: Edges = [], end: Anchor? = nil, start: Anchor? = nil) throws -> Info {
            var branches = [try sequence(edges: edges, end: end, start: start)]
            while peek() == "|" { i += 1; branches.append(try sequence(edges: edges, end: end, start: start)) }
            if branches.count == 1 { return branches[0] }
            return Parser.merged(branches, end: end)
        }

        /// An alternation of `branches` (two or more), which stand before `end` (`alternation`).
        static func merged(_ branches: [Info], end: Anchor?) -> Info {
            var exact: Set<Literal>? = []
            var required: Set<Literal>? = []
            for b in branches {
                if let e = b.exact, let x = exact, x.count + e.count <= maxExact { exact = x.union(e) } else { exact = nil }
                if let r = b.requirement, let x = required { required = x.union(r) } else { required = nil }
            }
            var alternatives = branches.flatMap(\.branches)
            // Alternatives of one set each are one set: "A or B" holds when a literal of A∪B is present.
            let single = alternatives.filter { $0.count == 1 }
            if single.count > 1 {
                alternatives = alternatives.filter { $0.count != 1 } + [[single.reduce(into: Set<Literal>()) { $0.formUnion($1[0]) }]]
            }
            if alternatives.contains(where: \.isEmpty) { alternatives = [[]] } else if alternatives.count > maxAlternatives {
                alternatives = required.map { [[$0]] } ?? [[]]
            }
            var info = Info(exact: exact, required: exact == nil ? required : nil, alternatives: alternatives)
            info.edges = branches.reduce(Edges([.before, .after])) { $0.intersection($1.edges) }
            info.edgeOut = branches.reduce(EdgeOut.yes) { $0.or(EdgeOut.of($1)) }
            info.end = branches.allSatisfy { $0.end == end } ? end : nil
            return info
        }

        /// A concatenation: runs of exact pieces multiply out; the best literal set of the runs
        /// and of the other pieces is the requirement.
        /// `start`: the sequence starts where a leading `^` (`^\s*`, `^\W*`) of the enclosing
        /// sequence put it (`group`).
        mutating func sequence(edges: Edges = [], end: Anchor? = nil, start: Anchor? = nil) throws -> Info {
            let outer = (edgeAfter: sequenceEdgeAfter, end: sequenceEnd)
            (sequenceEdgeAfter, sequenceEnd) = (edges.contains(.after), end)
            defer { (sequenceEdgeAfter, sequenceEnd) = outer }
            var run: Set<Literal> = [[]]
            var allExact = true
            var candidates: [Set<Literal>] = []
            var alternatives: [[Set<Literal>]] = [[]]
            // The run right after a leading `^` (and `\s*` or `\W*`) is anchored there.
            var anchor: Anchor? = start
            var atStart = true
            // Whether the run starts right after a word's edge (a `\b`, `\s`, `\W`), and
            // whether one follows it so far: its literals are then found only there (`Edges`).
            var edgeBefore = edges.contains(.before), edgeAfter = false
            // Whether the text so far ends with a `number` piece then only `numberish` ones
            // (`numberBefore`), and whether it did where the run started (`numberRun`).
            var numberBefore = false, numberRun = false
            // What the pieces so far do to the edge before the next literal (`EdgeOut`), and
            // whether that edge holds here: right after the run's strings (each ends with a byte
            // that is not a word character, or is empty where the run started at an edge).
            var out = EdgeOut.same
            func edgeHere() -> Bool {
                run.allSatisfy { $0.isEmpty ? edgeBefore : !Edges.isWord($0[$0.count - 1]) }
            }
            // `lineEnd`: the run ends the line before a suffix that it skips.
            func flush(lineEnd: Anchor? = nil) {
                defer { anchor = nil; edgeBefore = false; edgeAfter = false; numberRun = false }
                guard !run.contains([]) else { return }
                let edges: Edges = [edgeBefore ? .before : [], edgeAfter ? .after : [], numberRun ? .number : []]
                let set = Info.tagged(run, start: anchor, end: lineEnd, edges: edges)
                candidates.append(set)
                alternatives = alternatives.map { $0 + [set] }
            }
            while let c = peek(), c != "|", c != ")" {
              startsAtEdge = edgeHere()
              startsAtAnchor = Parser.isEmptyString(run) ? anchor : nil
              let pieceStart = i
              for (n, piece) in try quantified().enumerated() {
                defer { atStart = false }
                if let asserted = piece.asserted {
                    // Required like any piece's literals, without ending the run around it.
                    allExact = false
                    if asserted.count == 1 { candidates += asserted[0] }
                    let other = alternatives.count * asserted.count > maxAlternatives ? [[]] : asserted
                    alternatives = alternatives.flatMap { a in other.map { a + $0 } }
                    continue
                }
                // The line's start, and what `\s*` or `\W*` skips after it, is a word's edge.
                if atStart && piece.isStart { anchor = .start; numberBefore = false; edgeBefore = true; out = .yes; continue }
                if anchor == .start && Parser.isEmptyString(run), let skip = piece.skips {
                    anchor = skip; allExact = false; edgeBefore = true; out = .yes; continue
                }
                if piece.isBoundary {
                    if Parser.isEmptyString(run) { edgeBefore = true } else { edgeAfter = true }
                    out = .yes
                    continue
                }
                if piece.notAfterWord {
                    if Parser.isEmptyString(run) { edgeBefore = true }
                    out = .yes
                    continue
                }
                // What follows is no word character: the run's strings end at an edge. (Before a
                // literal it says nothing of the byte before it.)
                if piece.notBeforeWord {
                    if !Parser.isEmptyString(run) { edgeAfter = true }
                    continue
                }
                if piece.isEnd {
                    if !Parser.isEmptyString(run) {
                        allExact = false
                        edgeAfter = true
                        flush(lineEnd: .afterSpace)
                        run = [[]]
                    }
                    continue
                }
                if let e = piece.exact {
                    if Parser.isEmptyString(e) { continue }  // zero-width: `$`, a negative assertion, `\K`...
                    defer { numberBefore = false }
                    out = out.then(EdgeOut.of(piece))
                    if run.count * e.count <= maxExact {
                        if Parser.isEmptyString(run) { numberRun = numberBefore }
                        if Parser.isEmptyString(run) && piece.edges.contains(.before) { edgeBefore = true }
                        // The empty run times e is e: no strings and no set to build (step 662).
                        run = Parser.isEmptyString(run) ? e : Set(run.flatMap { a in e.map { a + $0 } })
                        edgeAfter = piece.edges.contains(.after)
                    } else {
                        allExact = false
                        let entering = edgeHere()
                        flush()
                        run = e
                        numberRun = numberBefore
                        edgeBefore = entering || piece.edges.contains(.before)
                    }
                } else {
                    allExact = false
                    // A digit right after the leading `^`, `^\s*` or `^\W*`: anchored there. Else
                    // a digit right before `$`, `\s*$` or `\W*$` (here, or where the sequence
                    // ends before such a suffix): anchored to the line's end (the mirror).
                    var anchored: Set<Literal>?
                    if piece.requiredAtStart, Parser.isEmptyString(run), let anchor, let r = piece.requirement {
                        anchored = Info.placed(r, start: anchor, end: nil) { $0 }
                    } else if piece.requiredAtStart, let r = piece.requirement,
                              let lineEnd = followedByLineEnd() ?? (peek() == nil || peek() == "|" || peek() == ")" ? sequenceEnd : nil) {
                        anchored = Info.placed(r, start: nil, end: lineEnd) { $0 }
                    }
                    // The run ends where the atom starts (not after an exact head it joined).
                    if piece.isNonWord || (n == 0 && edgeAhead(pieceStart, then: sequenceEdgeAfter)) { edgeAfter = true }
                    let entering = edgeHere()
                    out = out.then(EdgeOut.of(piece))
                    flush(lineEnd: peek() == "$" ? piece.skips : nil)
                    edgeBefore = piece.isNonWord || EdgeOut.of(piece).applied(to: entering)
                    numberBefore = piece.number || (piece.numberish && numberBefore)
                    if let r = anchored ?? piece.requirement { candidates.append(r) }
                    var other = anchored.map { [[$0]] } ?? piece.branches
                    if alternatives.count * other.count > maxAlternatives { other = piece.requirement.map { [[$0]] } ?? [[]] }
                    alternatives = alternatives.flatMap { a in other.map { a + $0 } }
                    run = [[]]
                }
              }
            }
            if edges.contains(.after) { edgeAfter = true }
            if allExact {
                var info = Info(exact: run, required: nil)
                info.edges = [edgeBefore ? .before : [], edgeAfter ? .after : []]
                info.end = Parser.isEmptyString(run) ? nil : end
                info.start = Parser.isEmptyString(run) ? nil : anchor
                info.edgeOut = out
                return info
            }
            flush(lineEnd: end)
            var info = Info(exact: nil, required: candidates.max(by: Parser.worse), alternatives: alternatives)
            info.edgeOut = out
            return info
        }

        /// Whether `set` is `[[]]`, the empty string alone (without building that set to compare).
        static func isEmptyString(_ set: Set<Literal>) -> Bool {
            set.count == 1 && set.first!.isEmpty
        }

        /// Longer shortest literal first (rarer in text), then fewer literals.
        static func worse(_ a: Set<Literal>, _ b: Set<Literal>) -> Bool {
            func length(_ l: Literal) -> Int { Anchor.of(l) == nil ? untagged(l).count : l.count }
            let la = a.map(length).min() ?? 0, lb = b.map(length).min() ?? 0
            return la != lb ? la < lb : a.count > b.count
        }

        /// An atom and its quantifier, as pieces of the concatenation: `x{2,}` is `xx` then
        /// something unknown, so its exact head can join the literals before it.
        mutating func quantified() throws -> [Info] {
            if mergesRuns, let word = plainRun() { return [word] }
            let atom = try self.atom()
            guard let (low, high) = try quantifier() else { return [atom] }
            if peek() == "?" || peek() == "+" { i += 1 }  // lazy or possessive: same strings
            if low == 1 && high == 1 { return [atom] }
            if low == 0 {
                if high == 1, let e = atom.exact, e.count < maxExact { return [Info(exact: e.union([[]]), required: nil)] }
                var any = Info.unknown
                if high == nil { any.skips = atom.skipClass }
                any.numberish = atom.numberish
                // No repetition, or each ends as the atom does.
                any.edgeOut = EdgeOut.of(atom).or(.same)
                return [any]
            }
            if let e = atom.exact {
                var head = e
                for _ in 1..<low where head.count * e.count <= maxExact { head = Set(head.flatMap { a in e.map { a + $0 } }) }
                var rest = Info.unknown
                rest.edgeOut = EdgeOut.of(atom).or(.same)
                return [Info(exact: head, required: nil), rest]
            }
            var repeated = Info(exact: nil, required: atom.requirement, alternatives: atom.branches)
            repeated.isNonWord = atom.isNonWord
            repeated.edgeOut = EdgeOut.of(atom)
            repeated.number = atom.number
            repeated.numberish = atom.numberish
            repeated.requiredAtStart = atom.requiredAtStart
            return [repeated]
        }

        /// Two or more plain ASCII characters from here, none of them quantified (`faceb` of
        /// `facebook?`), read as one exact piece: `sequence` multiplies its run by each
        /// character's piece in turn, the same strings and edges, a set built per character
        /// (most of a pattern's characters; step 614 in docs/performance.md). Nil, and nothing
        /// read, when fewer than two stand here.
        mutating func plainRun() -> Info? {
            func plain(_ k: Int) -> Bool {
                guard k < s.count, s[k].isASCII else { return false }
                switch s[k] {
                case "(", ")", "[", "\\", "^", "$", ".", "|", "*", "+", "?", "{": return false
                default: return true
                }
            }
            func quantified(_ k: Int) -> Bool {
                k + 1 < s.count && (s[k + 1] == "?" || s[k + 1] == "*" || s[k + 1] == "+" || s[k + 1] == "{")
            }
            var end = i
            while plain(end) && !quantified(end) { end += 1 }
            guard end - i >= 2 else { return nil }
            let bytes = s[i..<end].map { c in
                let b = UInt8(c.value)
                return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            i = end
            return Info(exact: [bytes], required: nil)
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
            case "^":
                var start = Info.empty
                start.isStart = true
                return start
            case "$":
                var end = Info.empty
                end.isEnd = true
                return end
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
                guard RequiredLiterals.caselessSingletons.contains(c) else {
                    // Its bytes (and those of its caseless partners) are not ASCII, so a literal
                    // right after it has no ASCII word character before it: "crit" in `écrit`.
                    // Not the long s and the Kelvin sign, which match ASCII letters.
                    var other = Info.unknown
                    if c != "\u{17F}" && c != "\u{212A}" { other.edgeOut = .yes }
                    return other
                }
                return Info(exact: [Array(String(c).utf8)], required: nil)
            }
            let b = UInt8(c.value)
            return Info(exact: [[b >= 0x41 && b <= 0x5A ? b | 0x20 : b]], required: nil)
        }

        /// Whether a word's edge follows `position` (default: here): `\b`, `$`, or a `\s` or
        /// `\W` that is not optional.
        func followedByEdge(at position: Int? = nil) -> Bool {
            let k = position ?? i
            func at(_ d: Int) -> Unicode.Scalar? { k + d < s.count ? s[k + d] : nil }
            if at(0) == "$" { return true }
            guard at(0) == "\\", let e = at(1) else { return false }
            if e == "b" { return true }
            return (e == "s" || e == "W") && !["?", "*", "{"].contains(at(2))
        }

        /// Whether every match of the pattern from `k` on begins with a word's edge for a literal
        /// that ends right before `k`: a byte that is not an ASCII word character (`\s`, `\W`, a
        /// punctuation or non-ASCII character, a class of those), a `\b`, or `$`. Pieces that may
        /// match nothing (`\s*`, `,?`, a lookaround, `(\s+to)?` whose every branch begins so) are
        /// looked past; where the sequence ends (`|` or `)` at this level), `then` decides (the
        /// enclosing context: whether an edge follows the sequence). So `sub(\s+to)?\s+` gives "sub" its `after` edge (step 252).
        /// A syntactic look ahead, as `guessClose`: anything it does not know is no edge.
        func edgeAhead(_ k: Int, then: Bool) -> Bool {
            guard k < s.count else { return false }
            /// Where a quantifier at `j` ends, and whether it allows no repetition.
            func quantifier(at j: Int) -> (end: Int, zero: Bool) {
                guard j < s.count else { return (j, false) }
                var e = j, zero = false
                switch s[j] {
                case "?", "*": e = j + 1; zero = true
                case "+": e = j + 1
                case "{":
                    var m = j + 1
                    while m < s.count, s[m] != "}" { m += 1 }
                    guard m < s.count else { return (j, false) }
                    let low = String(String.UnicodeScalarView(s[(j + 1)..<m])).split(separator: ",", omittingEmptySubsequences: false).first
                    guard let low, let n = Int(low) else { return (j, false) }
                    e = m + 1; zero = n == 0
                default: return (j, false)
                }
                if e < s.count, s[e] == "?" || s[e] == "+" { e += 1 }
                return (e, zero)
            }
            /// A piece from `k` to `end`: `edge` when it matches at least one character, each match
            /// beginning with a non-word byte.
            func piece(end: Int, edge: Bool) -> Bool {
                let (after, zero) = quantifier(at: end)
                return zero ? edge && edgeAhead(after, then: then) : edge
            }
            func nonWord(_ c: Unicode.Scalar) -> Bool {
                c.isASCII ? !Edges.isWord(UInt8(c.value)) : c != "\u{17F}" && c != "\u{212A}"
            }
            switch s[k] {
            case "|", ")": return then
            case "$": return true
            case "^", ".": return false
            case "\\":
                guard k + 1 < s.count else { return false }
                let e = s[k + 1]
                if e == "b" { return true }
                if e == "s" || e == "W" { return piece(end: k + 2, edge: true) }
                guard !(e.isASCII && (e.properties.isAlphabetic || e.properties.numericType != nil)) else { return false }
                return piece(end: k + 2, edge: nonWord(e))
            case "[":
                var p = self
                p.i = k + 1
                guard let info = try? p.charClass() else { return false }
                let edge = info.isNonWord || (info.exact.map { !$0.isEmpty && $0.allSatisfy { !$0.isEmpty && $0[0] >= 0x80 || ($0.first.map { !Edges.isWord($0) } ?? false) } } ?? false)
                return piece(end: p.i, edge: edge)
            case "(":
                var body = k + 1
                var zeroWidth = false
                if body < s.count, s[body] == "?" {
                    guard body + 1 < s.count else { return false }
                    switch s[body + 1] {
                    case ":", ">": body += 2
                    case "=", "!": body += 2; zeroWidth = true
                    case "<":
                        guard body + 2 < s.count else { return false }
                        if s[body + 2] == "=" || s[body + 2] == "!" { body += 3; zeroWidth = true } else {
                            body += 2
                            while body < s.count, s[body] != ">" { body += 1 }
                            body += 1
                        }
                    default: return false
                    }
                }
                guard let close = guessClose(from: body) else { return false }
                let (after, zero) = quantifier(at: close + 1)
                if zeroWidth { return edgeAhead(after, then: then) }
                // Each branch, then what follows the group; and the empty path when it is optional.
                var starts = [body], j = body, depth = 0
                while j < close {
                    switch s[j] {
                    case "\\": j += 1
                    case "[":
                        j += 1
                        if j < close && s[j] == "^" { j += 1 }
                        var first = true
                        while j < close && (s[j] != "]" || first) {
                            first = false
                            if s[j] == "\\" { j += 1 }
                            j += 1
                        }
                    case "(": depth += 1
                    case ")": depth -= 1
                    case "|" where depth == 0: starts.append(j + 1)
                    default: break
                    }
                    j += 1
                }
                let next = edgeAhead(after, then: then)
                if zero && !next { return false }
                return starts.allSatisfy { edgeAhead($0, then: next) }
            default:
                return piece(end: k + 1, edge: nonWord(s[k]))
            }
        }

        /// The suffix before the line's end that follows here: `$` (read as `\s*$`), `\s*$` or `\W*$`.
        func followedByLineEnd(at position: Int? = nil) -> Anchor? {
            let k = position ?? i
            func at(_ d: Int) -> Unicode.Scalar? { k + d < s.count ? s[k + d] : nil }
            if at(0) == "$" { return .afterSpace }
            guard at(0) == "\\", at(2) == "*", at(3) == "$" else { return nil }
            return at(1) == "s" ? .afterSpace : at(1) == "W" ? .afterNonWord : nil
        }

        /// The word's edges and line end a group closing at `close` stands between, when it is
        /// read with them (not repeated, not optional, not an assertion; at an edge or before the
        /// line's end): see `group`. Nil when it is read without.
        func groupContext(closingAt close: Int, atEdge: Bool, zeroWidth: Bool, atAnchor: Anchor? = nil) -> GroupContext? {
            let next = close + 1 < s.count ? s[close + 1] : nil
            guard !zeroWidth else { return nil }
            if ["?", "*", "+", "{"].contains(next) {
                // Repeated at least once: the first repetition starts where the group does, so the
                // literals it requires keep the edge before it and the anchor (not what follows:
                // another repetition may).
                guard repeatsAtLeastOnce(quantifierAt: close + 1), atEdge || atAnchor != nil else { return nil }
                return GroupContext(edges: atEdge ? .before : [], end: nil, start: atAnchor)
            }
            let last = next == nil || next == "|" || next == ")"
            let after = followedByEdge(at: close + 1) || (last && sequenceEdgeAfter) || edgeAhead(close + 1, then: sequenceEdgeAfter)
            let end = followedByLineEnd(at: close + 1) ?? (last ? sequenceEnd : nil)
            guard atEdge || after || end != nil || atAnchor != nil else { return nil }
            return GroupContext(edges: [atEdge ? .before : [], after ? .after : []], end: end, start: atAnchor)
        }

        /// Whether the quantifier at `k` is `+` or `{n}`, `{n,}`, `{n,m}` with n at least 1
        /// (lazy or possessive alike).
        func repeatsAtLeastOnce(quantifierAt k: Int) -> Bool {
            guard k < s.count else { return false }
            if s[k] == "+" { return true }
            guard s[k] == "{" else { return false }
            var j = k + 1, low = 0, digits = 0
            while j < s.count, s[j].value >= 0x30, s[j].value <= 0x39 { low = low * 10 + Int(s[j].value - 0x30); j += 1; digits += 1 }
            guard digits > 0, low >= 1, j < s.count, s[j] == "}" || s[j] == "," else { return false }
            return true
        }

        struct GroupContext: Equatable {
            let edges: Edges
            let end: Anchor?
            /// The group starts at a leading `^` (`^\s*`, `^\W*`): so does each of its branches.
            let start: Anchor?
        }

        /// Where the group whose body starts at `k` closes, by a quick read of escapes, classes
        /// and nested groups: a guess, so that `group` reads its body once, with the edges the
        /// close gives, instead of once without and again with them (twice at every level of
        /// nesting: the rules' nested groups made loading them take most of Winnow's start-up).
        /// `group` checks the guess against where the parser closes.
        func guessClose(from k: Int) -> Int? { GroupClose.index(in: s, bodyStart: k) }

        mutating func group() throws -> Info {
            let atEdge = startsAtEdge
            startsAtEdge = false
            let atAnchor = startsAtAnchor
            startsAtAnchor = nil
            var zeroWidth = false, positive = false, behind = false, caseOff = false
            if peek() == "?" {
                switch (peek(1), peek(2)) {
                case (":", _), (">", _): i += 2
                // Case on or off for the group: the scan compares literals ASCII-caselessly and
                // folds the two non-ASCII partners anyway, so the group's literals stay required.
                case ("i", ":"): i += 3
                case ("-", "i") where peek(3) == ":": i += 4; caseOff = true
                case ("=", _), ("!", _): positive = peek(1) == "="; i += 2; zeroWidth = true
                case ("<", "="), ("<", "!"): positive = peek(2) == "="; i += 3; zeroWidth = true; behind = true
                case ("<", _), ("P", "<"), ("'", _):
                    i += peek(1) == "P" ? 3 : 2
                    let close: Unicode.Scalar = s[i - 1] == "'" ? "'" : ">"
                    while let c = peek(), c != close { guard c.properties.isAlphabetic || c == "_" || c.properties.numericType != nil else { throw Unsupported() }; i += 1 }
                    guard peek() == close else { throw Unsupported() }
                    i += 1
                default: throw Unsupported()  // inline options, conditionals, recursion, ...
                }
            }
            // A group (not repeated, not optional) between word edges, or before the line's end,
            // is read with them, so that the literals at its ends, in branches that are not exact,
            // get them too. One that ends its sequence ends where the sequence does. What follows
            // the group is known only at its close: read with the guessed close's context, and
            // again if the parser closed elsewhere with another context.
            let start = i
            let outerCaseless = caseless
            if caseOff { caseless = false }
            defer { caseless = outerCaseless }
            let guessed = guessClose(from: start).flatMap { groupContext(closingAt: $0, atEdge: atEdge, zeroWidth: zeroWidth, atAnchor: atAnchor) }
            var inner = try alternation(edges: guessed?.edges ?? [], end: guessed?.end, start: guessed?.start)
            guard peek() == ")" else { throw Unsupported() }
            let context = groupContext(closingAt: i, atEdge: atEdge, zeroWidth: zeroWidth, atAnchor: atAnchor)
            i += 1
            if context != guessed {
                let close = i
                i = start
                inner = try alternation(edges: context?.edges ?? [], end: context?.end, start: context?.start)
                i = close
            }
            guard zeroWidth else { return inner }
            // `(?<!\w)`, or a class holding `\w` (not negated): no ASCII word character before;
            // `(?!\w)` and the like: none after (any other character's bytes are no ASCII word
            // characters either, and the line's end passes the edge test).
            // The class's `\w` is an escape, not a `\\` then `w` (`[\\w]`: a backslash or "w").
            if !positive {
                let body = String(String.UnicodeScalarView(s[start..<i - 1]))
                // Caseless, `[a-z0-9_]` is `[A-Za-z0-9_]` (and the Kelvin sign and long s, whose
                // bytes pass the edge test anyway): every ASCII word character.
                if body == "\\w" || (caseless && body == "[a-z0-9_]") || (body.hasPrefix("[") && !body.hasPrefix("[^") && body.hasSuffix("]") && Self.classHasWordEscape(body)
                                      && !body.dropFirst().dropLast().contains { $0 == "[" || $0 == "]" }) {
                    var info = Info.empty
                    if behind { info.notAfterWord = true } else { info.notBeforeWord = true }
                    return info
                }
            }
            // A positive assertion's text must be in the line where it holds (a negative one
            // requires nothing).
            var info = Info.empty
            if positive, inner.branches != [[]] { info.asserted = inner.branches }
            return info
        }

        /// Whether a class's source (`[...]`) holds the escape `\w`: a `w` after an odd number of
        /// backslashes.
        static func classHasWordEscape(_ body: String) -> Bool {
            var escaped = false
            for c in body.unicodeScalars {
                if escaped {
                    if c == "w" { return true }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                }
            }
            return false
        }

        mutating func escape() throws -> Info {
            guard let c = peek() else { throw Unsupported() }
            i += 1
            switch c {
            // `\K` moves the reported start only: the line must still hold all the pattern needs
            // (`Prefilter.splitAlternatives` does not split a pattern with it).
            case "b":
                var boundary = Info.empty
                boundary.isBoundary = true
                return boundary
            case "B", "A", "z", "Z", "G", "K": return .empty
            case "d":
                var digit = Info(exact: nil, required: Set(RequiredLiterals.digitBytes.map { [$0] }))
                digit.number = true
                digit.numberish = true
                digit.requiredAtStart = true
                return digit
            case "s", "W":
                var info = Info.unknown
                info.skipClass = c == "s" ? .afterSpace : .afterNonWord
                info.isNonWord = true
                info.edgeOut = .yes
                info.numberish = c == "s"
                return info
            case "D", "S", "w", "h", "H", "v", "V", "R", "X", "N": return .unknown
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
            // Only digits, `,`, `.` and spaces (`Info.numberish`): no negation or escape (a small
            // range is read as its members, step 771); a digit among them (`Info.number`).
            var number = peek() != "^", digit = false, sawSpaceClass = false
            // Only `\s`, `\W` and ASCII characters that are not word characters, no negation or
            // range: each character it matches is not a word character (`Info.isNonWord`).
            var nonWord = peek() != "^"
            if peek() == "^" { plain = false; i += 1 }
            var first = true
            // The last member read was a plain character (a range may start at it), and a range
            // was read as its members (`[0-9]`, `[a-c]`: step 771).
            var lastPlain = false, ranged = false
            while let c = peek(), c != "]" || first {
                first = false
                i += 1
                defer { if c == "\\" || c == "-" { lastPlain = false } }
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
                        if e != "s" && e != "W" { nonWord = false }
                        if e != "d" && e != "s" { number = false }
                        if e == "d" { digit = true }
                        if e == "s" { sawSpaceClass = true }
                    } else {
                        members.append(e)
                    }
                } else if c == "-" && !members.isEmpty && peek() != "]" {
                    // A range between two plain ASCII characters of at most `maxRange` members
                    // is those members; any other range makes the class unknown.
                    if lastPlain, let low = members.last, let high = peek(), high != "\\", high != "[", low.isASCII, high.isASCII,
                       low.value <= high.value, high.value - low.value < UInt32(RequiredLiterals.maxRange) {
                        i += 1
                        members.removeLast()
                        members += (low.value...high.value).map { Unicode.Scalar($0)! }
                        ranged = true
                        continue
                    }
                    plain = false  // a range
                    number = false
                    nonWord = false
                } else {
                    members.append(c)
                    lastPlain = true
                }
            }
            guard peek() == "]" else { throw Unsupported() }
            i += 1
            number = number && members.allSatisfy { $0.isASCII && Edges.isNumber(UInt8($0.value)) }
            let digitsOnly = number && (digit || !members.isEmpty) && members.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
                && !sawSpaceClass
            nonWord = nonWord && members.allSatisfy { $0.isASCII && !Edges.isWord(UInt8($0.value)) }
            guard plain, members.count <= (ranged ? RequiredLiterals.maxRange : 8) else {
                var info = Info.unknown
                info.numberish = number
                info.number = digitsOnly
                if nonWord {
                    info.isNonWord = true
                    info.edgeOut = .yes
                }
                return info
            }
            var exact: Set<Literal> = []
            for m in members {
                guard let e = Parser.char(m).exact else { return .unknown }
                exact.formUnion(e)
            }
            return Info(exact: exact, required: nil)
        }
    }
}
