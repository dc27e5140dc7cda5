import CWinnowScan
import Foundation

/// What the matcher's loop tests of each rule on a line, in flat buffers built once per matcher
/// (step 480 in docs/performance.md): its word bounds, whether it has a pattern, whether its
/// position may be waived (a comment start), and its other feature conditions as bounds on a
/// slot of the line's feature values (`FeatureValues`). The loop read each rule it visited from
/// the rule object (its feature tests' array, its comment-start flag, its pattern: three or four
/// cache lines in objects scattered over the heap, which the scan had evicted) and tested each
/// condition through a `switch` on its feature (an indirect jump, mispredicted about once a
/// test); it now reads one 32-byte entry and the entry's bounds, contiguous, and compares them
/// with the line's values by index. The rule object is read only for a rule that gets past
/// them (its pattern, its context test, its candidate).
final class RuleTable {
    /// A rule's entry: the least and greatest word count its `words` tests admit (as
    /// `RuleMatcher.ContextVisit`), its other tests `bounds[testStart..<testStart + testCount]`,
    /// and its flags (`hasPattern`, `waivesPosition`).
    struct Entry {
        let minWords: Int32
        let maxWords: Int32
        let testStart: Int32
        let testCount: UInt16
        let flags: UInt16
        /// Where the rule's branches in the first pass's table of word class k
        /// (`RuleMatcher.firstPassClasses`) start in `branchCode`, for the first `classes`
        /// classes; -1 when the table does not list the rule (step 482).
        var branchAt: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        static let classes = 4

        static let hasPattern: UInt16 = 1
        /// A comment-start rule with a `position` condition: outside its position it still
        /// fires, out of position (`RuleMatcher.Candidate.inPosition`).
        static let waivesPosition: UInt16 = 2

        @inline(__always)
        func admits(words: Int) -> Bool { Int(minWords) <= words && words <= Int(maxWords) }
    }

    /// A test other than `words`: the line's value in slot `slot` (`FeatureValues`) must lie in
    /// `low...high` (`FeatureTest.fails(at:)`: below `low` or above `high` fails, so a NaN value
    /// passes, except in the position slot, where a NaN fails as `ClosedRange.contains` fails it).
    struct Bound {
        let slot: Int
        let low: Double
        let high: Double
    }

    /// How a rule's feature conditions stand on a line: they fail, they hold, or only its
    /// position fails and the rule waives it (`Entry.waivesPosition`).
    enum Admission { case no, inPosition, outOfPosition }

    let entries: UnsafeMutablePointer<Entry>
    let bounds: UnsafeMutablePointer<Bound>
    let count: Int
    private let boundCount: Int
    /// The branches of each rule in each class's table (`BranchTable.list`), one rule's after
    /// another. A rule the scan triggered is tested on them where `BranchTable.anyHolds` read
    /// five arrays (the list's bounds, each branch's first term, its bounds, its other terms), a
    /// cache miss each on most rules (step 482). A rule's list at `at` is laid out so that
    /// `anyHolds` runs through the branches' first terms in adjacent words (step 691): the count
    /// of branches B, then each branch's first (rarest) term, then for each branch the place of
    /// its other terms (from `at`), there as their count and the terms. A rule with a branch of
    /// no term is left out (`branchAt` -1: `BranchTable.anyHolds` answers it).
    let branchCode: UnsafeMutablePointer<Int32>
    private let codeCount: Int
    /// For each word count, the rules (one bit each, by index, in `ruleWords` words) whose
    /// `words` bounds admit it: rows for 0 to `wordRowCount - 1` words, the last one for every
    /// longer line too. Past the greatest bound of any rule (a `min_words`, or a `max_words` plus
    /// one) every rule's answer stays the same, so the rows are exact (`wordRowsExact`) unless a
    /// bound is past `mostWordRows`, when the last row holds every rule. The matcher visits only
    /// the triggered rules of its row, and with exact rows does not test the words again (step 692).
    let wordRows: UnsafeMutablePointer<UInt64>
    let ruleWords: Int
    let wordRowCount: Int
    let wordRowsExact: Bool
    static let mostWordRows = 4096
    /// The rules (a bit each, `ruleWords` words a row) whose conditions on some features other
    /// than `words` admit a line, by the line's values of those features (step 730 in
    /// docs/performance.md): the matcher visits only the triggered rules of the line's rows, where
    /// it visited every triggered rule its word count admits and then failed most of them on
    /// their other conditions (40,858 of 71,547 visits on the 160 news pages of the profile). The
    /// features are the flags and counts at least `leastTesters` first-pass rules test, the most
    /// tested first, as many as fit one group of at most `mostGroupRows` rows. Each value maps
    /// to a class: a flag's is its value, another feature's where it stands among the bounds the
    /// rules give it (below, at or between them, or NaN), classes with the same rules merged; a
    /// group's row is the one of its features' classes' mixed-radix key. The rules the rows leave
    /// out are exactly those whose `admission` fails on these features (a rule that waives its
    /// position is left in on position): `PrefilterScratch.triggeredRules` ands them with the
    /// word row, in C (`ws_line_rules`).
    let featureTables: UnsafeMutablePointer<WSFeatureRows>
    /// The buffers `featureTables` points into.
    private let keyFeatures: UnsafeMutablePointer<WSFeatureKey>
    private let keyCuts: UnsafeMutablePointer<Double>
    private let keyClasses: UnsafeMutablePointer<Int32>
    private let featureRows: UnsafeMutablePointer<UInt64>
    private let groupStart: UnsafeMutablePointer<Int32>
    static let mostGroupRows = 1024, leastTesters = 4

    /// `tables`: the first pass's branch table of each word class, in `RuleMatcher.firstPassClasses` order.
    /// `rowSlots`: the features of the rows (`featureTables`), any kind, in up to `WS_FEATURE_GROUPS`
    /// groups, instead of the default (the flags and counts at least `leastTesters` first-pass rules
    /// test, one group); empty: no row. For the tests (`RuleTableTests`) and for measuring other rows.
    init(rules: [Rule], tables: [BranchTable] = [], rowSlots: [Int]? = nil) {
        var entries: [Entry] = [], bounds: [Bound] = []
        for rule in rules {
            let (least, greatest) = RuleMatcher.ContextVisit.wordBounds(rule.featureTests)
            let start = bounds.count
            for t in rule.featureTests where t.feature != .words {
                bounds.append(Bound(slot: Int(t.feature.rawValue), low: t.low, high: t.high))
            }
            let flags = (rule.pattern != nil ? Entry.hasPattern : 0)
                | (rule.marksCommentStart && rule.conditions.position != nil ? Entry.waivesPosition : 0)
            entries.append(Entry(minWords: Int32(clamping: least), maxWords: Int32(clamping: greatest), testStart: Int32(start),
                                 testCount: UInt16(bounds.count - start), flags: flags))
        }
        var code: [Int32] = []
        for (k, table) in tables.prefix(Entry.classes).enumerated() {
            for i in rules.indices {
                guard let list = table.list(i), !list.contains(where: \.isEmpty) else { continue }
                let at = code.count
                withUnsafeMutableBytes(of: &entries[i].branchAt) { $0.storeBytes(of: Int32(at), toByteOffset: 4 * k, as: Int32.self) }
                code.append(Int32(list.count))
                code += list.map { $0[0] }
                let places = code.count
                code += [Int32](repeating: 0, count: list.count)
                for (b, branch) in list.enumerated() {
                    code[places + b] = Int32(code.count - at)
                    code.append(Int32(branch.count - 1))
                    code += branch.dropFirst()
                }
            }
        }
        ruleWords = (entries.count + 63) / 64
        let top = entries.reduce(0) { top, e in
            max(top, Int(e.minWords), e.maxWords == Int32.max ? 0 : Int(e.maxWords) + 1)
        }
        wordRowsExact = top <= RuleTable.mostWordRows
        let rows = min(top, RuleTable.mostWordRows) + 1
        wordRowCount = rows
        wordRows = .allocate(capacity: rows * max(1, ruleWords))
        wordRows.initialize(repeating: 0, count: rows * max(1, ruleWords))
        for (i, e) in entries.enumerated() {
            for w in 0..<rows where e.admits(words: w) || (w == rows - 1 && !wordRowsExact) {
                wordRows[w * ruleWords + (i >> 6)] |= 1 << UInt64(i & 63)
            }
        }
        count = entries.count
        let keys = RuleTable.featureKeys(rules: rules, entries: entries, bounds: bounds, words: ruleWords, chosen: rowSlots)
        keyFeatures = .copying(keys.features)
        keyCuts = .copying(keys.cuts)
        keyClasses = .copying(keys.classes)
        featureRows = .copying(keys.rows)
        groupStart = .copying(keys.groupStart)
        featureTables = .allocate(capacity: 1)
        featureTables.initialize(to: WSFeatureRows(keys: keyFeatures, cuts: keyCuts, classes: keyClasses, rows: featureRows, rowStart: groupStart,
                                                   keyCount: Int32(keys.features.count), groups: Int32(keys.groupStart.count), words: Int32(ruleWords)))
        boundCount = bounds.count
        codeCount = code.count
        branchCode = .allocate(capacity: max(1, code.count))
        branchCode.initialize(from: code, count: code.count)
        self.entries = .allocate(capacity: max(1, count))
        self.entries.initialize(from: entries, count: count)
        self.bounds = .allocate(capacity: max(1, boundCount))
        self.bounds.initialize(from: bounds, count: boundCount)
    }

    deinit {
        entries.deinitialize(count: count)
        entries.deallocate()
        bounds.deinitialize(count: boundCount)
        bounds.deallocate()
        branchCode.deallocate()
        wordRows.deallocate()
        featureRows.deallocate()
        keyFeatures.deallocate()
        keyCuts.deallocate()
        keyClasses.deallocate()
        groupStart.deallocate()
        featureTables.deallocate()
    }

    /// The features of the rows (`featureTables`), their bounds and classes' ids, the rows, and
    /// where each group's rows start; no feature when none is worth a row.
    private static func featureKeys(rules: [Rule], entries: [Entry], bounds: [Bound], words: Int, chosen: [Int]?)
        -> (features: [WSFeatureKey], cuts: [Double], classes: [Int32], rows: [UInt64], groupStart: [Int32]) {
        // Each slot's tests, with their rules: a row is made from the tests of its slot alone
        // (every rule was asked of each class at first: 24 M instructions of the start-up).
        var bySlot = [[(rule: Int, bound: Bound)]](repeating: [], count: FeatureValues.slots)
        for (i, e) in entries.enumerated() {
            for k in Int(e.testStart)..<Int(e.testStart) + Int(e.testCount) { bySlot[bounds[k].slot].append((i, bounds[k])) }
        }
        var testers = [Int](repeating: 0, count: FeatureValues.slots)
        for (i, e) in entries.enumerated() where !rules[i].isContextRule {
            for slot in Set((Int(e.testStart)..<Int(e.testStart) + Int(e.testCount)).map { bounds[$0].slot }) { testers[slot] += 1 }
        }
        var slots = (0..<FeatureValues.slots).filter { testers[$0] >= leastTesters }
            .sorted { testers[$0] != testers[$1] ? testers[$0] > testers[$1] : $0 < $1 }
        // By default the flags and counts only, in one group: a ratio's or the position's class
        // took a loop over its bounds on every line, and each group an and of its row, for fewer
        // visits than they cost (step 730). `chosen` names the slots to use instead, any kind, in
        // up to `WS_FEATURE_GROUPS` groups (empty: no row).
        if let chosen {
            slots = chosen.filter { (0..<FeatureValues.slots).contains($0) && $0 != Int(FeatureTest.Feature.words.rawValue) }
        }
        let mostGroups = chosen == nil ? 1 : Int(WS_FEATURE_GROUPS)
        // The rules whose tests on `slot` admit the value x, as `admission` tests them (a rule
        // that waives its position is admitted on position).
        let allRules = (0..<words).map { w in entries.count >= 64 * (w + 1) ? ~UInt64(0) : (UInt64(1) << UInt64(entries.count - 64 * w)) &- 1 }
        func admitted(slot: Int, _ x: Double) -> [UInt64] {
            var row = allRules
            for (i, b) in bySlot[slot] where x < b.low || x > b.high {
                if slot == FeatureValues.positionSlot && entries[i].flags & Entry.waivesPosition != 0 { continue }
                row[i >> 6] &= ~(1 << UInt64(i & 63))
            }
            return row
        }
        var features: [WSFeatureKey] = [], cuts: [Double] = [], classes: [Int32] = []
        // Per group, its features' rows by class id, and its rows so far.
        var groups: [[[[UInt64]]]] = [], products: [Int] = []
        for slot in slots {
            var values: [Double], own: [Double] = [], kind: Int32 = 2, low: Int32 = 0
            if FeatureValues.flagSlots.contains(slot) {
                values = [0, 1]
                kind = 0
            } else if FeatureValues.countSlots.contains(slot),
                      case let finite = Set(bySlot[slot].flatMap { [$0.bound.low, $0.bound.high] }.filter(\.isFinite)),
                      let least = finite.min(), let most = finite.max(), least > -1e6, most < 1e6, most - least <= 500 {
                // A count's classes by its value, from one below the least bound to one past the most.
                kind = 1
                low = Int32(least.rounded(.down)) - 1
                values = (Int(low)...Int(most.rounded(.up)) + 1).map(Double.init)
            } else {
                own = Set(bySlot[slot].flatMap { [$0.bound.low, $0.bound.high] }.filter { !$0.isNaN }).sorted()
                // A value of each class: below the first bound, at each, between each and the
                // next (an empty class, between adjacent doubles, takes the next bound's value: no
                // line's value falls in it), past the last, NaN.
                values = [own.first.map { $0.nextDown } ?? 0]
                for (j, c) in own.enumerated() {
                    let next = j + 1 < own.count ? own[j + 1] : Double.infinity
                    values += [c, c.nextUp < next ? c.nextUp : next]
                }
                values.append(.nan)
            }
            if kind == 2 && chosen == nil { continue }
            var ids: [Int32] = [], distinct: [[UInt64]] = []
            for x in values {
                let row = admitted(slot: slot, x)
                if let d = distinct.firstIndex(of: row) { ids.append(Int32(d)) } else { ids.append(Int32(distinct.count)); distinct.append(row) }
            }
            guard distinct.count > 1, distinct.count <= mostGroupRows else { continue }
            var g = products.firstIndex { $0 * distinct.count <= mostGroupRows } ?? products.count
            if g == products.count {
                guard g < mostGroups else { continue }
                groups.append([])
                products.append(1)
            }
            g = min(g, products.count - 1)
            features.append(WSFeatureKey(slot: Int32(slot), kind: kind, cuts: Int32(own.count), cutStart: Int32(cuts.count), classStart: Int32(classes.count),
                                         low: low, span: Int32(values.count), stride: Int32(products[g]), group: Int32(g)))
            products[g] *= distinct.count
            cuts += own
            classes += ids
            groups[g].append(distinct)
        }
        var rows: [UInt64] = [], groupStart: [Int32] = []
        for (g, classRows) in groups.enumerated() {
            groupStart.append(Int32(rows.count))
            for key in 0..<products[g] {
                var row = [UInt64](repeating: ~0, count: words)
                var rest = key
                for byClass in classRows {
                    let id = rest % byClass.count
                    rest /= byClass.count
                    for w in 0..<words { row[w] &= byClass[id][w] }
                }
                rows += row
            }
        }
        return (features, cuts, classes, rows, groupStart)
    }

    /// The slots of the rows' features (for tests).
    var keySlots: [Int] { (0..<Int(featureTables.pointee.keyCount)).map { Int(keyFeatures[$0].slot) } }

    /// The row of `wordRows` for a line of `words` words.
    @inline(__always)
    func wordRow(_ words: Int) -> UnsafePointer<UInt64> {
        UnsafePointer(wordRows + Int(min(UInt(bitPattern: words), UInt(wordRowCount - 1))) &* ruleWords)
    }

    /// Where rule `index`'s branches in class `k`'s table start in `branchCode` (-1: not listed
    /// there, or a class past `Entry.classes`).
    @inline(__always)
    func branchAt(_ index: Int, inClass k: Int) -> Int {
        guard k < Entry.classes else { return -1 }
        return Int(UnsafeRawPointer(entries + index).load(fromByteOffset: MemoryLayout<Entry>.offset(of: \.branchAt)! + 4 * k, as: Int32.self))
    }

    /// Whether some branch at `at` in `branchCode` has all its terms in `fired`
    /// (`BranchTable.anyHolds` on the same list).
    @inline(__always)
    func anyHolds(at: Int, fired: SparseFlags) -> Bool {
        let list = branchCode + at
        let count = Int(list[0])
        let firsts = list + 1
        var b = 0
        while b < count {
            if fired[Int(firsts[b])] != 0 {
                let rest = list + Int(firsts[count &+ b])
                let n = Int(rest[0])
                var k = 1
                while k <= n, fired[Int(rest[k])] != 0 { k &+= 1 }
                if k > n { return true }
            }
            b &+= 1
        }
        return false
    }

    /// Whether rule `index`'s feature conditions hold on a line of `words` words whose values
    /// `values` holds (filled by `fill` the first time a rule needs them; `filled` says whether
    /// it has been): `Rule.featuresHold(at:)`, and `featuresHold(at:ignoringPosition: true)`
    /// for a rule that waives its position. `wordsTested`: the caller knows the word bounds hold
    /// (a rule of an exact `wordRow`).
    @inline(__always)
    func admission(_ index: Int, words: Int, wordsTested: Bool = false, values: FeatureValues, filled: inout Bool,
                   features: UnsafePointer<LineFeatures>) -> Admission {
        let e = entries[index]
        guard wordsTested || e.admits(words: words) else { return .no }
        guard e.testCount != 0 else { return .inPosition }
        if !filled {
            values.fill(from: features)
            filled = true
        }
        let v = values.values
        var k = Int(e.testStart)
        let end = k &+ Int(e.testCount)
        var admission = Admission.inPosition
        while k < end {
            let b = bounds[k]
            let x = v[b.slot]
            if x < b.low || x > b.high {
                guard b.slot == FeatureValues.positionSlot, e.flags & Entry.waivesPosition != 0 else { return .no }
                admission = .outOfPosition
            }
            k &+= 1
        }
        return admission
    }
}

/// A line's feature values by `FeatureTest.Feature` raw value, each as `FeatureTest.fails(at:)`
/// reads it (counts and flags as doubles), for `RuleTable.admission`. One per matcher, as
/// `MatchScratch` is.
final class FeatureValues {
    static let slots = 26
    static let positionSlot = Int(FeatureTest.Feature.position.rawValue)
    /// The slots of the counts, whose values are whole numbers (`fill`).
    static let countSlots: Set<Int> = {
        typealias F = FeatureTest.Feature
        return Set([F.words, .chars, .links, .proseDistance, .aboveMainBlock, .belowMainBlock, .aboveStoryProse, .belowStoryProse, .aboveByline,
                    .belowListHeading, .pageLines].map { Int($0.rawValue) })
    }()
    /// The slots of the flags, whose values are 0 or 1 (`fill`).
    static let flagSlots: Set<Int> = {
        typealias F = FeatureTest.Feature
        return Set([F.endsWithPunctuation, .gapBefore, .gapAfter, .mainBlock, .storyBlock, .layoutHeader, .tableCell, .storyList, .splitDate,
                    .overCutTitle, .teaserBox].map { Int($0.rawValue) })
    }()
    let values: UnsafeMutablePointer<Double>

    init() {
        // Every feature has a slot: a feature added past the last would be written out of bounds.
        precondition(Int(FeatureTest.Feature.pageLines.rawValue) < FeatureValues.slots)
        values = .allocate(capacity: FeatureValues.slots)
        values.initialize(repeating: 0, count: FeatureValues.slots)
    }

    deinit { values.deallocate() }

    /// The values of the features at `f`: what `FeatureTest.fails(at:)` compares, feature by
    /// feature (`RuleTableTests.valuesAgreeWithTheFeatureTests` checks the two agree).
    @inline(__always)
    func fill(from f: UnsafePointer<LineFeatures>) {
        typealias F = FeatureTest.Feature
        let v = values
        func flag(_ b: Bool) -> Double { b ? 1 : 0 }
        v[Int(F.words.rawValue)] = Double(f.pointee.words)
        v[Int(F.chars.rawValue)] = Double(f.pointee.chars)
        v[Int(F.links.rawValue)] = Double(f.pointee.links)
        v[Int(F.stopwordRatio.rawValue)] = f.pointee.stopwordRatio
        v[Int(F.endsWithPunctuation.rawValue)] = flag(f.pointee.endsWithPunctuation)
        v[Int(F.capsRatio.rawValue)] = f.pointee.capsRatio
        v[Int(F.titleRatio.rawValue)] = f.pointee.titleRatio
        v[Int(F.position.rawValue)] = f.pointee.position
        v[Int(F.gapBefore.rawValue)] = flag(f.pointee.gapBefore)
        v[Int(F.gapAfter.rawValue)] = flag(f.pointee.gapAfter)
        v[Int(F.proseDistance.rawValue)] = Double(f.pointee.proseDistance)
        v[Int(F.mainBlock.rawValue)] = flag(f.pointee.inMainBlock)
        v[Int(F.storyBlock.rawValue)] = flag(f.pointee.inStoryBlock)
        v[Int(F.aboveMainBlock.rawValue)] = Double(f.pointee.aboveMainBlock)
        v[Int(F.belowMainBlock.rawValue)] = Double(f.pointee.belowMainBlock)
        v[Int(F.aboveStoryProse.rawValue)] = Double(f.pointee.aboveStoryProse)
        v[Int(F.belowStoryProse.rawValue)] = Double(f.pointee.belowStoryProse)
        v[Int(F.aboveByline.rawValue)] = Double(f.pointee.aboveByline)
        v[Int(F.belowListHeading.rawValue)] = Double(f.pointee.belowListHeading)
        v[Int(F.layoutHeader.rawValue)] = flag(f.pointee.layoutHeader)
        v[Int(F.tableCell.rawValue)] = flag(f.pointee.tableCell)
        v[Int(F.storyList.rawValue)] = flag(f.pointee.storyList)
        v[Int(F.splitDate.rawValue)] = flag(f.pointee.splitDate)
        v[Int(F.overCutTitle.rawValue)] = flag(f.pointee.overCutTitle)
        v[Int(F.teaserBox.rawValue)] = flag(f.pointee.teaserBox)
        v[Int(F.pageLines.rawValue)] = Double(f.pointee.pageLines)
    }
}
