#if !_endian(little)
#error("FeatureTest.Read masks a field's low bytes: little-endian machines only")
#endif

/// One condition of a rule on a line feature, as a range the feature's value must lie in: the
/// conditions a rule sets, as a flat list (`Conditions.featureTests`, `Rule.featuresHold`).
/// The matcher tests a rule's conditions on every line its prefilter lets through, and reading
/// them from the 344-byte `Conditions` copied the whole struct each time.
struct FeatureTest: Sendable, Equatable {
    enum Feature: UInt8, Sendable {
        case words, chars, links, stopwordRatio, endsWithPunctuation, capsRatio, titleRatio, position
        case gapBefore, gapAfter, proseDistance, mainBlock, storyBlock, aboveMainBlock, belowMainBlock, aboveStoryProse, belowStoryProse, aboveByline, belowListHeading, layoutHeader, tableCell, storyList, splitDate, overCutTitle, teaserBox, pageLines
    }

    let feature: Feature
    let low: Double
    let high: Double
    /// Where the feature stands in `LineFeatures` and how its 8 bytes there are read
    /// (`FeatureTest.Read`): `fails(at:)` reads any feature the same way, with no branch on which.
    private let read: Read

    init(_ feature: Feature, low: Double = -.infinity, high: Double = .infinity) {
        self.feature = feature
        self.low = low
        self.high = high
        read = FeatureTest.reads[Int(feature.rawValue)]
    }

    /// How `fails(at:)` reads a feature: the 8 bytes at `offset` in `LineFeatures`, as a `Double`
    /// where `double` is all ones, else as an integer masked by `integer` (all ones for an `Int`,
    /// 0xFF for a `Bool`, whose byte is 0 or 1) and converted. A switch over the feature, each
    /// case reading its own field, compiled to a jump table whose indirect jump mispredicted at
    /// most tests (22 K of the context rounds' 27 K indirect mispredicts on the first 160 news
    /// pages; step 515 in docs/performance.md).
    /// The mask reads a field's low bytes first: little-endian machines only (x86_64, aarch64).
    struct Read: Sendable, Equatable {
        let offset: Int
        let integer: UInt64
        let double: UInt64
    }

    static let reads: [Read] = {
        func int(_ path: KeyPath<LineFeatures, Int>) -> Read { Read(offset: MemoryLayout<LineFeatures>.offset(of: path)!, integer: ~0, double: 0) }
        func double(_ path: KeyPath<LineFeatures, Double>) -> Read {
            Read(offset: MemoryLayout<LineFeatures>.offset(of: path)!, integer: 0, double: ~0)
        }
        func bool(_ path: KeyPath<LineFeatures, Bool>) -> Read { Read(offset: MemoryLayout<LineFeatures>.offset(of: path)!, integer: 0xFF, double: 0) }
        let reads: [Read] = [
            int(\.words), int(\.chars), int(\.links), double(\.stopwordRatio), bool(\.endsWithPunctuation), double(\.capsRatio),
            double(\.titleRatio), double(\.position), bool(\.gapBefore), bool(\.gapAfter), int(\.proseDistance), bool(\.inMainBlock),
            bool(\.inStoryBlock), int(\.aboveMainBlock), int(\.belowMainBlock), int(\.aboveStoryProse), int(\.belowStoryProse),
            int(\.aboveByline), int(\.belowListHeading), bool(\.layoutHeader), bool(\.tableCell), bool(\.storyList), bool(\.splitDate), bool(\.overCutTitle), bool(\.teaserBox),
            int(\.pageLines),
        ]
        // Each feature's 8 bytes lie inside the struct (a flag is read with the bytes after it).
        precondition(reads.count == Int(Feature.pageLines.rawValue) + 1
            && reads.allSatisfy { $0.offset + 8 <= MemoryLayout<LineFeatures>.size })
        return reads
    }()

    /// A flag that must equal `value`.
    init(_ feature: Feature, is value: Bool) {
        self.init(feature, low: value ? 1 : 0, high: value ? 1 : 0)
    }

    /// Whether the line's feature fails the test. Written as the conditions were: a value below
    /// `low` or above `high` fails (so a NaN ratio passes, as `f.stopwordRatio < v` let it),
    /// except `position`, which must lie in the range (`ClosedRange.contains`).
    @inline(__always)
    func fails(_ f: LineFeatures) -> Bool {
        withUnsafePointer(to: f) { fails(at: $0) }
    }

    /// A failing test said as the rule file writes it, with the line's value (`RuleExamples`:
    /// "max_words 5 fails: the line has 7 words"); nil for the conditions examples do not test.
    func explained(_ f: LineFeatures) -> String? {
        func bound(_ name: String, _ value: String) -> String {
            high == .infinity ? "min_\(name) \(Self.number(low)) fails: the line has \(value)"
                : low == -.infinity ? "max_\(name) \(Self.number(high)) fails: the line has \(value)"
                : "min_\(name) \(Self.number(low)) / max_\(name) \(Self.number(high)) fails: the line has \(value)"
        }
        switch feature {
        case .words: return bound("words", "\(f.words) word(s)")
        case .chars: return bound("chars", "\(f.chars) non-space character(s)")
        case .links: return bound("links", "\(f.links) link(s)")
        case .stopwordRatio: return bound("stopword_ratio", "a stop-word share of \(Self.number(f.stopwordRatio))")
        case .capsRatio: return bound("caps_ratio", "a capitals share of \(Self.number(f.capsRatio))")
        case .titleRatio: return bound("title_ratio", "a title-case share of \(Self.number(f.titleRatio))")
        case .endsWithPunctuation: return "ends_with_punctuation \(low == 1) fails: the line \(f.endsWithPunctuation ? "ends" : "does not end") with . ! ? …"
        default: return nil
        }
    }

    private static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String((v * 10_000).rounded() / 10_000)
    }

    /// `fails` on the features at `features`, each field read where it stands: the matcher reads
    /// the labeller's array in place, and a `LineFeatures` passed by value was copied for each
    /// rule (step 242 in docs/performance.md). Read without a branch on the feature (`Read`).
    /// (`position` is never NaN, so that its test, `low <= v && v <= high` as `ClosedRange`
    /// says it, is the others'.)
    @inline(__always)
    func fails(at features: UnsafePointer<LineFeatures>) -> Bool {
        let bits = (UnsafeRawPointer(features) + read.offset).loadUnaligned(as: UInt64.self)
        let integer = Double(Int64(bitPattern: bits & read.integer)).bitPattern
        let v = Double(bitPattern: (bits & read.double) | (integer & ~read.double))
        return v < low || v > high
    }

    /// `fails(at:)` as it was written before step 515, a case a feature: what `FeatureTestReadTests`
    /// compares it with.
    func failsBySwitch(at features: UnsafePointer<LineFeatures>) -> Bool {
        let v: Double
        let f = features
        switch feature {
        case .words: v = Double(f.pointee.words)
        case .chars: v = Double(f.pointee.chars)
        case .links: v = Double(f.pointee.links)
        case .stopwordRatio: v = f.pointee.stopwordRatio
        case .endsWithPunctuation: v = f.pointee.endsWithPunctuation ? 1 : 0
        case .capsRatio: v = f.pointee.capsRatio
        case .titleRatio: v = f.pointee.titleRatio
        case .position: return !(low <= f.pointee.position && f.pointee.position <= high)
        case .gapBefore: v = f.pointee.gapBefore ? 1 : 0
        case .gapAfter: v = f.pointee.gapAfter ? 1 : 0
        case .proseDistance: v = Double(f.pointee.proseDistance)
        case .mainBlock: v = f.pointee.inMainBlock ? 1 : 0
        case .storyBlock: v = f.pointee.inStoryBlock ? 1 : 0
        case .aboveMainBlock: v = Double(f.pointee.aboveMainBlock)
        case .belowMainBlock: v = Double(f.pointee.belowMainBlock)
        case .aboveStoryProse: v = Double(f.pointee.aboveStoryProse)
        case .belowStoryProse: v = Double(f.pointee.belowStoryProse)
        case .aboveByline: v = Double(f.pointee.aboveByline)
        case .belowListHeading: v = Double(f.pointee.belowListHeading)
        case .layoutHeader: v = f.pointee.layoutHeader ? 1 : 0
        case .tableCell: v = f.pointee.tableCell ? 1 : 0
        case .storyList: v = f.pointee.storyList ? 1 : 0
        case .splitDate: v = f.pointee.splitDate ? 1 : 0
        case .overCutTitle: v = f.pointee.overCutTitle ? 1 : 0
        case .teaserBox: v = f.pointee.teaserBox ? 1 : 0
        case .pageLines: v = Double(f.pointee.pageLines)
        }
        return v < low || v > high
    }

    /// Whether every test holds on `f` (the position test skipped when `ignoringPosition`).
    static func allHold(_ tests: [FeatureTest], _ f: LineFeatures, ignoringPosition: Bool) -> Bool {
        withUnsafePointer(to: f) { allHold(tests, at: $0, ignoringPosition: ignoringPosition) }
    }

    /// `allHold` on the features at `f` (`fails(at:)`).
    @inline(__always)
    static func allHold(_ tests: [FeatureTest], at f: UnsafePointer<LineFeatures>, ignoringPosition: Bool) -> Bool {
        for t in tests where t.fails(at: f) {
            if ignoringPosition, t.feature == .position { continue }
            return false
        }
        return true
    }
}

extension Conditions {
    /// The feature conditions set, in the order `holds(for:)` used to test them.
    var featureTests: [FeatureTest] {
        var tests: [FeatureTest] = []
        func add(_ feature: FeatureTest.Feature, min: Int?, max: Int?) {
            if let min { tests.append(FeatureTest(feature, low: Double(min))) }
            if let max { tests.append(FeatureTest(feature, high: Double(max))) }
        }
        func add(_ feature: FeatureTest.Feature, min: Double?, max: Double?) {
            if let min { tests.append(FeatureTest(feature, low: min)) }
            if let max { tests.append(FeatureTest(feature, high: max)) }
        }
        func add(_ feature: FeatureTest.Feature, is value: Bool?) {
            if let value { tests.append(FeatureTest(feature, is: value)) }
        }
        add(.words, min: minWords, max: maxWords)
        add(.chars, min: minChars, max: maxChars)
        add(.links, min: minLinks, max: maxLinks)
        add(.stopwordRatio, min: minStopwordRatio, max: maxStopwordRatio)
        add(.endsWithPunctuation, is: endsWithPunctuation)
        add(.capsRatio, min: minCapsRatio, max: maxCapsRatio)
        add(.titleRatio, min: minTitleRatio, max: maxTitleRatio)
        if let position { tests.append(FeatureTest(.position, low: position.lowerBound, high: position.upperBound)) }
        add(.gapBefore, is: gapBefore)
        add(.gapAfter, is: gapAfter)
        add(.proseDistance, min: minProseDistance, max: maxProseDistance)
        add(.mainBlock, is: mainBlock)
        add(.storyBlock, is: storyBlock)
        // "At most v lines above": 0 means not above one at all.
        if let v = maxAboveMainBlock { tests.append(FeatureTest(.aboveMainBlock, low: 1, high: Double(v))) }
        if let v = minBelowMainBlock { tests.append(FeatureTest(.belowMainBlock, low: Double(v))) }
        if let v = maxBelowMainBlock { tests.append(FeatureTest(.belowMainBlock, high: Double(v))) }
        if let v = maxAboveStoryProse { tests.append(FeatureTest(.aboveStoryProse, low: 1, high: Double(v))) }
        if let v = maxBelowStoryProse { tests.append(FeatureTest(.belowStoryProse, low: 1, high: Double(v))) }
        if let v = maxAboveByline { tests.append(FeatureTest(.aboveByline, low: 1, high: Double(v))) }
        if let v = maxBelowListHeading { tests.append(FeatureTest(.belowListHeading, low: 1, high: Double(v))) }
        add(.layoutHeader, is: layoutHeader)
        add(.tableCell, is: tableCell)
        add(.storyList, is: storyList)
        add(.splitDate, is: splitDate)
        add(.overCutTitle, is: overCutTitle)
        add(.teaserBox, is: teaserBox)
        add(.pageLines, min: minPageLines, max: maxPageLines)
        return tests
    }
}
