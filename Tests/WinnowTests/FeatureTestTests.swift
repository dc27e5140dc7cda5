import Testing
@testable import Winnow

/// The flat feature tests (`Conditions.featureTests`) against the conditions' plain definition,
/// for every combination of a few condition values and edge-case features (a NaN ratio, not
/// above a block, exactly at a bound).
@Suite struct FeatureTestTests {
    static func plainHolds(_ c: Conditions, _ f: LineFeatures, ignoringPosition: Bool) -> Bool {
        if let v = c.minWords, f.words < v { return false }
        if let v = c.maxWords, f.words > v { return false }
        if let v = c.minStopwordRatio, f.stopwordRatio < v { return false }
        if let v = c.maxStopwordRatio, f.stopwordRatio > v { return false }
        if let v = c.endsWithPunctuation, f.endsWithPunctuation != v { return false }
        if let v = c.position, !ignoringPosition, !v.contains(f.position) { return false }
        if let v = c.maxAboveMainBlock, f.aboveMainBlock == 0 || f.aboveMainBlock > v { return false }
        if let v = c.maxAboveByline, f.aboveByline == 0 || f.aboveByline > v { return false }
        if let v = c.maxBelowListHeading, f.belowListHeading == 0 || f.belowListHeading > v { return false }
        if let v = c.tableCell, f.tableCell != v { return false }
        if let v = c.storyList, f.storyList != v { return false }
        if let v = c.splitDate, f.splitDate != v { return false }
        if let v = c.overCutTitle, f.overCutTitle != v { return false }
        if let v = c.teaserBox, f.teaserBox != v { return false }
        if let v = c.minChars, f.chars < v { return false }
        if let v = c.maxChars, f.chars > v { return false }
        if let v = c.minLinks, f.links < v { return false }
        if let v = c.maxLinks, f.links > v { return false }
        if let v = c.minCapsRatio, f.capsRatio < v { return false }
        if let v = c.maxCapsRatio, f.capsRatio > v { return false }
        if let v = c.minTitleRatio, f.titleRatio < v { return false }
        if let v = c.maxTitleRatio, f.titleRatio > v { return false }
        if let v = c.gapBefore, f.gapBefore != v { return false }
        if let v = c.gapAfter, f.gapAfter != v { return false }
        if let v = c.minProseDistance, f.proseDistance < v { return false }
        if let v = c.maxProseDistance, f.proseDistance > v { return false }
        if let v = c.mainBlock, f.inMainBlock != v { return false }
        if let v = c.layoutHeader, f.layoutHeader != v { return false }
        return true
    }

    /// Every other feature condition, one at a time, against features that vary each field on
    /// both sides of the bound (a swapped feature in `FeatureTest` would disagree somewhere).
    @Test func everyConditionAgreesAlone() {
        var conditions: [Conditions] = []
        func one<T>(_ key: WritableKeyPath<Conditions, T?>, _ values: [T]) {
            for v in values { var c = Conditions(); c[keyPath: key] = v; conditions.append(c) }
        }
        one(\.minChars, [10]); one(\.maxChars, [10]); one(\.minLinks, [1]); one(\.maxLinks, [0])
        one(\.minCapsRatio, [0.5]); one(\.maxCapsRatio, [0.5]); one(\.minTitleRatio, [0.5]); one(\.maxTitleRatio, [0.5])
        one(\.gapBefore, [true, false]); one(\.gapAfter, [true, false]); one(\.minProseDistance, [2]); one(\.maxProseDistance, [2])
        one(\.mainBlock, [true, false]); one(\.layoutHeader, [true, false])
        var features: [LineFeatures] = []
        for k in 0..<6 {
            var f = LineFeatures()
            f.chars = [0, 9, 10, 11, 40, 10][k]; f.links = [0, 1, 2, 0, 1, 0][k]
            f.capsRatio = [0, 0.5, 1, .nan, 0.49, 0.51][k]; f.titleRatio = [1, 0.49, 0.5, 0, .nan, 0.51][k]
            f.gapBefore = k % 2 == 0; f.gapAfter = k % 3 == 0; f.proseDistance = [0, 1, 2, 3, 2, 9][k]
            f.inMainBlock = k < 3; f.layoutHeader = k == 4
            features.append(f)
        }
        for c in conditions {
            let rule = Rule(id: "r", description: "", pattern: nil, scores: [], conditions: c)
            for f in features {
                let plain = Self.plainHolds(c, f, ignoringPosition: false)
                #expect(c.holds(for: f, ignoringPosition: false) == plain)
                #expect(rule.featuresHold(f, ignoringPosition: false) == plain)
            }
        }
    }

    @Test func agreeWithThePlainDefinition() {
        var conditions: [Conditions] = [Conditions()]
        func vary<T>(_ key: WritableKeyPath<Conditions, T?>, _ values: [T]) {
            conditions = conditions.flatMap { c in [c] + values.map { v in var d = c; d[keyPath: key] = v; return d } }
        }
        vary(\.minWords, [3]); vary(\.maxWords, [3]); vary(\.minStopwordRatio, [0.25]); vary(\.maxStopwordRatio, [0.25])
        vary(\.endsWithPunctuation, [true, false]); vary(\.position, [0.5...1]); vary(\.maxAboveMainBlock, [2])
        vary(\.maxAboveByline, [1]); vary(\.maxBelowListHeading, [2]); vary(\.tableCell, [true]); vary(\.storyList, [false]); vary(\.splitDate, [true])
        vary(\.overCutTitle, [true]); vary(\.teaserBox, [false])
        var features: [LineFeatures] = []
        for words in [0, 3, 4] {
            for ratio in [0.0, 0.25, .nan] {
                for (position, above) in [(0.2, 0), (0.5, 1), (1.0, 3)] {
                    var f = LineFeatures()
                    f.words = words; f.stopwordRatio = ratio; f.position = position
                    f.aboveMainBlock = above; f.aboveByline = above; f.belowListHeading = above
                    f.endsWithPunctuation = words == 3; f.tableCell = above == 1; f.storyList = words == 4; f.splitDate = above == 3
                    f.overCutTitle = words == 3; f.teaserBox = above == 1
                    features.append(f)
                }
            }
        }
        for c in conditions {
            let rule = Rule(id: "r", description: "", pattern: nil, scores: [], conditions: c)
            for f in features {
                for ignoring in [false, true] {
                    let plain = Self.plainHolds(c, f, ignoringPosition: ignoring)
                    #expect(c.holds(for: f, ignoringPosition: ignoring) == plain)
                    #expect(rule.featuresHold(f, ignoringPosition: ignoring) == plain)
                }
            }
        }
    }
}

/// Step 515: a feature test reads its feature by offset and mask, with no branch on which
/// (`FeatureTest.fails(at:)`), as the switch over the features did (`failsBySwitch(at:)`): every
/// feature, bounds on both sides and at the value, values of every kind (negative and large
/// counts, NaN and infinite ratios, both flags), with the other fields filled at random (a flag
/// is read with the bytes after it). A position is never NaN (`Labeler.lineFeatures`), so none is tried.
@Suite struct FeatureTestReadTests {
    typealias Generator = EngineCostTests.Generator

    @Test func everyFeatureReadsAsTheSwitchDid() {
        var g = Generator(state: 0x515_5EED_0515_0001)
        let doubles: [Double] = [0, 0.25, 0.5, 1, -1, .nan, .infinity, -.infinity, 1e300, 0.4999]
        let ints = [0, 1, 2, 3, 7, -1, -5, 1 << 40, Int.max, Int.min]
        var failures = 0
        for _ in 0..<4_000 {
            var f = LineFeatures()
            func int() -> Int { ints[g.next(ints.count)] }
            func double() -> Double { doubles[g.next(doubles.count)] }
            func bool() -> Bool { g.next(2) == 0 }
            f.words = int(); f.chars = int(); f.links = int(); f.stopwordRatio = double(); f.endsWithPunctuation = bool()
            f.capsRatio = double(); f.titleRatio = double(); f.position = [0, 0.5, 1, 0.2][g.next(4)]; f.gapBefore = bool()
            f.gapAfter = bool(); f.proseDistance = int(); f.inMainBlock = bool(); f.inStoryBlock = bool(); f.aboveMainBlock = int()
            f.belowMainBlock = int(); f.aboveStoryProse = int(); f.belowStoryProse = int(); f.aboveByline = int()
            f.belowListHeading = int(); f.layoutHeader = bool(); f.tableCell = bool(); f.storyList = bool(); f.splitDate = bool()
            f.overCutTitle = bool(); f.teaserBox = bool()
            f.pageLines = int(); f.shortWords = UInt64(truncatingIfNeeded: g.next(Int.max)) &* 0x9E37_79B9_7F4A_7C15; f.shortWordsKey = ~f.shortWords
            for raw in 0...FeatureTest.Feature.pageLines.rawValue {
                let feature = FeatureTest.Feature(rawValue: raw)!
                for _ in 0..<3 {
                    let bounds: [Double] = [-.infinity, .infinity, 0, 1, 0.5, 2, -1, Double(1 << 40)]
                    let test = g.next(3) == 0 ? FeatureTest(feature, is: bool())
                        : FeatureTest(feature, low: bounds[g.next(bounds.count)], high: bounds[g.next(bounds.count)])
                    let same = withUnsafePointer(to: f) { test.fails(at: $0) == test.failsBySwitch(at: $0) }
                    if !same {
                        failures += 1
                        if failures < 5 { Issue.record("\(feature) \(test.low)...\(test.high) on \(f)") }
                    }
                }
            }
        }
        #expect(failures == 0)
    }
}

/// A context condition's wanted label read once (`LabelTest`) against its plain definition: the
/// family's name or the label's description equals the text, "edge" for no label.
@Suite struct LabelTestTests {
    @Test func aWantedLabelMatchesAsItsTextDoes() {
        let labels: [Label?] = [nil] + Label.scorable + [Label(.article, "x"), Label(.boilerplate, "unknown"), Label(.boilerplate, ""),
                                                        Label(.comment, "on-topic.x"), Label(.boilerplate)]
        let wants = ["edge", "article", "boilerplate", "comment", "boilerplate.related", "comment.on-topic", "article.x",
                     "boilerplate.unknown", "boilerplate.", "comment.on-topic.x", "boilerplate.share.x", "foo.bar", "related", "", "."]
        for want in wants {
            let test = LabelTest(want)
            for label in labels {
                let plain = label.map { $0.family.rawValue == want || $0.description == want } ?? (want == "edge")
                #expect(test.matches(label) == plain, "\(want) on \(label?.description ?? "edge")")
            }
        }
    }
}
