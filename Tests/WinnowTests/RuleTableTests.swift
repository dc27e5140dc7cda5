import CWinnowScan
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
            f.overCutTitle = Bool.random(using: &g); f.teaserBox = Bool.random(using: &g)
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

    /// A word count's row holds the rules whose `words` bounds admit it, exactly for the bundled
    /// rules (whose bounds are below `mostWordRows`) at every count a line can have (the bounds
    /// are held in 32 bits, `Entry`: a line of 2^31 words would take 4 GB); and a bound past it
    /// leaves the last row holding every rule.
    @Test func wordRowsHoldTheRulesTheWordCountAdmits() throws {
        let table = RuleMatcher(rules: Repo.rules).ruleTable
        #expect(table.wordRowsExact)
        for words in Array(0...300) + [500, 5000, 1 << 20, 1 << 30, Int(Int32.max)] {
            let row = table.wordRow(words)
            for i in 0..<table.count {
                let bit = row[i >> 6] >> UInt64(i & 63) & 1 == 1
                #expect(bit == table.entries[i].admits(words: words), "rule \(i), \(words) words")
            }
        }
        let far = try RuleLoader.parse(yaml: """
        - id: t.far
          description: d
          when: {min_words: 3, max_words: 9000}
          scores: {article: 1}
        - id: t.near
          description: d
          when: {max_words: 3}
          scores: {article: 1}
        """, file: "t.yml")
        let loose = RuleTable(rules: far)
        #expect(!loose.wordRowsExact)
        #expect(loose.wordRow(2)[0] == 0b10 && loose.wordRow(3)[0] == 0b11 && loose.wordRow(4)[0] == 0b01)
        #expect(loose.wordRow(9001)[0] == 0b11)
    }

    /// A line's row (step 730) holds exactly the rules whose word bounds and tests on the rows'
    /// features pass (a rule that waives its position passes on position), so it leaves out only
    /// rules whose admission is `.no`: the bundled rules, on random features, and made-up rules
    /// whose bounds stand at, between and beyond the values a line takes. With the default rows
    /// (flags and counts, one group) and with rows of every feature (`rowSlots`: ratios and the
    /// position too, in several groups). A NaN count (no line has one) lists its group's rules
    /// unfiltered: a row that holds at least those rules.
    @Test func featureRowsHoldTheRulesTheKeyFeaturesAdmit() throws {
        let made = try RuleLoader.parse(yaml: (0..<36).map { k in
            let when = ["max_links: \(k % 3)", "min_links: \(k % 4)", "ends_with_punctuation: \(k % 2 == 0)", "min_below_main_block: \(k)",
                        "max_stopword_ratio: 0.\(k)", "main_block: \(k % 3 == 0)", "min_caps_ratio: 0.\(k % 10)", "position: [0.\(k % 10), 1]",
                        "max_title_ratio: \(k % 2 == 0 ? "0.5" : "1")"][k % 9]
            return "- id: t.r\(k)\n  description: d\n  pattern: 'x\(k)'\n  when: {\(when)}\n  scores: {article: 1}\n"
        }.joined(), file: "t.yml")
        let every = (0..<FeatureValues.slots).filter { $0 != Int(FeatureTest.Feature.words.rawValue) }
        var left = 0, nanLines = 0, groupCounts: Set<Int32> = []
        for rules in [Repo.rules.rules, made] {
            for rowSlots in [nil, every] {
                let table = RuleTable(rules: rules, rowSlots: rowSlots)
                let slots = table.keySlots
                try #require(!slots.isEmpty)
                groupCounts.insert(table.featureTables.pointee.groups)
                if rowSlots != nil { #expect(slots.contains(FeatureValues.positionSlot) && slots.contains(Int(FeatureTest.Feature.capsRatio.rawValue))) }
                let countSlots = slots.filter { FeatureValues.countSlots.contains($0) }
                let values = FeatureValues()
                for (n, var f) in Self.features(1500).enumerated() {
                    withUnsafePointer(to: &f) { p in
                        values.fill(from: p)
                        // Every 13th line a NaN in one of the rows' counts.
                        let nan = n % 13 == 0 && !countSlots.isEmpty ? countSlots[n / 13 % countSlots.count] : nil
                        if let nan {
                            values.values[nan] = .nan
                            nanLines += 1
                        }
                        // Every rule triggered: the listed ones are those the rows hold.
                        let all = [UInt64](repeating: ~0, count: table.ruleWords), none = [UInt64](repeating: 0, count: table.ruleWords)
                        var out = [Int32](repeating: -1, count: rules.count)
                        let n = ws_line_rules(table.featureTables, values.values, all, none, table.wordRow(p.pointee.words), table.ruleWords, &out)
                        let listed = Set(out.prefix(n))
                        #expect(out.prefix(n).elementsEqual(out.prefix(n).sorted()))
                        var filled = true
                        for i in rules.indices {
                            let e = table.entries[i]
                            var holds = true
                            for k in Int(e.testStart)..<Int(e.testStart) + Int(e.testCount) where slots.contains(table.bounds[k].slot) {
                                let b = table.bounds[k], x = values.values[b.slot]
                                if b.slot == FeatureValues.positionSlot && e.flags & RuleTable.Entry.waivesPosition != 0 { continue }
                                if x < b.low || x > b.high { holds = false }
                            }
                            let bit = listed.contains(Int32(i))
                            if nan == nil {
                                #expect(bit == (holds && e.admits(words: p.pointee.words)), "\(rules[i].id)")
                            } else {
                                #expect(!(holds && e.admits(words: p.pointee.words)) || bit, "\(rules[i].id)")
                                #expect(!bit || e.admits(words: p.pointee.words), "\(rules[i].id)")
                            }
                            if !bit {
                                left += 1
                                #expect(table.admission(i, words: p.pointee.words, values: values, filled: &filled, features: p) == .no, "\(rules[i].id)")
                            }
                        }
                    }
                }
            }
        }
        #expect(left > 0 && nanLines > 0)
        // One group by default, several with every feature.
        #expect(groupCounts.contains(1) && groupCounts.contains { $0 > 1 })
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
                    // Listed, but for a rule with a branch of no term (the table answers it).
                    let list = prefilter.branchTable.list(i)
                    #expect((at >= 0) == (list != nil && !list!.contains(where: \.isEmpty)))
                    if at >= 0 {
                        #expect(matcher.ruleTable.anyHolds(at: at, fired: scratch.fired) == prefilter.branchTable.anyHolds(i, fired: scratch.fired))
                    }
                }
                scratch.clear()
            }
        }
    }
}
