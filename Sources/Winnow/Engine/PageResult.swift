/// Everything Winnow decided about one page, with the evidence for each decision.
public struct PageResult: Sendable {
    public let source: String
    public let lines: [LineResult]
    public let segments: [Segment]
    public let warnings: [String]

    public var lineCount: Int { lines.count }

    /// The article lines, in order (what `winnow clean` prints).
    public var articleLines: [LineResult] { lines.filter { $0.label == .article } }
}

/// One input line: its label (nil when blank), its evidence and its decision.
public struct LineResult: Sendable {
    public let number: Int
    public let text: String
    public let features: LineFeatures
    /// Every rule that fired on the line, priors included, in rule order.
    public let hits: [RuleHit]
    /// The decision over `hits`; nil for blank lines.
    public let decision: Decision?
    /// The final label: the decision's, with a comment's kind filled in by moderation.
    public let label: Label?
    /// True on the first line of each reader comment.
    public let commentStart: Bool
    /// Rules that hit a PCRE2 limit on this line and were counted as not matched.
    public let limitHits: [String]

    public var isBlank: Bool { decision == nil }
}

/// A run of lines with one label; each reader comment is exactly one segment.
public struct Segment: Sendable, Equatable {
    public let label: Label
    /// First and last line, 1-based and inclusive.
    public let lines: ClosedRange<Int>
    /// Mean winning score over the segment's lines; for a comment, the moderation score.
    public let score: Double
    /// Ids of the rules that scored the segment's label, in first-hit order.
    public let rules: [String]
    /// The comment's author, from its header rule.
    public let author: String?
    /// The comment's moderation verdict.
    public let moderation: ModerationVerdict?
}
