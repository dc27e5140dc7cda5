import CPCRE2

/// Runs rules over one line: pattern, then feature conditions. Knows nothing of pages,
/// sections or labels of other lines; the labeler applies those conditions.
public struct RuleMatcher {
    public let rules: RuleSet
    let scratch: MatchScratch
    let prefilterScratch: PrefilterScratch?
    /// Indices of the rules each pass runs, found once rather than per line and rule.
    let firstPassRules: [Int32]
    let contextRules: [Int32]
    /// The first pass's prefilter tables by word class (`Prefilters.wordClasses`), the class
    /// of most words first: each with the fewest words of its lines, and one bit per rule (by
    /// index) of the class that its table does not filter (no pattern, or no literal): with the
    /// rules a scan triggers, those that may match the line. Empty without a prefilter.
    let firstPassClasses: [ScanClass]

    final class ScanClass {
        let lowest: Int
        /// Its place in `firstPassClasses` (`RuleTable.branchAt`).
        let place: Int
        let prefilter: Prefilter
        let unfiltered: [UInt64]
        /// `unfiltered` in a buffer of its own, read in the matcher's loop without a retain.
        let unfilteredBits: UnsafeMutablePointer<UInt64>

        init(lowest: Int, place: Int, prefilter: Prefilter, unfiltered: [UInt64]) {
            self.lowest = lowest
            self.place = place
            self.prefilter = prefilter
            self.unfiltered = unfiltered
            unfilteredBits = .allocate(capacity: max(1, unfiltered.count))
            unfilteredBits.initialize(repeating: 0, count: max(1, unfiltered.count))
            unfilteredBits.update(from: unfiltered, count: unfiltered.count)
        }

        deinit { unfilteredBits.deallocate() }
    }
    /// For each label a line can have after the last walk (or none), and each label of the
    /// nearest decided lines above and below it (or none), the context rules whose label tests
    /// (`first_pass`, `previous`, `next`, `neighbours`) admit them, in rule order, the plain
    /// ones and the `after_context` ones apart: a context round visits only those of its kind
    /// (most context rules name the labels they need, and few are `after_context`). Indexed by
    /// `slot(of:)` of the three labels: list `2 * ((c * slots + p) * slots + n)` is the plain
    /// one, the list after it the `after_context` one; after them, every plain and every
    /// `after_context` context rule (for a label outside the table). All in one array, bounded by
    /// `contextVisitStart`: a list read from an array of arrays was retained and released per line.
    let contextVisits: [ContextVisit]
    let contextVisitStart: [Int32]
    /// How many label slots there are (no label, then `Label.scorable`), kept: a static one was
    /// a `swift_once` per line.
    private let labelSlots: Int
    private let visitScratch: VisitScratch

    /// A context rule in a list of `contextVisits`, with the word counts its `words` conditions
    /// admit (`min_words`, `max_words`; any count without them): a context round skips a rule whose
    /// word counts rule the line out before reading the rule (step 340 in docs/performance.md:
    /// most rules a round visits failed their feature conditions, most often on the word count).
    /// (The bounds held in 32 bits: a line of 2^31 words would take 4 GB.)
    struct ContextVisit: Equatable {
        let rule: Int32
        let minWords: Int32
        let maxWords: Int32

        init(rule: Int32, tests: [FeatureTest]) {
            self.rule = rule
            let (least, greatest) = ContextVisit.wordBounds(tests)
            (minWords, maxWords) = (Int32(clamping: least), Int32(clamping: greatest))
        }

        /// The least and greatest word count that every `.words` test passes (`FeatureTest.fails`:
        /// a count below `low` or above `high` fails; a NaN bound fails nothing).
        static func wordBounds(_ tests: [FeatureTest]) -> (Int, Int) {
            let far = Double(1 << 62)
            var least = Int.min, greatest = Int.max
            for t in tests where t.feature == .words {
                if !t.low.isNaN, t.low > -far { least = max(least, Int(min(t.low.rounded(.up), far))) }
                if !t.high.isNaN, t.high < far { greatest = min(greatest, Int(max(t.high.rounded(.down), -far))) }
            }
            return (least, greatest)
        }

        @inline(__always)
        func admits(words: Int) -> Bool { Int(minWords) <= words && words <= Int(maxWords) }
    }
    /// For each rule without a pattern, its candidate, built once: such a rule's hit is the same
    /// on every line it fires on (no matched text, no author), and the candidate is immutable,
    /// so every line shares it instead of allocating a candidate and a hit and freeing both with
    /// the page (step 121 in docs/performance.md). Nil for a rule with a pattern. The out-of-position
    /// one is the same with `inPosition` false, for the comment-start rules with a position (two
    /// arrays, not one of pairs: reading a pair retained both, step 141).
    let featureCandidatesInPosition: [Candidate?]
    let featureCandidatesOutOfPosition: [Candidate?]
    /// `rules.rules`, read in the matcher's loop without a retain and release of each rule (and
    /// its pattern) that gets past the prefilter (step 141 in docs/performance.md): `rules`
    /// holds them for the matcher's lifetime.
    let borrowedRules: [Unmanaged<Rule>]
    /// Each rule's pattern's `Pattern.Run` (nil without a pattern), read by the loop in place of
    /// the rule and pattern objects (step 521 in docs/performance.md).
    let patternRuns: PatternRuns

    /// `Pattern.Run`s in a buffer of their own, by rule index; the code belongs to the rules'
    /// patterns (`rules` holds them for the matcher's lifetime).
    final class PatternRuns {
        let runs: UnsafeMutablePointer<Pattern.Run?>
        private let count: Int

        init(_ rules: [Rule]) {
            count = rules.count
            runs = .allocate(capacity: max(1, count))
            runs.initialize(from: rules.map { $0.pattern.map(Pattern.Run.init) }, count: count)
        }

        deinit {
            runs.deinitialize(count: count)
            runs.deallocate()
        }
    }
    /// The candidate arrays of lines whose candidates are all of rules without a pattern (nil
    /// with too many rules to code: `SharedCandidates.code`).
    let sharedCandidates: SharedCandidates?
    /// What the loop tests of each rule before it reads the rule (step 480 in
    /// docs/performance.md), and the line's feature values it compares them with.
    let ruleTable: RuleTable
    let featureValues: FeatureValues

    /// The candidate arrays of lines on which only rules without a pattern fired (at most
    /// `most` of them), one per set of rules, shared by every line with that set on every page
    /// the matcher labels: such a line's array held only shared candidates
    /// (`featureCandidatesInPosition`), yet each line allocated one and freed it with its page
    /// (step 391 in docs/performance.md). A set is coded in 64 bits (`code`), the arrays kept
    /// in an open-addressed table of `slots` (no more sets are kept once it is three quarters
    /// full; their lines build their own). One per matcher, as `MatchScratch` is.
    final class SharedCandidates {
        static let most = 3
        static let slots = 512
        private let keys: UnsafeMutablePointer<UInt64>
        private let arrays: UnsafeMutablePointer<[Candidate]>
        private let count: UnsafeMutablePointer<Int>

        init() {
            keys = .allocate(capacity: SharedCandidates.slots)
            keys.initialize(repeating: 0, count: SharedCandidates.slots)
            arrays = .allocate(capacity: SharedCandidates.slots)
            arrays.initialize(repeating: [], count: SharedCandidates.slots)
            count = .allocate(capacity: 1)
            count.initialize(to: 0)
        }

        deinit {
            arrays.deinitialize(count: SharedCandidates.slots)
            arrays.deallocate()
            keys.deallocate()
            count.deallocate()
        }

        /// A rule's candidate in a set's code: its index and whether it stood in position, plus
        /// one (0 is no candidate), 16 bits each, the first rule lowest.
        @inline(__always)
        static func code(_ index: Int, inPosition: Bool) -> UInt64 { UInt64(2 * index + (inPosition ? 1 : 2)) }

        /// Whether `rules` rules can be coded.
        static func codes(rules: Int) -> Bool { 2 * rules + 2 < 1 << 16 }

        /// The array of the set coded `key`, built by `build` the first time.
        @inline(__always)
        func candidates(_ key: UInt64, build: () -> [Candidate]) -> [Candidate] {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)
            while keys[slot] != 0 {
                if keys[slot] == key { return arrays[slot] }
                slot = (slot + 1) & (SharedCandidates.slots - 1)
            }
            let built = build()
            if 4 * count.pointee < 3 * SharedCandidates.slots {
                keys[slot] = key
                arrays[slot] = built
                count.pointee += 1
            }
            return built
        }
    }

    public init(rules: RuleSet) {
        self.rules = rules
        self.firstPassRules = rules.rules.indices.filter { !rules.rules[$0].isContextRule }.map(Int32.init)
        self.contextRules = rules.rules.indices.filter { rules.rules[$0].isContextRule }.map(Int32.init)
        self.firstPassClasses = (rules.prefilters?.wordClasses ?? []).reversed().enumerated().map { k, c in
            var unfiltered = [UInt64](repeating: 0, count: (rules.rules.count + 63) / 64)
            for i in c.rules where c.prefilter.branches[i] == nil { unfiltered[i >> 6] |= 1 << UInt64(i & 63) }
            return ScanClass(lowest: c.lowest, place: k, prefilter: c.prefilter, unfiltered: unfiltered)
        }
        let contextRules = self.contextRules
        // Each rule's answers per label slot first, then the lists: 5,832 label triples.
        let labels: [Label?] = [nil] + Label.scorable, slots = labels.count
        self.labelSlots = slots
        func admits(_ test: (Label?) -> Bool) -> [Bool] {
            var by = [Bool](repeating: false, count: slots)
            for l in labels { by[RuleMatcher.slot(of: l)!] = test(l) }
            return by
        }
        let tests = contextRules.map { i in
            let t = rules.rules[Int(i)].contextTest
            return (rule: i, chained: rules.rules[Int(i)].isChained,
                    current: admits { t?.firstPass?.matches($0) ?? true },
                    previous: admits { (t?.previous?.matches($0) ?? true) && (t?.neighbours?.matches($0) ?? true) },
                    next: admits { (t?.next?.matches($0) ?? true) && (t?.neighbours?.matches($0) ?? true) })
        }
        let visit = contextRules.map { ContextVisit(rule: $0, tests: rules.rules[Int($0)].featureTests) }
        var visits: [ContextVisit] = [], starts: [Int32] = []
        var plain: [ContextVisit] = [], chained: [ContextVisit] = []
        for c in 0..<slots {
            for p in 0..<slots {
                for n in 0..<slots {
                    plain.removeAll(keepingCapacity: true)
                    chained.removeAll(keepingCapacity: true)
                    for (k, t) in tests.enumerated() where t.current[c] && t.previous[p] && t.next[n] {
                        if t.chained { chained.append(visit[k]) } else { plain.append(visit[k]) }
                    }
                    starts.append(Int32(visits.count))
                    visits += plain
                    starts.append(Int32(visits.count))
                    visits += chained
                }
            }
        }
        for chained in [false, true] {
            starts.append(Int32(visits.count))
            for (k, t) in tests.enumerated() where t.chained == chained { visits.append(visit[k]) }
        }
        starts.append(Int32(visits.count))
        self.contextVisits = visits
        self.contextVisitStart = starts
        self.visitScratch = VisitScratch(capacity: contextRules.count)
        let featureCandidates = rules.rules.map { rule -> (Candidate, Candidate)? in
            guard rule.pattern == nil else { return nil }
            return (Candidate(rule: rule, line: nil, matchStart: 0, matchEnd: -1, author: nil, inPosition: true),
                    Candidate(rule: rule, line: nil, matchStart: 0, matchEnd: -1, author: nil, inPosition: false))
        }
        self.featureCandidatesInPosition = featureCandidates.map { $0?.0 }
        self.featureCandidatesOutOfPosition = featureCandidates.map { $0?.1 }
        self.borrowedRules = rules.rules.map { Unmanaged.passUnretained($0) }
        self.patternRuns = PatternRuns(rules.rules)
        self.ruleTable = RuleTable(rules: rules.rules, tables: firstPassClasses.map(\.prefilter.branchTable))
        self.featureValues = FeatureValues()
        self.sharedCandidates = SharedCandidates.codes(rules: rules.rules.count) ? SharedCandidates() : nil
        self.scratch = MatchScratch(limits: rules.config.limits)
        self.prefilterScratch = rules.prefilters.map { PrefilterScratch(prefilters: $0.tables) }
    }

    /// The context rules of a round (`after_context` ones when `chained`) that may fire on a line
    /// labelled `current` by the last walk between decided lines labelled `previous` and `next`,
    /// in rule order (for `match`'s `visiting`): those whose label tests admit the three labels.
    public func contextRules(current: Label?, previous: Label?, next: Label?, chained: Bool) -> [Int32] {
        contextVisits[contextVisitList(current: current, previous: previous, next: next, chained: chained)].map(\.rule)
    }

    /// `contextRules(current:previous:next:chained:)` less the rules whose word counts rule out a
    /// line of `words` words (`ContextVisit`), which the round would visit only to find that their
    /// feature conditions fail: for `match`'s `visiting`, in the matcher's room for them
    /// (`VisitScratch`), valid until the next call. (Into an array the caller reused, emptying and
    /// filling it cost more than the visits it saved.)
    func contextRules(current: Label?, previous: Label?, next: Label?, chained: Bool, words: Int) -> UnsafeBufferPointer<Int32> {
        let list = contextVisitList(current: current, previous: previous, next: next, chained: chained)
        let out = visitScratch.rules
        var count = 0
        contextVisits.withUnsafeBufferPointer { visits in
            for k in list where visits[k].admits(words: words) {
                out[count] = visits[k].rule
                count += 1
            }
        }
        return UnsafeBufferPointer(start: out, count: count)
    }

    /// Room for the rules a context round visits on a line, as many as there are context rules.
    final class VisitScratch {
        let rules: UnsafeMutablePointer<Int32>

        init(capacity: Int) { rules = .allocate(capacity: max(1, capacity)) }
        deinit { rules.deallocate() }
    }

    /// Whether the lists of these labels (`contextVisitList`) hold exactly the rules whose label
    /// tests pass on them (with `isChained` the round's): true when each label is a known one or
    /// none; a label of another kind takes the list of every rule of the round.
    @inline(__always)
    func listsExactly(current: Label?, previous: Label?, next: Label?) -> Bool {
        RuleMatcher.slot(of: current) != nil && RuleMatcher.slot(of: previous) != nil && RuleMatcher.slot(of: next) != nil
    }

    /// The bounds in `contextVisits` of the list for these labels and round.
    @inline(__always)
    private func contextVisitList(current: Label?, previous: Label?, next: Label?, chained: Bool) -> Range<Int> {
        let slots = labelSlots
        var list: Int
        if let c = RuleMatcher.slot(of: current), let p = RuleMatcher.slot(of: previous), let n = RuleMatcher.slot(of: next) {
            list = 2 * ((c * slots + p) * slots + n)
        } else {
            list = 2 * slots * slots * slots
        }
        if chained { list += 1 }
        return Int(contextVisitStart[list])..<Int(contextVisitStart[list + 1])
    }

    /// A label's place in `[nil] + Label.scorable` order (no label first), nil for an unknown kind.
    private static func slot(of label: Label?) -> Int? {
        guard let label else { return 0 }
        return label.knownIndex.map { $0 + 1 }
    }

    /// The first pass's word class of a line of `words` words (nil without a prefilter): its
    /// table leaves out only rules whose feature conditions fail on every line of the class.
    /// Unmanaged: `firstPassClasses` holds it for the matcher's lifetime (step 402).
    @inline(__always)
    func firstPassClass(words: Int) -> Unmanaged<ScanClass>? {
        firstPassClasses.firstUnmanaged { words >= $0.lowest }
    }

    /// `table` after scanning `bytes` with it, or nil when there is none or the scan could not
    /// run (every rule may then match). `features`: the line's, with its short words.
    /// Unmanaged, both ways: `firstPassClasses` holds every table for the matcher's lifetime, and
    /// the matcher's loop kept its `var` of the table retained around each `firstMatch` and the
    /// scan (step 402 in docs/performance.md).
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, with table: Unmanaged<Prefilter>?, features: UnsafePointer<LineFeatures>) -> Unmanaged<Prefilter>? {
        // `prefilterScratch!`, not `let prefilterScratch` bound in the guard: the binding copied
        // the optional through its type's value witnesses, about 200 instructions a line with
        // its destroy (step 353 in docs/performance.md); the property is read in place.
        guard let table, prefilterScratch != nil else { return nil }
        return table._withUnsafeGuaranteedRef {
            $0.scan(bytes, scratch: prefilterScratch!, words: features.pointee.shortWords, key: features.pointee.shortWordsKey)
        } ? table : nil
    }

    /// A rule that fired on the line's text and features, before section and context checks.
    /// A class, immutable: the labeller's passes filter and copy a page's candidates many
    /// times, and a reference costs one retain where a copy of the struct cost one per field
    /// (step 50 in docs/performance.md). It is its own hit (`hit` is `self`): a candidate and
    /// its hit were two objects, allocated and freed together (step 460).
    public final class Candidate: RuleHit, @unchecked Sendable {
        /// The text of the named group `author`, for comment headers.
        public let author: String?
        /// False when only the rule's `position` condition failed (comment-start rules only).
        public let inPosition: Bool
        public var rule: Rule { sourceRule.unsafelyUnwrapped }
        /// The hit the candidate makes on its line: itself.
        public var hit: RuleHit { self }

        /// `rule`'s hit, with the matched text at UTF-8 offsets `matchStart..<matchEnd` of `line`
        /// (no text when `line` is nil), and `description` instead of the rule's when given.
        init(rule: Rule, description: String? = nil, line: String?, matchStart: Int, matchEnd: Int, author: String?, inPosition: Bool) {
            self.author = author
            self.inPosition = inPosition
            super.init(sourceRule: rule, ruleID: nil, description: description, scores: rule.hitScores,
                       matchText: line, matchStart: matchStart, matchEnd: matchEnd)
        }

        /// `c` in position, its description `description`, its matched text the same.
        init(_ c: Candidate, description: String) {
            self.author = c.author
            self.inPosition = true
            super.init(sourceRule: c.rule, ruleID: nil, description: description, scores: c.scores,
                       matchText: c.matchText, matchStart: c.matchStart, matchEnd: c.matchEnd)
        }

        /// `rule`'s candidate showing `hit`'s id, description, scores and matched text.
        public init(rule: Rule, hit: RuleHit, author: String?, inPosition: Bool = true) {
            self.author = author
            self.inPosition = inPosition
            super.init(sourceRule: rule, ruleID: hit.ruleID, description: hit.description, scores: hit.scores,
                       matchText: hit.matched, matchStart: 0, matchEnd: -1)
        }
    }

    public struct LineMatches {
        public var candidates: [Candidate] = []
        /// Rules that hit a PCRE2 limit on this line (counted as not matched), with PCRE2's message.
        public var limitHits: [(ruleID: String, message: String)] = []

        /// Room for a few candidates at the first: appended one by one, a line's array grew from
        /// one to two to four, an allocation each (step 142 in docs/performance.md).
        @inline(__always)
        mutating func reserveForCandidates() {
            if candidates.capacity == 0 { candidates.reserveCapacity(4) }
        }
    }

    /// Every rule (context rules, or all the others) whose pattern and feature conditions hold on
    /// `text`, and `context` when given: the context pass's label conditions, tested before the
    /// pattern (a rule they rule out needs no PCRE2 run, so it cannot hit a PCRE2 limit either).
    /// (The context pass visits only some rules: `match(_:features:visiting:context:)`. This one
    /// took `visiting` too, which its first pass ignored once the prefilter had scanned the line.)
    public func match(_ text: String, features: LineFeatures, contextRules: Bool,
                      context: ((Rule) -> Bool)? = nil) -> LineMatches {
        withUnsafePointer(to: features) { features in
            if let context { return match(text, features: features, contextRules: contextRules, visiting: nil, deferScan: true, context: context) }
            return match(text, features: features, contextRules: contextRules, visiting: nil, deferScan: false, context: { _ in true })
        }
    }

    /// The first pass's `match` of a line whose features stand at `features` (the labeller's
    /// array of them): read in place, not copied in for each line (step 242 in docs/performance.md).
    func match(_ text: String, features: UnsafePointer<LineFeatures>) -> LineMatches {
        match(text, features: features, contextRules: false, visiting: nil, deferScan: false, context: { _ in true })
    }

    /// The context pass's `match`, `context` not escaping: an optional closure escapes, and the
    /// context rounds allocated its captures once per line (step 93 in docs/performance.md).
    /// `visiting`: only those rules (`contextRules(current:previous:next:chained:)`), which leaves
    /// out only rules that `context` would rule out.
    func match(_ text: String, features: UnsafePointer<LineFeatures>, visiting: UnsafeBufferPointer<Int32>, context: (Rule) -> Bool) -> LineMatches {
        match(text, features: features, contextRules: true, visiting: visiting, deferScan: true, context: context)
    }

    /// `match`, with `context` tested when `deferScan` (the context pass) and the scan deferred.
    /// `visiting` only with `deferScan`: the first pass visits the rules its scan triggered.
    private func match(_ text: String, features: UnsafePointer<LineFeatures>, contextRules: Bool, visiting: UnsafeBufferPointer<Int32>?, deferScan: Bool,
                       context: (Rule) -> Bool) -> LineMatches {
        assert(visiting == nil || deferScan, "the first pass visits the rules its scan triggered, not `visiting`")
        var hits = LineHits()
        var line = text
        line.withUTF8 { bytes in
            // The line's patterns may use their ASCII-first variants on it (`Pattern.asciiFirst`).
            scratch.beginLine(bytes)
            defer { scratch.endLine() }
            // One literal scan rules out most patterns; a rule it covers and did not report
            // cannot match, so PCRE2 skips it. Uncovered rules always run. With `context`, whose
            // label conditions rule out most rules on most lines, the scan waits for the first
            // rule with a pattern that gets past them (most lines need none).
            // The context rules run without a scan (`Prefilters` has no table of theirs):
            // on the lines whose labels and features they admit (short lines, mostly), PCRE2 rules
            // out their patterns, anchored at the line's start most of them, for less than the
            // scan costs. 160 news pages: 1,362 scans cost 3.97 M instructions, and running PCRE2
            // on every rule they ruled out costs 1.2 M; 25 dragnet pages: 20.2 M against 4.8 M
            // (step 344 in docs/performance.md).
            var scanned = !deferScan
            let scanClass = contextRules ? nil : firstPassClass(words: features.pointee.words)
            let table = contextRules ? nil : scanClass.map { c in c._withUnsafeGuaranteedRef { Unmanaged.passUnretained($0.prefilter) } }
            var prefilter = deferScan ? nil : scan(bytes, with: table, features: features)
            let all = borrowedRules
            // Each rule's feature conditions from `ruleTable`, with the line's values (filled
            // when a rule first needs them), not from the rule (step 480).
            let rulesTable = ruleTable, values = featureValues, words = features.pointee.words
            var filled = false
            withPassRules(visiting, contextRules: contextRules) { passRules in
                // After the first pass's scan, only the rules it triggered and those it does not filter
                // may match: those are visited, in the same order, instead of every rule of the pass.
                // A visited rule is then one of the class's `unfilteredBits` (which may match) or
                // one the scan triggered, for which `Prefilter.mayMatch` is its branches' test; of
                // those, only the rules whose word bounds admit the line (`RuleTable.wordRow`: the
                // others' `admission` is `.no`; step 692).
                let unfilteredBits = !deferScan && prefilter != nil && scanClass != nil
                    ? scanClass!._withUnsafeGuaranteedRef { UnsafePointer($0.unfilteredBits) } : nil
                let place = scanClass?._withUnsafeGuaranteedRef { $0.place } ?? 0
                // And of those, only the rules whose conditions on the features of
                // `RuleTable.featureTables` admit the line (step 730: most rules visited failed there).
                let visited: UnsafeBufferPointer<Int32>
                if unfilteredBits != nil {
                    values.fill(from: features)
                    filled = true
                    visited = scanClass!._withUnsafeGuaranteedRef {
                        prefilterScratch!.triggeredRules(and: $0.unfiltered, admitted: rulesTable.wordRow(words), rows: rulesTable.featureTables,
                                                         values: values.values)
                    }
                } else {
                    visited = passRules
                }
                let wordsTested = unfilteredBits != nil && rulesTable.wordRowsExact
                for index in visited {
                    let index = Int(index)
                    let admission = rulesTable.admission(index, words: words, wordsTested: wordsTested, values: values, filled: &filled, features: features)
                    if admission == .no { continue }
                    // A pattern the prefilter rules out cannot match (a rule without a pattern always may).
                    if let unfilteredBits {
                        if unfilteredBits[index &>> 6] & (1 &<< UInt64(index & 63)) == 0 {
                            // Its branches from `ruleTable`'s copy, found from its entry (step 482).
                            let at = rulesTable.branchAt(index, inClass: place)
                            if at >= 0 ? !rulesTable.anyHolds(at: at, fired: prefilterScratch.unsafelyUnwrapped.fired)
                                : !prefilter.unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.branchTable.anyHolds(index, fired: prefilterScratch!.fired) }) {
                                continue
                            }
                        }
                    } else if !deferScan, let prefilter, !prefilter._withUnsafeGuaranteedRef({ $0.mayMatch(rule: index, scratch: prefilterScratch!) }) {
                        continue
                    }
                    // A comment-start rule outside its position may still count if it repeats.
                    let inPosition = admission == .inPosition
                    let hasPattern = rulesTable.entries[index].flags & RuleTable.Entry.hasPattern != 0
                    if deferScan {
                        if !all[index]._withUnsafeGuaranteedRef({ context($0) }) { continue }
                        if hasPattern {
                            if !scanned {
                                prefilter = scan(bytes, with: table, features: features)
                                scanned = true
                            }
                            if let prefilter, !prefilter._withUnsafeGuaranteedRef({ $0.mayMatch(rule: index, scratch: prefilterScratch!) }) { continue }
                        }
                    }
                    guard hasPattern else {
                        addFeatureHit(index, inPosition: inPosition, to: &hits)
                        continue
                    }
                    // The pattern's first match: a split one's from the prefilter's alternatives,
                    // else the whole pattern's (`wholeMatch`).
                    let outcome = prefilter?._withUnsafeGuaranteedRef({
                        $0.firstMatch(rule: index, in: bytes, scratch: prefilterScratch!, matchScratch: scratch)
                    }) ?? wholeMatch(index, in: bytes)
                    if case .noMatch = outcome { continue }
                    // The rule borrowed, not retained (`borrowedRules`).
                    all[index]._withUnsafeGuaranteedRef {
                        addOutcome(outcome, rule: $0, inPosition: inPosition, text: text, bytes: bytes, to: &hits)
                    }
                }
            }
        }
        return finished(hits)
    }

    /// A line's hits as the matcher finds them, in rule order (`addFeatureHit`, `addOutcome`,
    /// `finished`): the candidates of rules without a pattern found before any other stay coded
    /// (`SharedCandidates.code`) while they may make a shared array.
    struct LineHits {
        var result = LineMatches()
        var pending: UInt64 = 0
        var pendingCount = 0
    }

    /// Rule `index`, which has no pattern, fired.
    @inline(__always)
    func addFeatureHit(_ index: Int, inPosition: Bool, to hits: inout LineHits) {
        if sharedCandidates != nil, hits.result.candidates.isEmpty, hits.pendingCount < SharedCandidates.most {
            hits.pending |= SharedCandidates.code(index, inPosition: inPosition) << (16 * UInt64(hits.pendingCount))
            hits.pendingCount += 1
            return
        }
        flushPending(&hits)
        hits.result.reserveForCandidates()
        hits.result.candidates.append(inPosition ? featureCandidatesInPosition[index]! : featureCandidatesOutOfPosition[index]!)
    }

    /// `rule`'s pattern gave `outcome` on `text` (its bytes `bytes`).
    @inline(__always)
    func addOutcome(_ outcome: MatchOutcome, rule: Rule, inPosition: Bool, text: String, bytes: UnsafeBufferPointer<UInt8>,
                    to hits: inout LineHits) {
        var matched = 0..<0
        var author: String?
        switch outcome {
        case .noMatch: return
        case .limitHit(let message):
            hits.result.limitHits.append((rule.id, message))
            return
        case .matched(let m):
            // Kept as the line and the match's bounds: the hit decodes its text when asked
            // (the audit), not here (step 460).
            matched = m.range
            // Most patterns have no named group: skip hashing "author" for them.
            if !m.groups.isEmpty, let r = m.groups["author"] {
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
                author = String(name.trimmingWhitespace)
            }
        }
        flushPending(&hits)
        hits.result.reserveForCandidates()
        hits.result.candidates.append(Candidate(rule: rule, line: text, matchStart: matched.lowerBound, matchEnd: matched.upperBound,
                                                author: author, inPosition: inPosition))
    }

    @inline(__always)
    private func flushPending(_ hits: inout LineHits) {
        if hits.pendingCount > 0 { appendPending(hits.pending, to: &hits.result) }
        (hits.pending, hits.pendingCount) = (0, 0)
    }

    /// The line's matches: when only rules without a pattern fired, their set's shared array.
    @inline(__always)
    func finished(_ hits: LineHits) -> LineMatches {
        var result = hits.result
        if hits.pendingCount > 0 {
            result.candidates = sharedCandidates!.candidates(hits.pending) {
                var own = LineMatches()
                appendPending(hits.pending, to: &own)
                return own.candidates
            }
        }
        return result
    }

    /// Rule `index`'s whole pattern on `bytes`: from the matcher's record of its code
    /// (`PatternRuns`), the rule and pattern objects read only when it decides by shape or matches.
    @inline(__always)
    func wholeMatch(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> MatchOutcome {
        if let run = patternRuns.runs[index], run.direct {
            let rc = run.run(in: bytes, scratch: scratch)
            if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
            return borrowedRules[index]._withUnsafeGuaranteedRef { $0.pattern!.outcome(rc, scratch: scratch) }
        }
        return borrowedRules[index]._withUnsafeGuaranteedRef { $0.pattern!.firstMatch(in: bytes, scratch: scratch) }
    }

    /// The coded candidates of `pending` (`SharedCandidates.code`), in order, appended.
    private func appendPending(_ pending: UInt64, to result: inout LineMatches) {
        result.reserveForCandidates()
        var p = pending
        while p != 0 {
            let c = Int(p & 0xFFFF) - 1
            result.candidates.append(c & 1 == 0 ? featureCandidatesInPosition[c >> 1]! : featureCandidatesOutOfPosition[c >> 1]!)
            p >>= 16
        }
    }

    /// `body` on `visiting`, or else on the pass's rules.
    @inline(__always)
    private func withPassRules<R>(_ visiting: UnsafeBufferPointer<Int32>?, contextRules: Bool,
                                  _ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        if let visiting { return body(visiting) }
        return (contextRules ? self.contextRules : firstPassRules).withUnsafeBufferPointer(body)
    }

}
