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
        let e = entries[index]
        guard e.admits(words: words) else { return .no }
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
    static let slots = 25
    static let positionSlot = Int(FeatureTest.Feature.position.rawValue)
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
        v[Int(F.pageLines.rawValue)] = Double(f.pointee.pageLines)
    }
}
