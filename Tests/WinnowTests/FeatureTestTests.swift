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
        if let v = c.tableCell, f.tableCell != v { return false }
        return true
    }

    @Test func agreeWithThePlainDefinition() {
        var conditions: [Conditions] = [Conditions()]
        func vary<T>(_ key: WritableKeyPath<Conditions, T?>, _ values: [T]) {
            conditions = conditions.flatMap { c in [c] + values.map { v in var d = c; d[keyPath: key] = v; return d } }
        }
        vary(\.minWords, [3]); vary(\.maxWords, [3]); vary(\.minStopwordRatio, [0.25]); vary(\.maxStopwordRatio, [0.25])
        vary(\.endsWithPunctuation, [true, false]); vary(\.position, [0.5...1]); vary(\.maxAboveMainBlock, [2])
        vary(\.maxAboveByline, [1]); vary(\.tableCell, [true])
        var features: [LineFeatures] = []
        for words in [0, 3, 4] {
            for ratio in [0.0, 0.25, .nan] {
                for (position, above) in [(0.2, 0), (0.5, 1), (1.0, 3)] {
                    var f = LineFeatures()
                    f.words = words; f.stopwordRatio = ratio; f.position = position
                    f.aboveMainBlock = above; f.aboveByline = above
                    f.endsWithPunctuation = words == 3; f.tableCell = above == 1
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
