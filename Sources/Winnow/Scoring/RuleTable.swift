/// What the matcher's loop tests of each rule on a line, in flat buffers built once per matcher
/// (step 480 in docs/performance.md): its word bounds, whether it has a pattern, whether its
/// position may be waived (a comment start), and its other feature conditions as bounds on a
/// slot of the line's feature values (`FeatureValues`). The loop read each rule it visited from
/// the rule object (its feature tests' array, its comment-start flag, its pattern: three or four
/// cache lines in objects scattered over the heap, which the scan had evicted) and tested each
/// condition through a `switch` on its feature (an indirect jump, mispredicted about once a
/// test); it now reads one entry of a cache line (its first two tests in it, any others from
/// `bounds`) and compares it with the line's values by index. The rule object is read only for
/// a rule that gets past them (its pattern, its context test, its candidate).
final class RuleTable {
    /// A rule's entry, 64 bytes: the least and greatest word count its `words` tests admit (as
    /// `RuleMatcher.ContextVisit`), its other tests (two here, the rest in `bounds`), its flags
    /// (`hasPattern`, `waivesPosition`) and where its branches are (`branchAt`).
    struct Entry {
        let minWords: Int32
        let maxWords: Int32
        /// Its tests past the first two (`bounds[testStart..<testStart + testCount]`).
        let testStart: Int32
        let testCount: UInt8
        let flags: UInt8
        /// Its first two tests other than `words`, in the entry (a test that always passes
        /// where it has fewer): the line's value in `slot0` must lie in `low0...high0`, and so on
        /// (as `Bound`); tested without a branch (step 483).
        let slot0: UInt8
        let slot1: UInt8
        /// Where the rule's branches in the first pass's table of word class k
        /// (`RuleMatcher.firstPassClasses`) start in `branchCode`, for the first `classes`
        /// classes; -1 when the table does not list the rule (step 482).
        var branchAt: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        let low0: Double
        let high0: Double
        let low1: Double
        let high1: Double
        static let classes = 4

        static let hasPattern: UInt8 = 1
        /// A comment-start rule with a `position` condition: outside its position it still
        /// fires, out of position (`RuleMatcher.Candidate.inPosition`).
        static let waivesPosition: UInt8 = 2
        /// The first (second) test in the entry is of the position.
        static let position0: UInt8 = 4
        static let position1: UInt8 = 8

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
    /// another: the count of branches, then for each its count of terms and its terms. A rule
    /// the scan triggered is tested on them where `BranchTable.anyHolds` read five arrays
    /// (the list's bounds, each branch's first term, its bounds, its other terms), a cache
    /// miss each on most rules (step 482).
    let branchCode: UnsafeMutablePointer<Int32>
    private let codeCount: Int

    /// `tables`: the first pass's branch table of each word class, in `RuleMatcher.firstPassClasses` order.
    init(rules: [Rule], tables: [BranchTable] = []) {
        var entries: [Entry] = [], bounds: [Bound] = []
        for rule in rules {
            let (least, greatest) = RuleMatcher.ContextVisit.wordBounds(rule.featureTests)
            var tests = rule.featureTests.filter { $0.feature != .words }.map {
                Bound(slot: Int($0.feature.rawValue), low: $0.low, high: $0.high)
            }
            let start = bounds.count
            if tests.count > 2 { bounds += tests[2...] }
            // Padding: words (never NaN) within -inf...inf.
            while tests.count < 2 { tests.append(Bound(slot: Int(FeatureTest.Feature.words.rawValue), low: -.infinity, high: .infinity)) }
            let flags = (rule.pattern != nil ? Entry.hasPattern : 0)
                | (rule.marksCommentStart && rule.conditions.position != nil ? Entry.waivesPosition : 0)
                | (tests[0].slot == FeatureValues.positionSlot ? Entry.position0 : 0)
                | (tests[1].slot == FeatureValues.positionSlot ? Entry.position1 : 0)
            entries.append(Entry(minWords: Int32(clamping: least), maxWords: Int32(clamping: greatest), testStart: Int32(start),
                                 testCount: UInt8(bounds.count - start), flags: flags, slot0: UInt8(tests[0].slot), slot1: UInt8(tests[1].slot),
                                 low0: tests[0].low, high0: tests[0].high, low1: tests[1].low, high1: tests[1].high))
        }
        var code: [Int32] = []
        for (k, table) in tables.prefix(Entry.classes).enumerated() {
            for i in rules.indices {
                guard let list = table.list(i) else { continue }
                let at = Int32(code.count)
                withUnsafeMutableBytes(of: &entries[i].branchAt) { $0.storeBytes(of: at, toByteOffset: 4 * k, as: Int32.self) }
                code.append(Int32(list.count))
                for branch in list { code.append(Int32(branch.count)); code += branch }
            }
        }
        count = entries.count
        boundCount = bounds.count
        codeCount = code.count
        branchCode = .allocate(capacity: max(1, code.count))
        branchCode.initialize(from: code, count: code.count)
        // An entry a cache line (64 bytes), each on one line.
        self.entries = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Entry>.stride, alignment: 64)
            .bindMemory(to: Entry.self, capacity: max(1, count))
        self.entries.initialize(from: entries, count: count)
        self.bounds = .allocate(capacity: max(1, boundCount))
        self.bounds.initialize(from: bounds, count: boundCount)
    }

    deinit {
        entries.deinitialize(count: count)
        UnsafeMutableRawPointer(entries).deallocate()
        bounds.deinitialize(count: boundCount)
        bounds.deallocate()
        branchCode.deallocate()
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
        let code = branchCode
        var p = at &+ 1
        var branches = Int(code[at])
        while branches > 0 {
            let n = Int(code[p])
            if n == 0 { return true }
            if fired[Int(code[p &+ 1])] != 0 {
                var k = 2
                while k <= n, fired[Int(code[p &+ k])] != 0 { k &+= 1 }
                if k > n { return true }
            }
            p &+= n &+ 1
            branches &-= 1
        }
        return false
    }

    /// Whether rule `index`'s feature conditions hold on a line of `words` words whose values
    /// `values` holds (filled by `fill` the first time a rule needs them; `filled` says whether
    /// it has been): `Rule.featuresHold(at:)`, and `featuresHold(at:ignoringPosition: true)`
    /// for a rule that waives its position.
    @inline(__always)
    func admission(_ index: Int, words: Int, values: FeatureValues, filled: inout Bool, features: UnsafePointer<LineFeatures>) -> Admission {
        if !filled {
            values.fill(from: features)
            filled = true
        }
        let e = entries + index
        let v = values.values
        // Each test's failure as a bit, without a branch: most rules a line visits fail, and
        // which ones is data (a branch per test mispredicted often; step 483). A NaN fails a
        // position test and passes the others (`Bound`).
        let x0 = v[Int(e.pointee.slot0)], x1 = v[Int(e.pointee.slot1)]
        let flags = e.pointee.flags
        let p0 = flags >> 2 & 1, p1 = flags >> 3 & 1, waives = flags >> 1 & 1
        let f0: UInt8 = (x0 < e.pointee.low0 ? 1 : 0) | (x0 > e.pointee.high0 ? 1 : 0) | (x0.isNaN ? p0 : 0)
        let f1: UInt8 = (x1 < e.pointee.low1 ? 1 : 0) | (x1 > e.pointee.high1 ? 1 : 0) | (x1.isNaN ? p1 : 0)
        let w: UInt8 = (words < Int(e.pointee.minWords) ? 1 : 0) | (words > Int(e.pointee.maxWords) ? 1 : 0)
        var positionFails = (f0 & p0) | (f1 & p1)
        let fails = w | (f0 & ~p0) | (f1 & ~p1) | (positionFails & ~waives)
        if fails != 0 { return .no }
        if e.pointee.testCount != 0 {
            var k = Int(e.pointee.testStart)
            let end = k &+ Int(e.pointee.testCount)
            while k < end {
                let b = bounds[k]
                let x = v[b.slot]
                if x < b.low || x > b.high || (b.slot == FeatureValues.positionSlot && x.isNaN) {
                    guard b.slot == FeatureValues.positionSlot, waives != 0 else { return .no }
                    positionFails = 1
                }
                k &+= 1
            }
        }
        return positionFails != 0 ? .outOfPosition : .inPosition
    }
}

/// A line's feature values by `FeatureTest.Feature` raw value, each as `FeatureTest.fails(at:)`
/// reads it (counts and flags as doubles), for `RuleTable.admission`. One per matcher, as
/// `MatchScratch` is.
final class FeatureValues {
    static let slots = 24
    static let positionSlot = Int(FeatureTest.Feature.position.rawValue)
    let values: UnsafeMutablePointer<Double>

    init() {
        values = .allocate(capacity: FeatureValues.slots)
        values.initialize(repeating: 0, count: FeatureValues.slots)
    }

    deinit { values.deallocate() }

    /// The values of the features at `f`: what `FeatureTest.fails(at:)` compares, feature by
    /// feature (`FeatureTestTests.valuesAgreeWithTheFeatureTests` checks the two agree).
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
        v[Int(F.pageLines.rawValue)] = Double(f.pointee.pageLines)
    }
}
