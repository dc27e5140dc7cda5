/// Plain word lists grouped by their first letters when a rule loads, before PCRE2 compiles its
/// pattern: a rule file says `(facebook|twitter|tweet|flipboard|telegram)`, PCRE2 compiles
/// `(f(?:acebook|lipboard)|t(?:w(?:itter|eet)|elegram))`. PCRE2's JIT code tries a list's words
/// one after another, and on a line where none fits, each word's compare of its first character
/// stands in a cache line of its own; grouped, a call reads one compare per letter (step 570 in
/// docs/performance.md, where session 24 wrote nine rules' lists so by hand; step 610 moved it
/// here, so that rule files keep their lists readable).
///
/// The same pattern: only words of the letter that stands at a place can match there, and they
/// are tried in their written order, so PCRE2 finds the same match with the same groups. What is
/// grouped: in each group's alternatives (never the pattern's top level, which the prefilter
/// splits), a run of alternatives that are each a plain word (ASCII letters, digits, `'`, `-`),
/// up to an alternative of another kind (`google\+?`, `pin\s+it`, `février`), which stays in its
/// place. Within a run, the words of one first character are pulled up to the first of them,
/// then grouped by their second character the same way (`w(?:as|h(?:ich|o))`), or share a
/// two-letter prefix when all have it (`ye(?:s|ah|p)`). A word is never moved past one whose
/// first character is the same letter in the other case (`(?i)` may be in force), and no group
/// gets an empty alternative (`a|al|ao` stays as written). The pass adds only non-capturing
/// groups, so group numbers and names stay. A pattern it does not read (`\Q`, `(*VERB)`, `(?x)`,
/// subroutine calls) is compiled as written.
enum WordGroups {
    /// `source` with its plain word lists grouped; `source` itself when there is none, or when it
    /// holds syntax the pass does not read.
    static func grouped(_ source: String) -> String {
        // Most patterns hold no alternation inside a group: nothing to do, nothing to parse.
        guard source.utf8.contains(UInt8(ascii: "|")) else { return source }
        var reader = Reader(Array(source.utf8))
        guard let out = reader.alternation(grouping: false), reader.atEnd, out != reader.s else { return source }
        return String(decoding: out, as: UTF8.self)
    }

    /// A plain word: ASCII letters, digits, `'` and `-`, nothing PCRE2 reads as syntax.
    static func isPlainWord(_ w: [UInt8]) -> Bool {
        !w.isEmpty && w.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x27 || b == 0x2D
        }
    }

    /// The alternatives of one group (`alternatives` in their written order) with each run of
    /// plain words grouped.
    static func grouping(_ alternatives: [[UInt8]]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var run: [[UInt8]] = []
        for alternative in alternatives {
            if isPlainWord(alternative) {
                run.append(alternative)
            } else {
                out += group(run, depth: 0)
                run = []
                out.append(alternative)
            }
        }
        return out + group(run, depth: 0)
    }

    /// A run of plain words (or of their remainders past the first letter, `depth` 1), grouped
    /// by their first byte; each group stands where its first word stood.
    static func group(_ words: [[UInt8]], depth: Int) -> [[UInt8]] {
        guard words.count > 1 else { return words }
        // Buckets of words with the same first byte, by the index of their first word. A word
        // starts a new bucket when a word between it and its bucket's first begins with the same
        // letter in the other case (under `(?i)` both could match at one place).
        var buckets: [(first: Int, members: [Int])] = []
        var open: [UInt8: Int] = [:]
        for (j, word) in words.enumerated() {
            let b = word[0]
            if let k = open[b], !words[buckets[k].first..<j].contains(where: { $0[0] != b && lower($0[0]) == lower(b) }) {
                buckets[k].members.append(j)
            } else {
                open[b] = buckets.count
                buckets.append((j, [j]))
            }
        }
        var placed: [(at: Int, text: [UInt8])] = []
        for bucket in buckets {
            let members = bucket.members.map { words[$0] }
            // One word, or a word that is the letter alone (the group would hold an empty
            // alternative): the words stay where they stand.
            guard members.count > 1, !members.contains(where: { $0.count == 1 }) else {
                placed += bucket.members.map { ($0, words[$0]) }
                continue
            }
            let rests = members.map { Array($0.dropFirst()) }
            var text = [members[0][0]]
            if depth == 0, rests.allSatisfy({ $0.count > 1 && $0[0] == rests[0][0] }) {
                // All share their second letter: one prefix of two letters.
                text.append(rests[0][0])
                text += parenthesised(rests.map { Array($0.dropFirst()) })
            } else {
                text += parenthesised(depth == 0 ? group(rests, depth: 1) : rests)
            }
            placed.append((bucket.first, text))
        }
        return placed.sorted { $0.at < $1.at }.map(\.text)
    }

    static func parenthesised(_ alternatives: [[UInt8]]) -> [UInt8] {
        Array("(?:".utf8) + Array(alternatives.joined(separator: [UInt8(ascii: "|")])) + [UInt8(ascii: ")")]
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// A reader of the pattern's syntax, as far as grouping needs it: escapes, classes, group
    /// openers. It copies every byte, rewriting only groups' alternatives.
    struct Reader {
        let s: [UInt8]
        var i = 0
        /// How many groups are open at `i`.
        var depth = 0
        init(_ s: [UInt8]) { self.s = s }
        var atEnd: Bool { i == s.count }

        /// The alternatives up to the `)` that closes the open group (not consumed) or the
        /// pattern's end, joined by `|`, their plain words grouped when `grouping`; nil on syntax
        /// it does not read. Not grouping: the pattern's top level, and a lookbehind's own
        /// alternatives, which may differ in length there only (`(?<=ab|acd)`: `a(?:b|cd)` would not compile).
        mutating func alternation(grouping: Bool) -> [UInt8]? {
            var alternatives: [[UInt8]] = []
            var current: [UInt8] = []
            loop: while i < s.count {
                let b = s[i]
                switch b {
                case UInt8(ascii: "|"):
                    alternatives.append(current)
                    current = []
                    i += 1
                case UInt8(ascii: ")"):
                    if depth == 0 { return nil }
                    break loop
                case UInt8(ascii: "\\"):
                    guard i + 1 < s.count, s[i + 1] != UInt8(ascii: "Q"), s[i + 1] != UInt8(ascii: "E") else { return nil }
                    current += s[i...i + 1]
                    i += 2
                case UInt8(ascii: "["):
                    guard let end = classEnd(from: i) else { return nil }
                    current += s[i..<end]
                    i = end
                case UInt8(ascii: "("):
                    guard let group = group() else { return nil }
                    current += group
                default:
                    current.append(b)
                    i += 1
                }
            }
            if depth > 0 && i == s.count { return nil }
            alternatives.append(current)
            let written = grouping ? WordGroups.grouping(alternatives) : alternatives
            return Array(written.joined(separator: [UInt8(ascii: "|")]))
        }

        /// The group that opens at `i` with its `)`, its alternatives grouped; nil on an opener
        /// it does not know.
        mutating func group() -> [UInt8]? {
            let start = i
            var lookbehind = false
            i += 1
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "?") {
                i += 1
                guard i < s.count else { return nil }
                switch s[i] {
                case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: ">"), UInt8(ascii: "|"):
                    i += 1
                case UInt8(ascii: "#"):
                    // A comment: copied to its `)`.
                    guard let close = s[i...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
                    i = close + 1
                    return Array(s[start..<i])
                case UInt8(ascii: "<"), UInt8(ascii: "'"), UInt8(ascii: "P"):
                    if s[i] == UInt8(ascii: "P") { i += 1 }
                    guard i < s.count else { return nil }
                    if s[i] == UInt8(ascii: "<"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "=") || s[i + 1] == UInt8(ascii: "!") {
                        i += 2
                        lookbehind = true
                    } else {
                        // A named group: its name runs to `>` or `'`.
                        let close = s[i] == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                        guard s[i] == UInt8(ascii: "<") || s[i] == UInt8(ascii: "'") else { return nil }
                        i += 1
                        while i < s.count, isNameByte(s[i]) { i += 1 }
                        guard i < s.count, s[i] == close else { return nil }
                        i += 1
                    }
                default:
                    // Option letters: `(?-i:` opens a group, `(?i)` sets options and is copied.
                    // `x` makes spaces and `#` mean something else: not read.
                    while i < s.count, isOptionByte(s[i]) {
                        if s[i] == UInt8(ascii: "x") { return nil }
                        i += 1
                    }
                    guard i < s.count, i > start + 2 else { return nil }
                    if s[i] == UInt8(ascii: ")") {
                        i += 1
                        return Array(s[start..<i])
                    }
                    guard s[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                }
            } else if s[i] == UInt8(ascii: "*") {
                return nil
            }
            let opener = s[start..<i]
            depth += 1
            guard let body = alternation(grouping: !lookbehind), i < s.count else { return nil }
            depth -= 1
            i += 1
            return Array(opener) + body + [UInt8(ascii: ")")]
        }

        /// The index past the `]` that closes the class opening at `k`.
        func classEnd(from k: Int) -> Int? {
            var j = k + 1
            if j < s.count, s[j] == UInt8(ascii: "^") { j += 1 }
            if j < s.count, s[j] == UInt8(ascii: "]") { j += 1 }
            while j < s.count {
                switch s[j] {
                case UInt8(ascii: "\\"):
                    j += 2
                case UInt8(ascii: "["):
                    // A POSIX class `[:alpha:]` inside: its `]` does not close.
                    if j + 1 < s.count, s[j + 1] == UInt8(ascii: ":"),
                       let close = s[(j + 2)...].firstIndex(of: UInt8(ascii: "]")) {
                        j = close + 1
                    } else {
                        j += 1
                    }
                case UInt8(ascii: "]"):
                    return j + 1
                default:
                    j += 1
                }
            }
            return nil
        }

        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }

        func isOptionByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "^")
        }
    }
}
