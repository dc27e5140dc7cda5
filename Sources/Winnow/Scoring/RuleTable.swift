/// What the matcher's loop tests of each rule on a line, in flat buffers built once per matcher
/// (step 480 in docs/performance.md): its word bounds, whether it has a pattern, whether its
/// position may be waived (a comment start), and its other feature conditions as bounds on a
/// slot of the line's feature values (`FeatureValues`). The loop read each rule it visited from
/// the rule object (its feature tests' array, its comment-start flag, its pattern: three or four
/// cache lines in objects scattered over the heap, which the scan had evicted) and tested each
/// condition through a `switch` on its feature (an indirect jump, mispredicted about once a
/// test); it now reads one 16-byte entry and the entry's bounds, contiguous, and compares them
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

    init(rules: [Rule]) {
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
        count = entries.count
        boundCount = bounds.count
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
            if x < b.low || x > b.high || (b.slot == FeatureValues.positionSlot && x.isNaN) {
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

/// The first pass's feature conditions of every rule at once, as bitsets (step 481 in
/// docs/performance.md): for each feature some rule tests, the values it compares with (its
/// tests' bounds) cut the number line into regions (below the least bound, at it, between it and
/// the next, ...; and NaN), and each region has a bitset of the rules whose tests of that feature
/// all pass on it. A line's region of each feature is counted without a branch, and the AND of
/// their rows is the set of rules whose conditions hold (`admitted`), the position's row apart
/// (`inPosition`: a comment start out of position still fires). The loop then visits only
/// admitted rules, where it read and tested each rule's entry and bounds (most failed them).
final class AdmissionBits {
    /// 64-bit words per bitset (a bit per rule, by index).
    let width: Int
    /// Per tested feature: its slot (`FeatureValues`), its bounds `thresholds[start..<start+count]`
    /// (sorted, distinct, no NaN), and its rows from `rows + row * width` (2 * count + 2 of them:
    /// the regions in order, then NaN). The position feature, when tested, is last.
    private let slots: UnsafeMutablePointer<Int>
    private let starts: UnsafeMutablePointer<Int>
    private let counts: UnsafeMutablePointer<Int>
    private let rowStarts: UnsafeMutablePointer<Int>
    private let featureCount: Int
    private let hasPosition: Bool
    private let thresholds: UnsafeMutablePointer<Double>
    private let rows: UnsafeMutablePointer<UInt64>
    /// The rules that waive their position (`RuleTable.Entry.waivesPosition`).
    private let waives: UnsafeMutablePointer<UInt64>
    /// The rules with a pattern.
    let hasPattern: UnsafeMutablePointer<UInt64>
    /// The last line's: the rules whose conditions hold there (in or out of position), and
    /// those whose position conditions hold (or that have none).
    let admitted: UnsafeMutablePointer<UInt64>
    let inPosition: UnsafeMutablePointer<UInt64>
    private let sizes: (thresholds: Int, rows: Int)

    init(rules: [Rule]) {
        let width = max(1, (rules.count + 63) / 64)
        self.width = width
        var bySlot: [Int: [(rule: Int, low: Double, high: Double)]] = [:]
        for (i, rule) in rules.enumerated() {
            for t in rule.featureTests {
                // A NaN bound fails nothing (`FeatureTest.fails(at:)`): no bound on that side.
                bySlot[Int(t.feature.rawValue), default: []].append((i, t.low.isNaN ? -.infinity : t.low, t.high.isNaN ? .infinity : t.high))
            }
        }
        let order = bySlot.keys.sorted { ($0 == FeatureValues.positionSlot ? 1 : 0, $0) < ($1 == FeatureValues.positionSlot ? 1 : 0, $1) }
        hasPosition = bySlot[FeatureValues.positionSlot] != nil
        var slots: [Int] = [], starts: [Int] = [], counts: [Int] = [], rowStarts: [Int] = []
        var thresholds: [Double] = [], rows: [UInt64] = []
        for slot in order {
            let tests = bySlot[slot]!
            let cuts = Array(Set(tests.flatMap { [$0.low, $0.high] }.filter(\.isFinite))).sorted()
            slots.append(slot)
            starts.append(thresholds.count)
            counts.append(cuts.count)
            rowStarts.append(rows.count)
            thresholds += cuts
            // Region r: r even is the open interval below cuts[r / 2] (above the one before),
            // r odd is cuts[r / 2] itself; 2 * count the interval above the last; then NaN.
            for r in 0...(2 * cuts.count + 1) {
                var row = [UInt64](repeating: ~0, count: width)
                for t in tests {
                    let passes: Bool
                    if r == 2 * cuts.count + 1 {
                        passes = slot != FeatureValues.positionSlot  // NaN passes a bound, fails a position
                    } else if r % 2 == 1 {
                        passes = t.low <= cuts[r / 2] && cuts[r / 2] <= t.high
                    } else {
                        let below = r / 2 > 0 ? cuts[r / 2 - 1] : -Double.infinity
                        let above = r / 2 < cuts.count ? cuts[r / 2] : Double.infinity
                        passes = t.low <= below && above <= t.high
                    }
                    if !passes { row[t.rule >> 6] &= ~(1 << UInt64(t.rule & 63)) }
                }
                rows += row
            }
        }
        featureCount = slots.count
        func buffer<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            return p
        }
        func bits(_ holds: (Rule) -> Bool) -> UnsafeMutablePointer<UInt64> {
            var b = [UInt64](repeating: 0, count: width)
            for (i, rule) in rules.enumerated() where holds(rule) { b[i >> 6] |= 1 << UInt64(i & 63) }
            return buffer(b)
        }
        self.slots = buffer(slots)
        self.starts = buffer(starts)
        self.counts = buffer(counts)
        self.rowStarts = buffer(rowStarts)
        self.thresholds = buffer(thresholds)
        self.rows = buffer(rows)
        sizes = (thresholds.count, rows.count)
        waives = bits { $0.marksCommentStart && $0.conditions.position != nil }
        hasPattern = bits { $0.pattern != nil }
        admitted = buffer([UInt64](repeating: 0, count: width))
        inPosition = buffer([UInt64](repeating: 0, count: width))
    }

    deinit {
        for p in [slots, starts, counts, rowStarts] { p.deallocate() }
        thresholds.deallocate()
        for p in [rows, waives, hasPattern, admitted, inPosition] { p.deallocate() }
    }

    /// Sets `admitted` and `inPosition` for the line whose feature values `values` holds.
    @inline(__always)
    func compute(_ values: UnsafePointer<Double>) {
        let width = width, admitted = admitted
        admitted.update(repeating: ~0, count: width)
        inPosition.update(repeating: ~0, count: width)
        for f in 0..<featureCount {
            let x = values[slots[f]]
            let cuts = thresholds + starts[f], n = counts[f]
            var r = 0
            for k in 0..<n {
                let t = cuts[k]
                r &+= (x > t ? 1 : 0) &+ (x >= t ? 1 : 0)
            }
            if x.isNaN { r = 2 &* n &+ 1 }
            let row = rows + rowStarts[f] + r &* width
            let into = hasPosition && f == featureCount - 1 ? inPosition : admitted
            for w in 0..<width { into[w] &= row[w] }
        }
        if hasPosition {
            for w in 0..<width { admitted[w] &= inPosition[w] | waives[w] }
        }
    }

    @inline(__always)
    static func has(_ bits: UnsafePointer<UInt64>, _ index: Int) -> Bool { bits[index &>> 6] & (1 &<< UInt64(index & 63)) != 0 }
}
