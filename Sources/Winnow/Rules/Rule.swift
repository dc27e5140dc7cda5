/// One rule from a YAML rule file: a PCRE2 pattern and/or conditions on line features, and the
/// scores it adds to labels when it fires. See docs/rules.md for the schema.
///
/// A class, immutable: every line's candidates refer to their rule, and a reference costs one
/// retain where a copy of the struct cost one per field.
public final class Rule: Sendable {
    /// Structural roles a rule can give a line, besides its scores.
    public enum Mark: String, Sendable, CaseIterable {
        /// The line opens the reader-comment section ("Leave a Reply", "12 Comments").
        case commentSection = "comment-section"
        /// The line starts a new comment and names its author ("ally said...").
        case commentHeader = "comment-header"
        /// The line is a comment's date line; a short name line right above it is the
        /// comment's header ("Jane Doe" then "May 3, 2017 at 4:12 pm"), else the date line is.
        case commentDate = "comment-date"
        /// The line holds only a date, no clock time ("November 12, 2012"). Alone it decides
        /// nothing; `ThreadLayout` uses it to recognise a thread whose comments each start
        /// with a name over such a date, or such a date over a name.
        case threadDate = "thread-date"
        /// The line is the story's byline or dateline: the lines right above it (headline,
        /// standfirst, author lines) get `LineFeatures.aboveByline`.
        case storyByline = "story-byline"
        /// The line heads a list, the story's own ("Key points") or a teaser box's ("Related
        /// Posts"): the lines right under it get `LineFeatures.belowListHeading`; rules tell the
        /// two apart by the label above the line (`previous`).
        case listHeading = "list-heading"
        /// The line introduces the site's furniture, not a list of the story's ("Use these
        /// links to read the related threads:", "Spread the word to your friends:"): the short lines
        /// under it are no list of the story's (`Labeler.markLeadInLists` skips it as a lead-in).
        case furnitureLeadIn = "furniture-lead-in"
        /// The line is markup left in the text (".comment-author", "#post-##"): inside a
        /// comment it neither joins the comment nor ends it, as the flattened page put it
        /// between a comment's header, date and text.
        case markup
    }

    public let id: String
    public let description: String
    public let pattern: Pattern?
    /// The pattern as the rule file writes it; `pattern` is compiled from it with its plain word
    /// lists grouped (`WordGroups`), so `pattern.source` may differ.
    public let writtenPattern: String?
    public let scores: [(label: Label, score: Double)]
    /// `scores` as a hit carries them, built once: every hit of the rule shares the array.
    public let hitScores: [LabelScore]
    public let conditions: Conditions
    /// `conditions.featureTests`, built once: the matcher tests them on every line.
    let featureTests: [FeatureTest]
    public let marks: Set<Mark>
    public let examples: Examples
    /// Where the rule was defined, for messages.
    public let file: String
    public let line: Int

    /// Comment headers and date lines repeat down a thread, so their position condition is
    /// waived on pages where they fire often enough (`comment_header_repeat`).
    public let marksCommentStart: Bool

    /// Whether the rule has `mark`: a bit test, as the walk asks it of every candidate of every
    /// line (a `Set<Mark>` lookup hashed the mark's name).
    @inline(__always)
    public func has(_ mark: Mark) -> Bool { markBits & Rule.bit(mark) != 0 }
    private let markBits: UInt8
    private static func bit(_ mark: Mark) -> UInt8 {
        switch mark {
        case .commentSection: 1
        case .commentHeader: 2
        case .commentDate: 4
        case .threadDate: 8
        case .storyByline: 16
        case .markup: 32
        case .listHeading: 64
        case .furnitureLeadIn: 128
        }
    }

    /// `conditions.holds(for:ignoringPosition:)`, without copying the conditions.
    @inline(__always)
    func featuresHold(_ f: LineFeatures, ignoringPosition: Bool = false) -> Bool {
        FeatureTest.allHold(featureTests, f, ignoringPosition: ignoringPosition)
    }

    /// `featuresHold` on the features at `f`, read in place (`FeatureTest.fails(at:)`).
    @inline(__always)
    func featuresHold(at f: UnsafePointer<LineFeatures>, ignoringPosition: Bool = false) -> Bool {
        FeatureTest.allHold(featureTests, at: f, ignoringPosition: ignoringPosition)
    }

    /// `conditions.holds(inCommentSection:)`, without copying the conditions (the walk asks it
    /// of every candidate of every line).
    func holds(inCommentSection: Bool) -> Bool { Conditions.section(section, holdsIn: inCommentSection) }
    private let section: Conditions.Section?

    /// A context rule tests the labels of neighbouring lines, so it runs in the second pass.
    public var isContextRule: Bool { conditions.testsNeighbours }

    /// A context rule that runs after the context pass, on its labels (`after_context`); stored,
    /// as the context pass asks it of every context rule its features allow on every line.
    public let isChained: Bool

    /// The context conditions, built once (nil for a rule of the first pass).
    let contextTest: ContextTest?

    public var labels: [Label] { scores.map(\.label) }

    public init(id: String, description: String, pattern: Pattern?, scores: [(label: Label, score: Double)],
                conditions: Conditions = Conditions(), marks: Set<Mark> = [], examples: Examples = Examples(),
                file: String = "", line: Int = 0, writtenPattern: String? = nil) {
        self.id = id
        self.description = description
        self.pattern = pattern
        self.writtenPattern = writtenPattern ?? pattern?.source
        self.scores = scores
        self.hitScores = scores.map { LabelScore($0.label, $0.score) }
        self.conditions = conditions
        featureTests = conditions.featureTests
        section = conditions.section
        contextTest = ContextTest(conditions)
        isChained = conditions.afterContext == true
        self.marks = marks
        markBits = marks.reduce(0) { $0 | Rule.bit($1) }
        marksCommentStart = marks.contains(.commentHeader) || marks.contains(.commentDate)
        self.examples = examples
        self.file = file
        self.line = line
    }
}

extension Rule {
    /// A copy with strings, arrays and pattern object of its own (`RuleSet.threadCopy`).
    func threadCopy() -> Rule {
        var conditions = conditions
        for key in [\Conditions.previous, \.next, \.neighbours, \.firstPass, \.nearby] {
            conditions[keyPath: key] = conditions[keyPath: key]?.ownCopy
        }
        return Rule(id: id.ownCopy, description: description.ownCopy, pattern: pattern?.threadCopy(),
                    scores: scores.map { ($0.label, $0.score) }, conditions: conditions, marks: marks,
                    examples: examples, file: file, line: line, writtenPattern: writtenPattern?.ownCopy)
    }
}

extension String {
    /// The same text in storage of its own (a copy of a String shares its buffer).
    var ownCopy: String { String(decoding: Array(utf8), as: UTF8.self) }
}

/// SwiftLint-style examples: lines the rule must fire on, and lines it must not fire on.
public struct Examples: Sendable, Equatable {
    public var match: [String] = []
    public var noMatch: [String] = []
    public init(match: [String] = [], noMatch: [String] = []) {
        self.match = match
        self.noMatch = noMatch
    }
}

/// Conditions on a line's features, all of which must hold for the rule to fire.
public struct Conditions: Sendable, Equatable {
    public enum Section: String, Sendable { case body, comments }

    public var minWords: Int?
    public var maxWords: Int?
    public var minChars: Int?
    public var maxChars: Int?
    public var minLinks: Int?
    public var maxLinks: Int?
    public var minStopwordRatio: Double?
    public var maxStopwordRatio: Double?
    public var endsWithPunctuation: Bool?
    public var minCapsRatio: Double?
    public var maxCapsRatio: Double?
    public var minTitleRatio: Double?
    public var maxTitleRatio: Double?
    public var position: ClosedRange<Double>?
    public var gapBefore: Bool?
    public var gapAfter: Bool?
    public var minProseDistance: Int?
    public var maxProseDistance: Int?
    public var mainBlock: Bool?
    /// The line lies in the largest main block or a main block above it.
    public var storyBlock: Bool?
    /// The line is at most this many non-blank lines above the first line of a main block.
    public var maxAboveMainBlock: Int?
    /// The line is at least this many non-blank lines below the last line of the page's last
    /// main block: past the story's end.
    public var minBelowMainBlock: Int?
    /// The line is at most this many non-blank lines below that last line; 0: not below it (the
    /// story's own lines and what stands above them).
    public var maxBelowMainBlock: Int?
    /// The line is prose outside the story's block, at most this many non-blank lines above
    /// the story, and its nearest prose line below is the story's or another such line
    /// (`LineFeatures.aboveStoryProse`).
    public var maxAboveStoryProse: Int?
    /// The same with the nearest prose line above.
    public var maxBelowStoryProse: Int?
    /// The line is at most this many non-blank lines above a `story-byline` line.
    public var maxAboveByline: Int?
    /// The line is at most this many non-blank lines below a `list-heading` line.
    public var maxBelowListHeading: Int?
    /// The line starts a comment in the repeated layout of the page's thread (`ThreadLayout`).
    public var layoutHeader: Bool?
    /// The line is a cell of a story table flattened one cell per line (`StoryTable`).
    public var tableCell: Bool?
    /// The line is an item of a numbered list that starts in the story or just under it (`Labeler.markStoryLists`).
    public var storyList: Bool?
    /// The line is a part of a date printed one part per line (`Labeler.markSplitDates`).
    public var splitDate: Bool?
    /// The next non-blank line is a title cut short by an ellipsis (`Labeler.markOverCutTitles`).
    public var overCutTitle: Bool?
    /// The line is part of a box of three or more teasers in a row (`Labeler.markTeaserBoxes`).
    public var teaserBox: Bool?
    /// The page has at least / at most this many non-blank lines.
    public var minPageLines: Int?
    public var maxPageLines: Int?
    /// The rule fires on at least / at most this many lines of the page (all its other
    /// conditions holding): a story has one byline, a list of teasers repeats its bylines.
    public var minPageHits: Int?
    public var maxPageHits: Int?
    /// Whether the line comes before or after the start of the comment section.
    public var section: Section?
    /// Label families or labels ("boilerplate", "boilerplate.related") of the nearest non-blank
    /// line before / after, and of both, after the first pass.
    public var previous: String?
    public var next: String?
    public var neighbours: String?
    /// The line's own first-pass label or family, so a context rule can target, say, only
    /// lines the first pass called article.
    public var firstPass: String?
    /// Label or family that most of the lines around this one had after the first pass (a
    /// block of teasers, a menu): see `Config.Nearby`.
    public var nearby: String?
    /// The label conditions read the labels after the context pass (and after each later round
    /// in which such rules changed a label), not the first pass's: a box's label passes down it
    /// one line per round ("Submit" under a sign-up box's field, itself decided by context).
    public var afterContext: Bool?

    public init() {}

    public var testsNeighbours: Bool { previous != nil || next != nil || neighbours != nil || firstPass != nil || nearby != nil }

    /// True when no condition needs more than the line's own text (examples can test them).
    public var isEmpty: Bool { self == Conditions() }

    /// The conditions on the line's own text, position and gaps.
    public func holds(for f: LineFeatures, ignoringPosition: Bool = false) -> Bool {
        FeatureTest.allHold(featureTests, f, ignoringPosition: ignoringPosition)
    }

    /// The condition on the comment section.
    public func holds(inCommentSection: Bool) -> Bool { Conditions.section(section, holdsIn: inCommentSection) }

    static func section(_ section: Section?, holdsIn commentSection: Bool) -> Bool {
        guard let section else { return true }
        return (section == .comments) == commentSection
    }
}

/// A context rule's label conditions (`Conditions.previous`, `next`, `neighbours`, `firstPass`,
/// `nearby`), each read once into a `LabelTest`: the context pass tests them for every context
/// rule on every line, and comparing the label strings (after a copy of the rule's `Conditions`)
/// cost more than the rest of that pass. A class: the pass reads it for every context rule a
/// line's features allow, and a struct's copy retained each of its labels' kind strings (about
/// 400 instructions a call with the retains and releases).
final class ContextTest: Sendable {
    let firstPass, previous, next, neighbours, nearby: LabelTest?

    init?(_ c: Conditions) {
        guard c.testsNeighbours else { return nil }
        firstPass = c.firstPass.map(LabelTest.init)
        previous = c.previous.map(LabelTest.init)
        next = c.next.map(LabelTest.init)
        neighbours = c.neighbours.map(LabelTest.init)
        nearby = c.nearby.map(LabelTest.init)
    }

    /// Given the first-pass labels of the neighbouring lines and of the line, and of the lines
    /// around (`around`, asked only for `nearby`: at least `nearbyShare` of them must match).
    func holds(previous p: Label?, next n: Label?, current c: Label?, around: () -> [Label], nearbyShare: Double) -> Bool {
        holds(previous: p, next: n, current: c, nearbyShare: nearbyShare, nearbyCount: { test in
            let labels = around()
            return (labels.count { test.matches($0) }, labels.count)
        })
    }

    /// The same, the lines around counted by `nearbyCount` (asked only for `nearby`): how many
    /// of them the test matches, and how many there are. The context rounds count them in place
    /// (`DecidedLabels.count(around:lines:matching:)`): an array of labels per rule and line cost
    /// about 1 K instructions (step 93 in docs/performance.md).
    func holds(previous p: Label?, next n: Label?, current c: Label?, nearbyShare: Double,
               nearbyCount: (LabelTest) -> (matching: Int, count: Int)) -> Bool {
        if let firstPass, !firstPass.matches(c) { return false }
        if let previous, !previous.matches(p) { return false }
        if let next, !next.matches(n) { return false }
        if let neighbours, !(neighbours.matches(p) && neighbours.matches(n)) { return false }
        if let nearby {
            let (matching, count) = nearbyCount(nearby)
            guard count > 0 else { return false }
            if Double(matching) < nearbyShare * Double(count) { return false }
        }
        return true
    }

    /// `holds` for a rule of the context round's list of the line's three labels, when each is
    /// a known one or none (`RuleMatcher.listsExactly(current:previous:next:)`): the list holds
    /// exactly the round's rules whose `firstPass`, `previous`, `next` and `neighbours` tests
    /// pass on them, so only `nearby` is left to test. Asked with those tests again, each line's
    /// visited rules cost about 90 instructions more (step 785 in docs/performance.md).
    @inline(__always)
    func holdsNearby(nearbyShare: Double, nearbyCount: (LabelTest) -> (matching: Int, count: Int)) -> Bool {
        guard let nearby else { return true }
        let (matching, count) = nearbyCount(nearby)
        guard count > 0 else { return false }
        return !(Double(matching) < nearbyShare * Double(count))
    }
}

/// A wanted label in a context condition: "boilerplate" matches every boilerplate kind,
/// "boilerplate.related" only that kind, "edge" the page's edge (no neighbour). The same answer
/// as comparing `label.family.rawValue` and `label.description` with the text.
struct LabelTest: Sendable {
    let edge: Bool
    let family: Label.Family?
    /// For "<family>.<kind>": that label (compared by its code, `Label.==`).
    let label: Label?

    init(_ want: String) {
        edge = want == "edge"
        family = Label.Family(rawValue: want)
        // No family name holds a dot, so the first one ends it.
        if let dot = want.firstIndex(of: "."), let f = Label.Family(rawValue: String(want[..<dot])) {
            label = Label(f, String(want[want.index(after: dot)...]))
        } else {
            label = nil
        }
    }

    @inline(__always)
    func matches(_ l: Label?) -> Bool {
        guard let l else { return edge }
        if l.family == family { return true }
        guard l.hasKind, let label else { return false }
        return l == label
    }
}
