import CPCRE2
import CWinnowScan
import Foundation

/// The first pass's prefilter, and one per word class (`wordClasses`) with only the rules whose
/// feature conditions can hold on a line of that many words. The context rules have none: PCRE2
/// rules their patterns out on the few lines their conditions admit for less than a scan costs
/// (step 344 in docs/performance.md).
public struct Prefilters: Sendable {
    public let firstPass: Prefilter
    /// The first pass's tables by the line's word count: class k holds the lines of
    /// `wordClasses[k].lowest` words up to the next class's lowest less one (the first class
    /// starts at 0, the last has no end). Each class's table has the literals of only the rules
    /// in its `rules` (`mayHold(_:words:)`); a class that keeps every rule shares `firstPass`.
    /// Most of the news pages' bytes are in long lines, and most rules with a pattern have a
    /// `max_words` far below their length (step 150 in docs/performance.md).
    public let wordClasses: [WordClass]
    /// The bits of the whole words of one or two bytes that the first pass's patterns require
    /// (`ShortWords`): `LineFeatures` sets a line's with it, and every table here reads them.
    public let shortWords: ShortWords

    public struct WordClass: Sendable {
        /// The fewest words a line of the class has.
        public let lowest: Int
        public let prefilter: Prefilter
        /// The first-pass rules (by index, in order) whose feature conditions may hold on a line
        /// of the class: every other one fails on each of its lines.
        public let rules: [Int]
    }

    /// The lowest word count of each class after the first (which starts at 0), chosen by
    /// measuring (step 150): lines of up to 12 words, 13 to 20, 21 to 40, and more than 40 (the
    /// commonest `max_words` of the rules with a pattern are 8, 12, 20 and 40).
    static let defaultWordBounds = [13, 21, 41]

    /// `common`: words most lines have (the stop words), which share bits of `shortWords` first.
    /// Nil when the rule set is beyond the tables' 16-bit indices (`fits`): then every pattern
    /// runs in PCRE2, with the same results, instead of a crash at load.
    init?(rules: [Rule], wordBounds: [Int] = Prefilters.defaultWordBounds, common: Set<String> = []) {
        let first = rules.indices.filter { !rules[$0].isContextRule }
        let extraction = Prefilter.Extraction(rules: rules, indices: first)
        guard Prefilters.fits(extraction, rules: rules.count) else { return nil }
        let shortWords = ShortWords(literals: extraction.termLiterals.joined()
            .compactMap { RequiredLiterals.Edges.wholeWord($0).map(Array.init) }, common: common)
        self.shortWords = shortWords
        let full = Prefilter(extraction, indices: first, shortWords: shortWords)
        firstPass = full
        let lowests = [0] + wordBounds.filter { $0 > 0 }.sorted()
        wordClasses = lowests.indices.map { k in
            let words = lowests[k]...(k + 1 < lowests.count ? lowests[k + 1] - 1 : Int.max)
            let kept = first.filter { Prefilters.mayHold(rules[$0], words: words) }
            return WordClass(lowest: lowests[k], prefilter: kept == first ? full : Prefilter(extraction, indices: kept, shortWords: shortWords),
                             rules: kept)
        }
    }

    /// The most rules, branches and literals the tables index, together, well inside the 16-bit
    /// limits of the trigger records, the anchored literals' group starts, the triples and the pair
    /// rows (steps 531 and 533 in docs/performance.md); and the longest literal a gram-table record
    /// holds. The bundled rules use a few thousand.
    static let maxEntries = 30_000, maxLiteralBytes = 60_000

    /// Whether the tables of `extraction` fit `maxEntries` and `maxLiteralBytes`. Every branch and
    /// every literal of every term is counted, so no table the build makes can outgrow its index.
    static func fits(_ extraction: Prefilter.Extraction, rules: Int) -> Bool {
        var entries = rules
        for case let .filtered(required, split) in extraction.entries {
            entries += required.reduce(0) { $0 + $1.count } + (split ?? []).reduce(0) { $0 + $1.required.reduce(0) { $0 + $1.count } }
        }
        for literals in extraction.termLiterals {
            entries += literals.count
            if literals.contains(where: { $0.count > maxLiteralBytes }) { return false }
        }
        return entries <= maxEntries
    }

    private init(firstPass: Prefilter, wordClasses: [WordClass], shortWords: ShortWords) {
        self.shortWords = shortWords
        self.firstPass = firstPass
        self.wordClasses = wordClasses
    }

    /// Copies of this thread's own (see `Pattern.threadCopy`).
    func threadCopy() -> Prefilters {
        let words = shortWords.threadCopy()
        let full = firstPass.threadCopy(shortWords: words)
        return Prefilters(firstPass: full, wordClasses: wordClasses.map {
            WordClass(lowest: $0.lowest, prefilter: $0.prefilter === firstPass ? full : $0.prefilter.threadCopy(shortWords: words),
                      rules: $0.rules.map { $0 })
        }, shortWords: words)
    }

    /// Every distinct table: the first pass's and each class's of its own.
    var tables: [Prefilter] {
        [firstPass] + wordClasses.map(\.prefilter).filter { $0 !== firstPass }
    }

    /// Whether `rule`'s feature conditions can hold on some line of a word count in `words`:
    /// false only when its word tests (`min_words`, `max_words`) leave no count there, for a
    /// test fails on every count outside its range whatever the other features. Those tests are
    /// never skipped (only `position` is, for a comment start out of place:
    /// `Rule.featuresHold(_:ignoringPosition:)`), so a rule this rules out for a line cannot
    /// come out of `RuleMatcher.match` on it, and its literals need not be scanned for there.
    static func mayHold(_ rule: Rule, words: ClosedRange<Int>) -> Bool {
        var low = Double(words.lowerBound), high = Double(words.upperBound)
        for t in rule.featureTests where t.feature == .words {
            low = max(low, t.low)
            high = min(high, t.high)
        }
        return low.rounded(.up) <= high
    }

    /// First-pass rules whose pattern has no required literal (they run on every line their
    /// conditions admit), by rule index. Context rules are never filtered, so none is listed.
    public var unfiltered: [(index: Int, message: String)] {
        firstPass.unfiltered.sorted { $0.index < $1.index }
    }
}

/// The literal prefilter of one pass: tables of every pattern's required literals
/// (`RequiredLiterals`), by length. One scan of a line says which patterns *may* match (some
/// branch has a literal of each of its sets present), and only those run in PCRE2; it never
/// decides a match, PCRE2 does. A pattern without safe literals runs on every line. Builds in
/// milliseconds.
///
/// Immutable and shared between threads; each thread scans with its own `PrefilterScratch`.
public final class Prefilter: @unchecked Sendable {
    /// Rules (by index into the rule set) whose pattern has no required literal, with the
    /// reason: they run in PCRE2 on every line.
    public let unfiltered: [(index: Int, message: String)]
    /// For each rule index: nil when the rule is not filtered, else its branches, each the
    /// terms (literal sets, by id) that must all be present.
    let branches: [[[Int]]?]
    /// `branches` again, flat, for `mayMatch`.
    let branchTable: BranchTable
    /// The rules' patterns' top-level alternatives compiled on their own, flat: rule i's are
    /// `splitPatterns[splitStart[i]..<splitStart[i + 1]]` (none when its pattern is not split), each
    /// with its branches in `splitTable`, so that only those whose literals are present run
    /// (`firstMatch`).
    let splitPatterns: [Pattern]
    let splitStart: [Int32]
    /// The split rules' alternatives and their branches in one stream (`SplitProgram`), so that
    /// `firstMatch` reads a rule's in a few adjacent cache lines (step 521 in docs/performance.md).
    let splitProgram: SplitProgram
    /// Number of terms; each literal is reported under its term's id.
    let termCount: Int
    /// The terms that trigger some rule are `0..<triggerTerms` (step 324).
    let triggerTerms: Int
    /// For term t, the rules `triggerRules[triggerStart[t]..<triggerStart[t + 1]]` that have a
    /// branch whose trigger it is: the branch's term with the longest shortest literal (likely
    /// the rarest), a term of only single bytes or common words last (`Extraction.termShortest`). A rule none of whose triggers is present cannot match; the scan lists those
    /// whose triggers are, so `mayMatch` tests the branches of those rules only.
    let triggerStart: [Int32]
    let triggerRules: [Int32]
    /// The same, for the scan's trigger loop without a branch (step 492): for trigger term t,
    /// two rules at `triggerRecord[2 t]` and `[2 t + 1]` (the rule count, a bit past every rule,
    /// where it has fewer), and at `triggerTerms`, a record of two such; when t has more than
    /// two, the second is -(k + 1) and its others are `triggerRules[k..<triggerStart[t + 1]]`.
    /// One record read a term, where the two arrays took two. 16-bit rules (step 533): 4 bytes a
    /// record, half the lines (a precondition stops a rule set of 32,767 rules at load).
    let triggerRecord: UnsafeMutablePointer<Int16>
    /// Literals of one byte are looked up in a table: for each distinct byte of the line (ASCII letters lowercased), the terms
    /// `byteTerms[byteStart[b]..<byteStart[b + 1]]`.
    let byteStart: [Int32]
    let byteTerms: [Int32]
    /// The bytes (lowercased) that have terms there, for the scan to test.
    let byteKeys: [UInt8]
    /// `byteKeys` as 256 bits (four words, bit `b & 63` of word `b >> 6`), and the first bytes
    /// of `shortPlaced` (`shortKeys`) likewise: the scan tests them against the bits of the
    /// bytes present (`PrefilterScratch.seenBits`), a word at a time (step 581).
    let byteKeyBits: UnsafeMutablePointer<UInt64>
    let shortKeyBits: UnsafeMutablePointer<UInt64>
    /// Literals of one or two bytes (lowercased; `second` -1 for one) that need a place
    /// (`RequiredLiterals.Edges.number`), each with its term (`markShortPlaced`).
    let shortPlaced: [(first: UInt8, second: Int16, edges: UInt8, term: Int32)]
    /// Those of first byte b (lowercased): `shortStart[b]..<shortStart[b + 1]`; `shortFirst[b]`
    /// is 1 when some has first byte b in either case.
    let shortStart: [Int32]
    let shortFirst: UnsafeMutablePointer<Int32>
    let shortKeys: [UInt8]
    /// For each byte: 2 for an ASCII digit or a byte that is not ASCII, 1 for an ASCII space,
    /// `,` or `.`, else 0 (`markShortPlaced`).
    let numberKind: UnsafeMutablePointer<Int32>

    /// Whole words of one or two bytes (`RequiredLiterals.Edges.wholeWord`): the table of their
    /// bits (`ShortWords`), and for each bit k the terms `wordTerms[wordStart[k]..<wordStart[k + 1]]`
    /// of its words; `wordBits` has the bits with terms here.
    let shortWords: ShortWords
    let wordStart: [Int32]
    let wordTerms: [Int32]
    let wordBits: UInt64

    /// The bytes (lowercased) whose flags of presence the scan's readers need (`byteKeys`,
    /// `shortPlaced`'s bytes, the ASCII digits; every byte from 0x60 on is flagged anyway), for
    /// the window pass (`WSWindowTables.seenLow`): entry `lo` has bit h for the byte `h << 4 | lo`.
    /// Only these flags of `seen` are read after a scan.
    let seenLow: [UInt8]

    /// The tables above, flat, for the C pass (`ws_mark_short`).
    private let shortTables: UnsafeMutablePointer<WSShortTables>

    static func numberKinds() -> UnsafeMutablePointer<Int32> {
        .copying((0..<256).map { b in b >= 0x80 || (0x30...0x39).contains(b) ? 2 : RequiredLiterals.Edges.isSeparator(UInt8(b)) ? 1 : 0 })
    }
    /// Literals of two bytes likewise, by the pair (ASCII letters lowercased):
    /// `pairTerms[pairStart[key]..<pairStart[key + 1]]`.
    let pairStart: [Int32]
    let pairTerms: [Int32]
    /// The classes of the bytes that the window tables below are indexed by (step 493): each
    /// byte (ASCII letters lowercased) that some pair with terms or some gram-table literal's
    /// first three bytes have, numbered from 1, the others all 0.
    let classes: ByteClasses
    /// For each pair of classes (`classes.pairIndex`): bit 0 set when the pair has terms, and
    /// in the other bits the number of the pair's row in `thirds` (0, the empty row, when no
    /// gram-table literal starts with the pair). The scan reads a copy of its own
    /// (`PrefilterScratch.livePairs`), clearing each pair's bit 0 as it marks the pair's terms,
    /// so that a pair is looked up once a line.
    let pairRows: [UInt16]
    /// Rows of `1 << classes.shift` bytes, one per pair that starts a gram-table literal, after
    /// the empty row 0: for each class of the third byte, bit 0 set when the three bytes are a
    /// literal of `triples`, bit 1 when they are the first three bytes of one of `longs`. Exact,
    /// not hashed: the scan reads the row of the pair before each byte (step 280).
    let thirds: [UInt8]
    /// Laid out as `thirds`: for each pair's row and third byte whose bit 0 is set there, the
    /// index of that triple's literal in `triples` (-1 elsewhere), so that the scan marks a
    /// triple without hashing its three bytes and probing the table's slots (step 383).
    let tripleAt: UnsafeMutablePointer<Int16>

    /// The bytes the window tables know, by class (step 493). With 256 entries a pair and rows
    /// of 256 bytes, the tables were 128 KB of pairs and 256 bytes a row, of which a line used a
    /// few scattered cache lines per pair. Numbered by class, for each place apart: the bytes
    /// that stand first in some pair with terms or gram-table literal (about 45, the letters
    /// first), those that stand second, and the third bytes of the gram-table literals (about
    /// 55): under 64 each for the bundled rules, so the pairs' table is 8 KB and a row one cache
    /// line (with one class for all three places, 81 bytes: 32 KB and two lines).
    struct ByteClasses {
        /// Each byte's classes (ASCII capitals as their lowercase): as a first byte in bits 0-7,
        /// as a second in bits 8-15, as a third in bits 16-23 (`WSWindowTables.classOf`); bit 31
        /// set for an edge, a byte that is not an ASCII word character (`RequiredLiterals.Edges`:
        /// the window pass's gates read it from the classes it gathers, step 681).
        let classOf: [UInt32]
        /// Each place's bytes (lowercased) by class; 0 for class 0.
        let byteOf: [[UInt8]]
        /// The bits of a class: 6 when each place has up to 63 bytes, 7 for up to 127, else 8
        /// (each byte its own lowercase as its class, the layout before step 493).
        let shift: Int

        /// Classes for these bytes (lowercased) of each place; the ASCII letters first.
        init(places: [Set<UInt8>]) {
            let most = places.map(\.count).max() ?? 0
            var classOf = [UInt32](repeating: 0, count: 256), byteOf: [[UInt8]] = []
            if most < 128 {
                shift = most < 64 ? 6 : 7
                for (k, bytes) in places.enumerated() {
                    let letters = { (b: UInt8) in (0x61...0x7A).contains(b) }
                    let ordered = bytes.filter(letters).sorted() + bytes.filter { !letters($0) }.sorted()
                    byteOf.append([0] + ordered)
                    var number = [UInt32](repeating: 0, count: 256)
                    for (c, b) in ordered.enumerated() { number[Int(b)] = UInt32(c + 1) }
                    for b in 0..<256 { classOf[b] |= number[Int(Prefilter.lower(UInt8(b)))] << (8 * k) }
                }
            } else {
                shift = 8
                byteOf = Array(repeating: (0..<256).map(UInt8.init), count: places.count)
                for b in 0..<256 { classOf[b] = UInt32(Prefilter.lower(UInt8(b))) * 0x10101 }
            }
            for b in 0..<256 where !RequiredLiterals.Edges.isWord(UInt8(b)) { classOf[b] |= 1 << 31 }
            self.classOf = classOf
            self.byteOf = byteOf
        }

        /// The entry of the pair `key` (its two bytes, lowercased, the first highest) in `pairRows`.
        func pairIndex(_ key: Int) -> Int { Int(classOf[key >> 8] & 0xFF) << shift | Int(classOf[key & 0xFF] >> 8 & 0xFF) }

        /// The class of byte `b` as a third byte.
        func thirdClass(_ b: Int) -> Int { Int(classOf[b] >> 16 & 0xFF) }

        /// The index in `thirds` of the third byte `b` in the row of entry `entry` of `pairRows`.
        func thirdIndex(_ entry: UInt16, _ b: Int) -> Int { Int(entry >> 1) << shift | thirdClass(b) }
    }
    /// Literals anchored at the line's start (after a `\s*` or `\W*` prefix), and those that end
    /// the line (before such a suffix), compared in place.
    let anchored: AnchoredLiterals
    let endAnchored: AnchoredLiterals
    /// Literals of three bytes, and of four bytes or more, by their first three or four bytes.
    let triples: GramTable
    let longs: GramTable

    /// What the tables are built from, for each rule of a pass: its pattern's required literals
    /// and top-level alternatives, extracted once (the costly part of the build) for the tables
    /// of all word classes.
    struct Extraction {
        enum Entry {
            /// No pattern: nothing to scan for.
            case none
            /// A pattern without required literals: it runs on every line.
            case unfiltered(String)
            /// The pattern's branches, and those of each of its top-level alternatives when it is
            /// split (`splitAlternatives`), as terms: indices into `termLiterals`.
            case filtered(required: [[Int]], split: [(pattern: Pattern, required: [[Int]])]?)
        }
        let entries: [Entry]
        /// Each distinct literal set the patterns require, its literals sorted, by term.
        let termLiterals: [[[UInt8]]]
        /// Each term's shortest literal, in bytes without its tags, plus 1,000 unless the term
        /// is only single bytes or common whole words (`stopWords`): what picks a branch's
        /// trigger (`Prefilter.init`, step 773).
        let termShortest: [Int]
        /// Whole words on most lines of English text, weak triggers.
        static let stopWords: Set<[UInt8]> = Set(["the", "and", "for", "that", "with", "this", "you", "are", "was", "have",
                                                  "from", "not", "but", "they", "his", "her", "she", "will", "all", "one",
                                                  "of", "to", "in", "on", "it", "is", "at", "as", "by", "be", "an", "or", "we"].map { Array($0.utf8) })
        /// Which terms imply which (`Implication`), worked out once for all the tables built
        /// from this extraction (step 682: each of the five tables worked them out at load).
        let implication: Implication

        init(rules: [Rule], indices: [Int]) {
            var entries = [Entry](repeating: .none, count: rules.count)
            var termLiterals: [[[UInt8]]] = []
            var termOfSet: [Set<RequiredLiterals.Literal>: Int] = [:]
            // One term per distinct set: many patterns need the same set (a digit, a comma).
            func termIDs(_ required: [[Set<RequiredLiterals.Literal>]]) -> [[Int]] {
                required.map { sets in
                    sets.map { set in
                        if let t = termOfSet[set] { return t }
                        termOfSet[set] = termLiterals.count
                        termLiterals.append(set.sorted { $0.lexicographicallyPrecedes($1) })
                        return termLiterals.count - 1
                    }
                }
            }
            for i in indices {
                guard let pattern = rules[i].pattern else { continue }
                guard let (required, known) = RequiredLiterals.branchesWithAlternatives(of: pattern.source, caseless: pattern.caseless) else {
                    entries[i] = .unfiltered("no literal that every match must contain")
                    continue
                }
                let branches = termIDs(required)
                entries[i] = .filtered(required: branches, split: Prefilter.splitAlternatives(pattern, parsed: true, known: known).map { split in
                    split.map { (pattern: $0.pattern, required: termIDs($0.required)) }
                })
            }
            self.entries = entries
            self.termLiterals = termLiterals
            // A term of only plain single bytes ("," "." ")") or only common whole words ("the")
            // is on most lines: any other term of its branch triggers first (step 773).
            let stopWords = Extraction.stopWords
            termShortest = termLiterals.map { literals in
                let shortest = literals.map { l in
                    RequiredLiterals.Anchor.of(l)?.1.count ?? RequiredLiterals.Anchor.ofEnd(l)?.1.count
                        ?? RequiredLiterals.Edges.of(l)?.1.count ?? l.count
                }.min() ?? .max
                let common = !literals.isEmpty && literals.allSatisfy { l in
                    if l.count == 1 { return true }
                    guard let (e, bytes) = RequiredLiterals.Edges.of(l), e == [.before, .after] else { return false }
                    return stopWords.contains(Array(bytes))
                }
                return common || shortest == .max ? shortest : shortest + 1_000
            }
            implication = Implication(termLiterals)
        }
    }

    /// Builds the tables of the required literals of the patterns of the rules at `indices`
    /// (rules without a pattern are skipped).
    convenience init(rules: [Rule], indices: [Int]) {
        self.init(Extraction(rules: rules, indices: indices), indices: indices)
    }

    /// The tables of the rules at `indices` (in order) of `extraction`; `shortWords` must know
    /// every whole word of one or two bytes they require (nil: a table of their own).
    init(_ extraction: Extraction, indices: [Int], shortWords: ShortWords? = nil) {
        let count = extraction.entries.count
        var branches = [[[Int]]?](repeating: nil, count: count)
        var alternatives = [[(pattern: Pattern, branches: [[Int]])]?](repeating: nil, count: count)
        var unfiltered: [(index: Int, message: String)] = []
        var literals: [(bytes: [UInt8], term: Int)] = []
        var terms = 0
        // The terms that trigger a rule (below: each branch's term with the longest shortest
        // literal, a weak one last: `Extraction.termShortest`) are numbered first, from 0, the others after them, each in order of first
        // use: the scan's trigger loop then passes over the others with one test each
        // (step 324).
        let termShortest = extraction.termShortest
        var isTrigger = [Bool](repeating: false, count: extraction.termLiterals.count)
        for i in indices {
            guard case .filtered(let required, _) = extraction.entries[i] else { continue }
            for branch in required {
                if let t = branch.max(by: { termShortest[$0] < termShortest[$1] }) { isTrigger[t] = true }
            }
        }
        let triggerCount = indices.reduce(into: Set<Int>()) { found, i in
            guard case .filtered(let required, _) = extraction.entries[i] else { return }
            for branch in required { for t in branch where isTrigger[t] { found.insert(t) } }
        }.count
        triggerTerms = triggerCount
        // A branch leaves out each term, not a trigger, that another of its terms implies
        // (`Implication`, step 630): the branch holds on the same lines, and a term that no
        // branch keeps is not scanned for ("e" beside "share", "ad" beside "adblock"). And each
        // such term with a common letter alone among its literals (`Implication.common`, step
        // 634): a looser branch, which ran no more PCRE2 calls on the 160 news pages of the profile.
        let implication = extraction.implication
        var nextTrigger = 0, nextOther = triggerCount
        // The extraction's terms of these rules, numbered anew.
        var local = [Int](repeating: -1, count: extraction.termLiterals.count)
        func termIDs(_ required: [[Int]]) -> [[Int]] {
            required.map { all in
                var sets = all
                for t in all where !isTrigger[t] && sets.contains(where: { $0 != t && (implication.implies($0, t) || implication.common[t]) }) {
                    sets.removeAll { $0 == t }
                }
                return sets.map { t in
                    if local[t] >= 0 { return local[t] }
                    if isTrigger[t] {
                        local[t] = nextTrigger
                        nextTrigger += 1
                    } else {
                        local[t] = nextOther
                        nextOther += 1
                    }
                    literals += extraction.termLiterals[t].map { ($0, local[t]) }
                    terms += 1
                    return local[t]
                }
            }
        }
        for i in indices {
            switch extraction.entries[i] {
            case .none: continue
            case .unfiltered(let message): unfiltered.append((i, message))
            case .filtered(let required, let split):
                branches[i] = termIDs(required)
                if let split {
                    alternatives[i] = split.map { (pattern: $0.pattern, branches: termIDs($0.required)) }
                }
            }
        }
        let anchored: [(anchor: RequiredLiterals.Anchor, bytes: [UInt8], term: Int)] = literals.compactMap { l in
            RequiredLiterals.Anchor.of(l.bytes).map { ($0.0, Array($0.1), l.term) }
        }
        literals.removeAll { RequiredLiterals.Anchor.of($0.bytes) != nil }
        let endAnchored: [(anchor: RequiredLiterals.Anchor, bytes: [UInt8], term: Int)] = literals.compactMap { l in
            RequiredLiterals.Anchor.ofEnd(l.bytes).map { ($0.0, Array($0.1), l.term) }
        }
        literals.removeAll { RequiredLiterals.Anchor.ofEnd($0.bytes) != nil }
        // A literal at a word's edge (three bytes or more) is looked for by its bytes, and marked
        // where its edges hold (`ws_mark_events` in scan.c).
        let placed: [(bytes: [UInt8], edges: UInt8, term: Int)] = literals.map { l in
            RequiredLiterals.Edges.of(l.bytes).map { (Array($0.1), $0.0.rawValue, l.term) } ?? (l.bytes, 0, l.term)
        }
        // A whole word of one or two bytes is marked by the line's bits of short words.
        let whole = placed.filter { $0.bytes.count <= 2 && $0.edges != 0 && $0.edges & RequiredLiterals.Edges.number.rawValue == 0 }
        let words = shortWords ?? ShortWords(literals: whole.map(\.bytes))
        var byBit = [[Int32]](repeating: [], count: 64)
        for w in whole {
            let bit = Int(words.bitOf[ShortWords.index(w.bytes[0], w.bytes.count == 2 ? w.bytes[1] : nil)])
            precondition(bit != ShortWords.spare, "a whole word the short words' table does not know")
            byBit[bit].append(Int32(w.term))
        }
        self.shortWords = words
        wordStart = byBit.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        wordTerms = byBit.flatMap { $0 }
        wordBits = byBit.indices.reduce(0) { byBit[$1].isEmpty ? $0 : $0 | 1 << UInt64($1) }
        // A literal of one or two bytes after a number (`Edges.number`; `Edges.tag` gives a
        // shorter literal no other place but a whole word's) is looked for after the scan's loop.
        let short = placed.filter { $0.bytes.count <= 2 && $0.edges & RequiredLiterals.Edges.number.rawValue != 0 }
            .map { (first: Prefilter.lower($0.bytes[0]), second: $0.bytes.count == 2 ? Int16(Prefilter.lower($0.bytes[1])) : -1,
                    edges: $0.edges, term: Int32($0.term)) }
            .sorted { $0.first < $1.first }
        precondition(short.allSatisfy { $0.edges & RequiredLiterals.Edges.number.rawValue != 0 })
        shortPlaced = short
        shortStart = (0...256).map { b in Int32(short.firstIndex { Int($0.first) >= b } ?? short.count) }
        shortFirst = .copying((0..<256).map { b in short.contains { $0.first == Prefilter.lower(UInt8(b)) } ? 1 : 0 })
        shortKeys = Array(Set(short.map(\.first))).sorted()
        numberKind = Prefilter.numberKinds()
        shortTables = Prefilter.shortTables(short, start: shortStart, first: shortFirst, numberKind: numberKind)
        var byTerm = [[Int]](repeating: [], count: 256)
        for (bytes, edges, term) in placed where bytes.count == 1 && edges == 0 { byTerm[Int(Prefilter.lower(bytes[0]))].append(term) }
        var byPair = placed.filter { $0.bytes.count == 2 && $0.edges == 0 }
            .map { (key: Int(Prefilter.lower($0.bytes[0])) << 8 | Int(Prefilter.lower($0.bytes[1])), term: $0.term) }
        // One gram-table literal per distinct string (lowercased), reporting all its terms, each
        // with the edges it needs: many terms require the same common words ("the", "you").
        func distinct(_ count: (Int) -> Bool) -> [(bytes: [UInt8], terms: [(term: Int, edges: UInt8)])] {
            var distinct: [(bytes: [UInt8], terms: [(term: Int, edges: UInt8)])] = [], position: [[UInt8]: Int] = [:]
            for (bytes, edges, term) in placed where count(bytes.count) {
                let lowered = bytes.map(Prefilter.lower)
                if let k = position[lowered] { distinct[k].terms.append((term, edges)); continue }
                position[lowered] = distinct.count
                distinct.append((lowered, [(term, edges)]))
            }
            return distinct
        }
        triples = GramTable(width: 3, literals: distinct { $0 == 3 })
        longs = GramTable(width: 4, literals: distinct { $0 > 3 })
        self.branches = branches
        splitPatterns = alternatives.flatMap { $0?.map(\.pattern) ?? [] }
        splitStart = alternatives.reduce(into: [0]) { $0.append($0.last! + Int32($1?.count ?? 0)) }
        self.termCount = terms
        // Each term's shortest literal, for the triggers below.
        var shortest = [Int](repeating: .max, count: terms)
        for (bytes, term) in placed.map({ ($0.bytes, $0.term) }) + (anchored + endAnchored).map({ ($0.bytes, $0.term) }) {
            shortest[term] = min(shortest[term], bytes.count)
        }
        // Each branch's trigger is the term `isTrigger` chose above, by the extraction's numbers
        // and `termShortest`: a choice by `shortest` could break a tie otherwise and leave a
        // trigger numbered among the others.
        var extractionTerm = [Int](repeating: 0, count: terms)
        for (t, l) in local.enumerated() where l >= 0 { extractionTerm[l] = t }
        var triggers = [[Int32]](repeating: [], count: terms)
        for (i, ruleBranches) in branches.enumerated() {
            for branch in ruleBranches ?? [] {
                guard let t = branch.max(by: { termShortest[extractionTerm[$0]] < termShortest[extractionTerm[$1]] }) else { continue }
                if triggers[t].last != Int32(i) { triggers[t].append(Int32(i)) }
            }
        }
        branchTable = BranchTable(branches) { shortest[$0] }
        splitProgram = SplitProgram(rules: alternatives.map { $0?.map { (pattern: $0.pattern, branches: $0.branches) } }) { shortest[$0] }
        precondition(triggers.indices.allSatisfy { triggers[$0].isEmpty == ($0 >= triggerCount) }, "the trigger terms are numbered first")
        triggerStart = triggers.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        triggerRules = triggers.flatMap { $0 }
        triggerRecord = Prefilter.triggerRecords(start: triggerStart, rules: triggerRules, terms: triggerCount, sink: count)
        byteStart = byTerm.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        byteTerms = byTerm.flatMap { $0.map(Int32.init) }
        byteKeys = byTerm.indices.filter { !byTerm[$0].isEmpty }.map(UInt8.init)
        byteKeyBits = .copying(Prefilter.bits(of: byteKeys))
        shortKeyBits = .copying(Prefilter.bits(of: shortKeys))
        seenLow = Prefilter.seenLow(byteKeys + short.map(\.first) + short.compactMap { $0.second < 0 ? nil : UInt8($0.second) })
        self.anchored = AnchoredLiterals(anchored, atEnd: false)
        self.endAnchored = AnchoredLiterals(endAnchored, atEnd: true)
        if byPair.isEmpty {
            pairStart = []
            pairTerms = []
        } else {
            byPair.sort { $0.key < $1.key }
            var starts = [Int32](repeating: 0, count: 0x10001)
            for p in byPair { starts[p.key + 1] += 1 }
            for k in 0..<0x10000 { starts[k + 1] += starts[k] }
            pairStart = starts
            pairTerms = byPair.map { Int32($0.term) }
        }
        (classes, pairRows, thirds) = Prefilter.windowTables(triples: triples, longs: longs, pairs: byPair.map(\.key))
        tripleAt = Prefilter.tripleIndex(triples: triples, pairRows: pairRows, classes: classes, count: thirds.count)
        // The scan reads `literal[tripleAt[...]]` wherever `thirds` sets bit 0, unchecked: -1 there
        // would read before the literals. Both tables come from the same slots of `triples`, so
        // they agree by construction; checked once here (a few hundred thousand bytes read at
        // load), so that a change to one of the two builders stops at load, not in a scan.
        precondition(Prefilter.triplesAgree(thirds: thirds, tripleAt: tripleAt, pairRows: pairRows, classes: classes, triples: triples),
                     "the prefilter's thirds and tripleAt disagree")
        self.unfiltered = unfiltered.sorted { $0.index < $1.index }
    }

    /// When one term of a branch implies another (step 630): term u implies term t when t's
    /// literals are plain (untagged: found anywhere, no edge, anchor or number before them) and
    /// each of u's literals, whatever its tags, holds one of t's among its bytes (ASCII letters
    /// lowercased, as the scan compares them). A line with a literal of u present then has one
    /// of t: a branch that keeps u need not test t.
    struct Implication {
        /// Each term's literals' bytes, lowercased, without their tags.
        let bytes: [[[UInt8]]]
        /// Whether each term's literals are all plain.
        let plain: [Bool]
        /// Whether each term has among its literals one of `letters` alone, plain, or two of them
        /// ("on", "at", "is"): such a term holds on nearly every line that holds its branch's other
        /// terms (steps 634 and 772).
        let common: [Bool]
        /// The commonest ASCII letters of English text.
        static let letters = Array("etaoinsrhldcu".utf8)

        init(_ termLiterals: [[[UInt8]]]) {
            typealias R = RequiredLiterals
            bytes = termLiterals.map { literals in
                literals.map { l in (R.Anchor.of(l)?.1 ?? R.Anchor.ofEnd(l)?.1 ?? R.Edges.of(l)?.1 ?? l[...]).map(Prefilter.lower) }
            }
            plain = termLiterals.map { literals in !literals.isEmpty && literals.allSatisfy { !$0.isEmpty && $0[0] != 0 } }
            // A plain literal of one or two bytes, each a common letter ("e"; "on", "at", "is":
            // step 772).
            common = termLiterals.map { literals in
                literals.contains { $0.count <= 2 && $0.allSatisfy { Implication.letters.contains(Prefilter.lower($0)) } }
            }
        }

        func implies(_ u: Int, _ t: Int) -> Bool {
            guard plain[t], !bytes[u].isEmpty else { return false }
            return bytes[u].allSatisfy { big in bytes[t].contains { Implication.holds(big, $0) } }
        }

        /// Whether `small` stands somewhere in `big`.
        static func holds(_ big: [UInt8], _ small: [UInt8]) -> Bool {
            guard small.count <= big.count else { return false }
            return (0...(big.count - small.count)).contains { s in big[s..<(s + small.count)].elementsEqual(small) }
        }
    }

    /// The same tables in arrays of this thread's own, the alternatives' patterns copied: every
    /// array read from a shared object writes the array's reference count, as
    /// `Pattern.threadCopy` explains.
    private init(copying other: Prefilter, shortWords: ShortWords) {
        precondition(shortWords.key == other.shortWords.key)
        self.shortWords = shortWords
        wordStart = other.wordStart.map { $0 }
        wordTerms = other.wordTerms.map { $0 }
        wordBits = other.wordBits
        unfiltered = other.unfiltered
        branches = other.branches.map { $0?.map { $0.map { $0 } } }
        branchTable = other.branchTable.threadCopy()
        splitPatterns = other.splitPatterns.map { $0.threadCopy() }
        splitStart = other.splitStart.map { $0 }
        splitProgram = other.splitProgram.threadCopy()
        termCount = other.termCount
        triggerTerms = other.triggerTerms
        triggerStart = other.triggerStart.map { $0 }
        triggerRules = other.triggerRules.map { $0 }
        triggerRecord = Prefilter.triggerRecords(start: other.triggerStart, rules: other.triggerRules, terms: other.triggerTerms,
                                                sink: other.branches.count)
        byteStart = other.byteStart.map { $0 }
        byteTerms = other.byteTerms.map { $0 }
        byteKeys = other.byteKeys.map { $0 }
        byteKeyBits = .copying(Prefilter.bits(of: other.byteKeys))
        shortKeyBits = .copying(Prefilter.bits(of: other.shortKeys))
        seenLow = other.seenLow.map { $0 }
        shortPlaced = other.shortPlaced.map { $0 }
        shortStart = other.shortStart.map { $0 }
        shortFirst = .copying(Array(UnsafeBufferPointer(start: other.shortFirst, count: 256)))
        shortKeys = other.shortKeys.map { $0 }
        numberKind = Prefilter.numberKinds()
        shortTables = Prefilter.shortTables(shortPlaced, start: shortStart, first: shortFirst, numberKind: numberKind)
        pairStart = other.pairStart.map { $0 }
        pairTerms = other.pairTerms.map { $0 }
        classes = other.classes
        pairRows = other.pairRows.withUnsafeBufferPointer { Array($0) }  // a copy in one move
        thirds = other.thirds.withUnsafeBufferPointer { Array($0) }
        tripleAt = .allocate(capacity: max(1, other.thirds.count))
        tripleAt.initialize(from: other.tripleAt, count: other.thirds.count)
        anchored = other.anchored.threadCopy()
        endAnchored = other.endAnchored.threadCopy()
        triples = other.triples.threadCopy()
        longs = other.longs.threadCopy()
    }

    /// `triggerRecord` for the rules of the first `terms` terms (`triggerStart`, `triggerRules`);
    /// `sink`: the rule count, the bit that stands for no rule.
    static func triggerRecords(start: [Int32], rules: [Int32], terms: Int, sink: Int) -> UnsafeMutablePointer<Int16> {
        precondition(sink < Int(Int16.max) && rules.count + 2 < Int(Int16.max), "more than 32,766 rules or rules triggered by terms")
        let record = UnsafeMutablePointer<Int16>.allocate(capacity: 2 * (terms + 1))
        record.initialize(repeating: Int16(sink), count: 2 * (terms + 1))
        for t in 0..<terms {
            let from = Int(start[t]), to = Int(start[t + 1])
            if to > from { record[2 * t] = Int16(rules[from]) }
            if to - from == 2 { record[2 * t + 1] = Int16(rules[from + 1]) }
            if to - from > 2 { record[2 * t + 1] = -Int16(from + 2) }
        }
        return record
    }

    /// `shortTables` for these literals.
    private static func shortTables(_ short: [(first: UInt8, second: Int16, edges: UInt8, term: Int32)], start: [Int32],
                                    first: UnsafeMutablePointer<Int32>, numberKind: UnsafeMutablePointer<Int32>)
        -> UnsafeMutablePointer<WSShortTables> {
        func copy<T>(_ a: [T]) -> UnsafePointer<T> { UnsafePointer(UnsafeMutablePointer.copying(a)) }
        let tables = UnsafeMutablePointer<WSShortTables>.allocate(capacity: 1)
        tables.initialize(to: WSShortTables(start: copy(start), first: first, second: copy(short.map(\.second)),
                                            edges: copy(short.map(\.edges)), terms: copy(short.map(\.term)), numberKind: numberKind,
                                            lowercase: copy((0..<256).map { Prefilter.lower(UInt8($0)) })))
        return tables
    }

    /// `tripleAt` for `triples`, laid out as `thirds` (`count` entries).
    static func tripleIndex(triples: GramTable, pairRows: [UInt16], classes: ByteClasses, count: Int) -> UnsafeMutablePointer<Int16> {
        precondition(triples.count < Int(Int16.max), "more triples than a 16-bit index holds")
        let at = UnsafeMutablePointer<Int16>.allocate(capacity: max(1, count))
        at.initialize(repeating: -1, count: count)
        for slot in UnsafeBufferPointer(start: triples.slotTable, count: triples.slots) where slot.end != 0 {
            let key = Int(slot.key)
            at[classes.thirdIndex(pairRows[classes.pairIndex(key >> 8)], key & 0xFF)] = Int16(slot.first)
        }
        return at
    }

    /// Whether `tripleAt` holds, for every pair's row and third byte where `thirds` sets bit 0, the
    /// index of the triple of `triples` that is those three bytes, and -1 everywhere else.
    static func triplesAgree(thirds: [UInt8], tripleAt: UnsafePointer<Int16>, pairRows: [UInt16], classes: ByteClasses,
                             triples: GramTable) -> Bool {
        let shift = classes.shift, rows = thirds.count >> shift, byteOf = classes.byteOf
        var pairOf = [Int](repeating: -1, count: rows)
        for (index, entry) in pairRows.enumerated() where entry >> 1 != 0 {
            guard index >> shift < byteOf[0].count, index & (1 << shift - 1) < byteOf[1].count else { return false }
            pairOf[Int(entry >> 1)] = Int(byteOf[0][index >> shift]) << 8 | Int(byteOf[1][index & (1 << shift - 1)])
        }
        for row in 0..<rows {
            for third in 0..<(1 << shift) {
                let at = Int(tripleAt[row << shift | third])
                guard thirds[row << shift | third] & 1 != 0 else {
                    if at != -1 { return false }
                    continue
                }
                guard row > 0, at >= 0, at < triples.count else { return false }
                let start = Int(triples.literal[at].start), end = Int(triples.literal[at + 1].start)
                let pair = pairOf[row]
                guard end - start == 3, Int(triples.bytes[start]) == pair >> 8, Int(triples.bytes[start + 1]) == pair & 0xFF,
                      third < byteOf[2].count, triples.bytes[start + 2] == byteOf[2][third] else { return false }
            }
        }
        return true
    }

    /// These bytes as 256 bits: bit `b & 63` of word `b >> 6`.
    static func bits(of bytes: [UInt8]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 4)
        for b in bytes { bits[Int(b >> 6)] |= 1 << UInt64(b & 63) }
        return bits
    }

    /// `seenLow` for these bytes (lowercased) and the ASCII digits.
    static func seenLow(_ needed: [UInt8]) -> [UInt8] {
        var low = [UInt8](repeating: 0, count: 16)
        for b in needed + Array(0x30...0x39) where b < 0x80 { low[Int(b & 15)] |= 1 << (b >> 4) }
        return low
    }

    /// `classes`, `pairRows` and `thirds` for these tables and the pairs with terms (`pairs`, keys).
    static func windowTables(triples: GramTable, longs: GramTable, pairs: [Int]) -> (classes: ByteClasses, pairRows: [UInt16], thirds: [UInt8]) {
        // The first three bytes of each key, the key's table's bit with them, and the edges
        // every term of the literals there needs (step 321): for a triple, its `before` and
        // `after` edges (bits 2 and 3); for the longs with those first three bytes, the `before`
        // edge (bit 4), when every one of them needs it (set for each long's three below, then
        // cleared where one does not).
        var threes: [(three: Int, bit: UInt8)] = []
        let tripleSlots = UnsafeBufferPointer(start: triples.slotTable, count: triples.slots).filter { $0.end != 0 }
        let longSlots = UnsafeBufferPointer(start: longs.slotTable, count: longs.slots).filter { $0.end != 0 }
        for slot in tripleSlots {
            let edges = triples.edgesEveryTermNeeds(Int(slot.first))
            // Bit 5: every term needs just the edges of bits 2 and 3 (no number before it), so
            // that the triple's first event that the gates let through marks all its terms and
            // the window pass leaves out its later places (`ws_triple`, step 633).
            let uniform = triples.edgesSomeTermNeeds(Int(slot.first)) == edges && edges & 4 == 0
            threes.append((Int(slot.key), 1 | (edges & 1 != 0 ? 4 : 0) | (edges & 2 != 0 ? 8 : 0) | (uniform ? 32 : 0)))
        }
        for slot in longSlots { threes.append((Int(slot.key >> 8), 2)) }
        var longsWithout: [Int] = []
        for slot in longSlots where !(Int(slot.first)..<Int(slot.end)).allSatisfy({ longs.edgesEveryTermNeeds($0) & 1 != 0 }) {
            longsWithout.append(Int(slot.key >> 8))
        }
        var places = [Set<UInt8>](repeating: [], count: 3)
        for (three, _) in threes {
            places[0].insert(UInt8(three >> 16))
            places[1].insert(UInt8(three >> 8 & 0xFF))
            places[2].insert(UInt8(three & 0xFF))
        }
        for key in pairs {
            places[0].insert(UInt8(key >> 8))
            places[1].insert(UInt8(key & 0xFF))
        }
        let classes = ByteClasses(places: places)
        var pairRows = [UInt16](repeating: 0, count: 1 << (2 * classes.shift))
        var rows = 0
        for (three, _) in threes where pairRows[classes.pairIndex(three >> 8)] == 0 {
            rows += 1
            pairRows[classes.pairIndex(three >> 8)] = UInt16(rows << 1)
        }
        precondition(rows < 0x8000, "more than 32,767 pairs start a gram-table literal")
        var thirds = [UInt8](repeating: 0, count: (rows + 1) << classes.shift)
        // `ws_triple` lists a row byte's index in 24 bits.
        precondition(thirds.count <= 1 << 24, "more than 16 M row bytes")
        for (three, bit) in threes { thirds[classes.thirdIndex(pairRows[classes.pairIndex(three >> 8)], three & 0xFF)] |= bit == 2 ? 2 | 16 : bit }
        for three in longsWithout { thirds[classes.thirdIndex(pairRows[classes.pairIndex(three >> 8)], three & 0xFF)] &= ~16 }
        for key in pairs { pairRows[classes.pairIndex(key)] |= 1 }
        return (classes, pairRows, thirds)
    }

    /// A copy of this thread's own, with `shortWords` (a copy of this one's table).
    func threadCopy(shortWords: ShortWords) -> Prefilter { Prefilter(copying: self, shortWords: shortWords) }

    deinit {
        let short = shortTables.pointee
        UnsafeMutablePointer(mutating: short.start).deallocate()
        UnsafeMutablePointer(mutating: short.second).deallocate()
        UnsafeMutablePointer(mutating: short.edges).deallocate()
        UnsafeMutablePointer(mutating: short.terms).deallocate()
        UnsafeMutablePointer(mutating: short.lowercase).deallocate()
        shortTables.deallocate()
        triggerRecord.deallocate()
        tripleAt.deallocate()
        shortFirst.deallocate()
        numberKind.deallocate()
        byteKeyBits.deallocate()
        shortKeyBits.deallocate()
    }

    /// After a successful `scan`: false when the rule's pattern cannot match the line.
    @inline(__always)
    func mayMatch(rule index: Int, scratch: PrefilterScratch) -> Bool {
        guard branchTable.isListed(index) else { return true }
        guard scratch.isTriggered(index) else { return false }
        return branchTable.anyHolds(index, fired: scratch.fired)
    }

    /// A pattern's top-level alternatives as patterns of their own with their required literals,
    /// when every one has some (else the alternative would run on every line anyway).
    /// Not with `\K`: an alternative's reported start is then not where its match began, so
    /// the leftmost reported start need not be the whole pattern's match.
    /// `parsed`: the pattern's literals were extracted (`RequiredLiterals.branches(of:)` read it
    /// whole), so its alternatives are found by their syntax (`topLevelAlternatives(of:parsed:)`).
    /// `known`: the alternatives' literals by their text, as the extraction's walk of the whole
    /// pattern read them (`RequiredLiterals.branchesWithAlternatives`); the others are read here.
    static func splitAlternatives(_ pattern: Pattern, parsed: Bool = false, known: [String: [[Set<RequiredLiterals.Literal>]]?] = [:])
        -> [(pattern: Pattern, required: [[Set<RequiredLiterals.Literal>]])]? {
        // By bytes: Foundation's `contains` bridged every pattern to an NSString (42 M
        // instructions of the start-up, step 612 in docs/performance.md).
        let bytes = Array(pattern.source.utf8)
        guard !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "\\") && $1 == UInt8(ascii: "K") }) else { return nil }
        guard let sources = RequiredLiterals.topLevelAlternatives(of: pattern.source, parsed: parsed) else { return nil }
        var split: [(pattern: Pattern, required: [[Set<RequiredLiterals.Literal>]])] = []
        for source in sources {
            guard let required = known[source] ?? RequiredLiterals.branches(of: source, caseless: pattern.caseless),
                  let compiled = try? Pattern(source, caseless: pattern.caseless, asciiLine: pattern.wantsASCIILine) else { return nil }
            split.append((compiled, required))
        }
        return split
    }

    /// After a successful `scan`: the rule's first match, found by running only the top-level
    /// alternatives whose literals are present; nil when the rule's pattern is not split, or when
    /// an alternative hits a PCRE2 limit (the whole pattern then decides, its limits included).
    /// The same match as the whole pattern's: PCRE2 tries `A|B` at each start in turn, A first,
    /// so its match is the alternatives' leftmost, the earlier alternative on a tie, with the
    /// groups of that alternative only.
    func firstMatch(rule index: Int, in bytes: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch,
                    matchScratch: MatchScratch) -> MatchOutcome? {
        let program = splitProgram
        let from = Int(program.rules[2 &* index &+ 1]), to = Int(program.rules[2 &* index &+ 3])
        guard from < to else { return nil }
        let pairs = program.stream + Int(program.rules[2 &* index])
        var best: PatternMatch?
        let fired = scratch.fired
        var k = from
        while true {
            // The next alternative whose literals are present, found in a loop of its own: no
            // call in it, so that its values stay in registers (most alternatives fail on their
            // rarest term; step 382 in docs/performance.md).
            while k < to && !program.holds(pair: pairs + SplitProgram.stride &* (k &- from), fired: fired) { k &+= 1 }
            guard k < to else { break }
            switch alternativeOutcome(k, in: bytes, matchScratch: matchScratch) {
            case .noMatch: break
            case .limitHit: return nil
            case .matched(let m):
                if best == nil || m.range.lowerBound < best!.range.lowerBound { best = m }
            }
            if best?.range.lowerBound == 0 { break }  // no later alternative can start earlier
            k &+= 1
        }
        return best.map { .matched($0) } ?? .noMatch
    }

    /// Split alternative `k`'s answer on `bytes` (both `firstMatch`es): run from the program's
    /// own record of its code; its pattern object is read only when it decides by shape or matches.
    @inline(__always)
    func alternativeOutcome(_ k: Int, in bytes: UnsafeBufferPointer<UInt8>, matchScratch: MatchScratch) -> MatchOutcome {
        let run = splitProgram.runs[k]
        guard run.direct else {
            return splitPatterns.withUnsafeBufferPointer { $0[k].firstMatch(in: bytes, scratch: matchScratch) }
        }
        let rc = run.run(in: bytes, scratch: matchScratch)
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        return splitPatterns.withUnsafeBufferPointer { $0[k].outcome(rc, scratch: matchScratch) }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Marks in `scratch.fired` every term present in `bytes`. Returns false when the scan
    /// could not run; the caller then treats every rule as possibly matching. `words`: the
    /// line's bits of short words (`LineFeatures.shortWords`) when `key` is the key of this
    /// prefilter's `shortWords`, else the scan finds them.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch, words: UInt64 = 0, key: UInt64 = 0) -> Bool {
        scratch.clear()
        guard !longs.isEmpty || !triples.isEmpty || !byteTerms.isEmpty || !pairTerms.isEmpty || !anchored.isEmpty || !endAnchored.isEmpty
                || !shortPlaced.isEmpty || wordBits != 0,
              bytes.baseAddress != nil, bytes.count > 0, let found = scratch.liveTables(of: self) else { return false }
        let live = found.bits
        // One pass: the bytes present (lowercased, a flag each, for the one-byte literals and the
        // fold test), and at each place the pair of its byte and the one before (ASCII letters
        // lowercased), looked up in `pairRows` by the bytes' classes (`classes`), whose bit 0 says whether the pair has terms and
        // whose other bits give the pair's row of `thirds`; the row of the pair before a byte
        // says whether the three bytes are a literal of `triples` or the first three bytes of
        // one of `longs`; in the second case they and the next byte are hashed and looked up
        // there. The pass itself is C (`ws_scan_windows`), which returns the places that need a
        // mark. A line that is then folded is scanned again from scratch.
        // `live` holds the four-byte bits, the lowercase table, the flags of the bytes present,
        // the classes, `pairRows` and `thirds` (`PrefilterScratch.LiveTables`).
        typealias Live = PrefilterScratch.LiveTables
        let lower = UnsafeMutableRawPointer(live + Live.bytes).assumingMemoryBound(to: UInt8.self)
        let seen = lower + 256
        seen.update(repeating: 0, count: 256)
        let base = bytes.baseAddress!, n = bytes.count
        var p = base + 1
        let end = base + n
        if pairTerms.isEmpty && triples.isEmpty && longs.isEmpty {
            seen[Int(lower[Int(base[0])])] = 1
            while p < end { seen[Int(lower[Int(p.pointee)])] = 1; p += 1 }
        } else {
            // The places where a pair has terms, or a triple or a long's start stands that the
            // gates let through, found by the window pass in C (`ws_scan_windows`: AVX2 gathers
            // of the pairs' entries and the rows' bytes, 16 places at a time, step 440), a chunk
            // at a time; their marks here, each kind's in the places' order.
            let tables = found.tables, marks = found.marks, fired = scratch.fired.cFlags
            let events = scratch.events, counts = scratch.eventCounts, chunk = Int(WS_WINDOW_CHUNK)
            pairStart.withUnsafeBufferPointer { start in
                pairTerms.withUnsafeBufferPointer { terms in
                    marks.pointee.pairStart = start.baseAddress
                    marks.pointee.pairTerms = terms.baseAddress
                    var from = 0
                    while from < n {
                        let to = min(n, from &+ chunk)
                        ws_scan_windows(tables, base, n, from, to, events, counts)
                        // Each kind's events in a loop of its own (step 491: a switch on the kind
                        // of each event mispredicted about one in three), in C (step 582: the
                        // marks of a pair's terms, of a triple's (`GramTable.offsetOf`) and of the
                        // longs' (`GramTable.mark`, now the tests' reference), which were Swift calls, one an event).
                        ws_mark_events(marks, base, n, from, events, counts, fired)
                        from = to
                    }
                }
            }
            ws_restore_window(found.tables)
        }
        // Long s is C5 BF, the Kelvin sign E2 84 AA: look for them only when all their bytes are
        // there (curly quotes and dashes start with E2 too).
        let longS = seen[0xC5] & seen[0xBF] != 0
        let kelvin = seen[0xE2] & seen[0x84] & seen[0xAA] != 0
        if longS || kelvin, let folded = LiteralFold.folded(bytes) {
            // The folded line's short words are its own ("uſ" is "us").
            return folded.withUnsafeBufferPointer { scan($0, scratch: scratch) }
        }
        if wordBits != 0 { markWholeWords(key == shortWords.key ? words : shortWords.bits(in: bytes), scratch: scratch) }
        // The flags of the bytes present as 256 bits (C, `ws_seen_bits`): the one-byte literals'
        // bytes and the short literals' first bytes are found a word at a time, where each of
        // about 58 keys was a test of its flag (step 581).
        let present = scratch.seenBits
        ws_seen_bits(seen, present)
        if !byteTerms.isEmpty {
            // In C (step 583): the Swift loop read the flags' pointers and count again at each
            // byte, through the scratch.
            byteStart.withUnsafeBufferPointer { start in
                byteTerms.withUnsafeBufferPointer { terms in
                    ws_mark_keys(present, byteKeyBits, 4, start.baseAddress, terms.baseAddress, scratch.fired.cFlags)
                }
            }
        }
        if !shortPlaced.isEmpty { markShortPlaced(in: bytes, seen: seen, present: present, scratch: scratch) }
        // Each anchor puts an anchored literal at one place: only those with that byte there are compared.
        if !anchored.isEmpty { anchored.mark(in: bytes, scratch: scratch) }
        if !endAnchored.isEmpty { endAnchored.mark(in: bytes, scratch: scratch) }
        // The rules each marked trigger term triggers, as bits (step 492): a trigger term reads
        // a record of two rules (the sink bit, cleared after, where it has fewer). Only about one
        // marked term in five is a trigger (the 160 news pages: 33,257 of 183,366): the others
        // are passed over with one test, where each read the record at `triggerTerms` and set
        // the sink bit twice (step 580).
        // In C, the terms tested four at a time (step 584).
        let bits = scratch.triggerBits, marked = scratch.fired.listedBuffer
        triggerRules.withUnsafeBufferPointer { rules in
            triggerStart.withUnsafeBufferPointer { start in
                ws_trigger_rules(marked.baseAddress, marked.count, Int32(truncatingIfNeeded: triggerTerms), triggerRecord, rules.baseAddress,
                                 start.baseAddress, bits)
            }
        }
        let sink = branches.count
        bits[sink &>> 6] &= ~(1 &<< UInt64(sink & 63))
        return true
    }

    /// Marks the terms of the whole words of one or two bytes whose bits `words` has.
    @inline(__always)
    private func markWholeWords(_ words: UInt64, scratch: PrefilterScratch) {
        guard words & wordBits != 0 else { return }
        var present = words, keys = wordBits
        wordStart.withUnsafeBufferPointer { start in
            wordTerms.withUnsafeBufferPointer { terms in
                ws_mark_keys(&present, &keys, 1, start.baseAddress, terms.baseAddress, scratch.fired.cFlags)
            }
        }
    }

    /// Marks the terms of the literals of one or two bytes after a number (`shortPlaced`) that
    /// stand in `line` where their edges hold: one pass in C (`ws_mark_short`), which knows
    /// whether the bytes so far end with a digit (or a byte that is not ASCII) and then only
    /// ASCII spaces, `,` and `.`, and skips to the next digit while they do not.
    /// Only for a line with a digit or a byte that is not ASCII, and a literal's first byte.
    @inline(never)
    private func markShortPlaced(in line: UnsafeBufferPointer<UInt8>, seen: UnsafeMutablePointer<UInt8>, present: UnsafeMutablePointer<UInt64>,
                                 scratch: PrefilterScratch) {
        let keys = shortKeyBits
        guard present[0] & keys[0] | present[1] & keys[1] | present[2] & keys[2] | present[3] & keys[3] != 0 else { return }
        let high = present[2] | present[3]
        guard present[0] & 0x03FF_0000_0000_0000 != 0 else {
            // No ASCII digit: a number would be Unicode digits, not worth a pass. Each literal
            // whose bytes are there is taken as present, as a literal without a place would be.
            guard high != 0 else { return }
            for l in shortPlaced where seen[Int(l.first)] != 0 && (l.second < 0 || seen[Int(l.second)] != 0) { scratch.mark(Int(l.term)) }
            return
        }
        ws_mark_short(shortTables, line.baseAddress!, line.count, scratch.fired.cFlags)
    }
}
