import Testing
@testable import Winnow

/// `RuleTable` (steps 480 and 482 in docs/performance.md) against the rules it copies: each
/// rule's admission against `Rule.featuresHold`, the line's values against `FeatureTest.fails`,
/// and each copied branch list against `BranchTable.anyHolds`.
@Suite struct RuleTableTests {
    /// Features that cross the bundled rules' bounds: counts 0 to 60, ratios with NaN, flags,
    /// positions at the ends (never NaN: the labeller divides by at least 1, and `FeatureTest.fails`
    /// reads position as every other feature since step 515).
    static func features(_ n: Int) -> [LineFeatures] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { k in
            var f = LineFeatures()
            func count(_ most: Int) -> Int { Int.random(in: 0...most, using: &g) }
            func ratio() -> Double { k % 17 == 0 ? .nan : [0, 0.25, 0.5, 1, Double.random(in: 0...1, using: &g)][count(4)] }
            f.words = count(60); f.chars = count(400); f.links = count(3)
            f.stopwordRatio = ratio(); f.capsRatio = ratio(); f.titleRatio = ratio()
            f.position = [0, 1, 0.5, Double.random(in: 0...1, using: &g)][count(3)]
            f.endsWithPunctuation = Bool.random(using: &g); f.gapBefore = Bool.random(using: &g); f.gapAfter = Bool.random(using: &g)
            f.proseDistance = count(8); f.inMainBlock = Bool.random(using: &g); f.inStoryBlock = Bool.random(using: &g)
            f.aboveMainBlock = count(5); f.belowMainBlock = count(30); f.aboveStoryProse = count(4); f.belowStoryProse = count(4)
            f.aboveByline = count(4); f.belowListHeading = count(4); f.layoutHeader = Bool.random(using: &g)
            f.tableCell = Bool.random(using: &g); f.storyList = Bool.random(using: &g); f.splitDate = Bool.random(using: &g)
            f.overCutTitle = Bool.random(using: &g)
            f.pageLines = count(400)
            return f
        }
    }

    @Test func admissionAgreesWithTheRules() {
        let rules = Repo.rules.rules
        let table = RuleTable(rules: rules)
        let values = FeatureValues()
        for var f in Self.features(400) {
            withUnsafePointer(to: &f) { p in
                var filled = false
                for (i, rule) in rules.enumerated() {
                    let plain: RuleTable.Admission = rule.featuresHold(at: p) ? .inPosition
                        : rule.marksCommentStart && rule.conditions.position != nil && rule.featuresHold(at: p, ignoringPosition: true) ? .outOfPosition : .no
                    #expect(table.admission(i, words: p.pointee.words, values: values, filled: &filled, features: p) == plain, "\(rule.id)")
                }
            }
        }
    }

    /// Every feature's value against its test: a bound just below, at and above the value.
    @Test func valuesAgreeWithTheFeatureTests() {
        let values = FeatureValues()
        for var f in Self.features(200) {
            withUnsafePointer(to: &f) { p in
                values.fill(from: p)
                var raw: UInt8 = 0
                while let feature = FeatureTest.Feature(rawValue: raw) {
                    let v = values.values[Int(raw)]
                    #expect(Int(raw) < FeatureValues.slots)
                    for (low, high) in [(v, v), (v + 0.5, .infinity), (-.infinity, v - 0.5), (0.0, 0.0), (1.0, 1.0)] {
                        let t = FeatureTest(feature, low: low, high: high)
                        let fails = v < low || v > high
                        #expect(t.fails(at: p) == fails, "\(feature) \(v) \(low)...\(high)")
                    }
                    raw += 1
                }
                #expect(Int(raw) == FeatureValues.slots)
            }
        }
    }

    /// Each word class's branch lists as copied: the same answer as the table's for random sets
    /// of fired terms (dense and sparse), every listed rule.
    @Test func copiedBranchesAgreeWithTheBranchTables() throws {
        let matcher = RuleMatcher(rules: Repo.rules)
        let classes = matcher.firstPassClasses
        try #require(!classes.isEmpty)
        var g = SystemRandomNumberGenerator()
        for c in classes.prefix(RuleTable.Entry.classes) {
            let prefilter = c.prefilter
            let scratch = PrefilterScratch(prefilters: [prefilter])
            for trial in 0..<60 {
                let share = [0.02, 0.1, 0.3, 0.7][trial % 4]
                for t in 0..<prefilter.termCount where Double.random(in: 0..<1, using: &g) < share { scratch.fired.insert(t) }
                for i in 0..<Repo.rules.rules.count {
                    let at = matcher.ruleTable.branchAt(i, inClass: c.place)
                    #expect((at >= 0) == prefilter.branchTable.isListed(i))
                    if at >= 0 {
                        #expect(matcher.ruleTable.anyHolds(at: at, fired: scratch.fired) == prefilter.branchTable.anyHolds(i, fired: scratch.fired))
                    }
                }
                scratch.clear()
            }
        }
    }
}
