/// Everything Winnow decided about one page, with the evidence for each decision.
public struct PageResult: Sendable {
    public let source: String
    public let lines: [LineResult]
    public let segments: [Segment]
    public let warnings: [String]
    /// How the walk read the comment thread (`winnow audit` prints it).
    public var thread: ThreadShape? = nil

    public var lineCount: Int { lines.count }

    /// The article lines, in order (what `winnow clean` prints).
    public var articleLines: [LineResult] { lines.filter { $0.label == .article } }

    /// The page has a non-blank line and none is labelled article (`noArticleWarning` is then
    /// among the warnings).
    public var lacksArticle: Bool { warnings.contains(Self.noArticleWarning) }

    /// The warning of a page none of whose lines is labelled article: a corpus user wants to know
    /// which records came out empty (batch input counts them in its summary).
    public static let noArticleWarning = "no line labelled article: the cleaned text is empty"
}

/// One input line: its label (nil when blank), its evidence and its decision.
public struct LineResult: Sendable {
    public let number: Int
    public let text: String
    /// The line's features, read from the page's one array of them: each line kept a copy of
    /// its own (about 130 bytes a line, the largest part of a line's result).
    public var features: LineFeatures { featureTable.features[featureIndex] }
    let featureTable: FeatureTable
    let featureIndex: Int
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

    init(number: Int, text: String, features: FeatureTable, hits: [RuleHit], decision: Decision?, label: Label?,
         commentStart: Bool, limitHits: [String]) {
        (self.number, self.text, self.featureTable, self.featureIndex) = (number, text, features, number - 1)
        (self.hits, self.decision, self.label, self.commentStart, self.limitHits) = (hits, decision, label, commentStart, limitHits)
    }
}

/// A page's line features, shared by its line results (the labeller's array itself, not a copy).
final class FeatureTable: Sendable {
    let features: [LineFeatures]
    init(_ features: [LineFeatures]) { self.features = features }
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

/// The thread shape the walk chose for a page's comments, and why `walk.signed-below` was or was
/// not taken: what `winnow audit` prints above the lines ("thread: ..."). The words are made
/// only when asked for (the audit): labelling a page keeps the verdict alone.
public struct ThreadShape: Sendable, Equatable {
    public let comments: Int
    let verdict: Walk.SignedBelow
    let byLayout: Bool
    let headerless: Bool

    init(walk: Walk, signedBelow: Walk.SignedBelow, layoutHeaders: Set<Int>) {
        comments = walk.comments.count
        verdict = signedBelow
        byLayout = !layoutHeaders.isEmpty && walk.comments.contains { $0.headerLine.map(layoutHeaders.contains) ?? false }
        headerless = walk.comments.allSatisfy { $0.headerLine == nil }
    }

    /// "signed below", "headers above", "headers above, found by the thread layout",
    /// "no headers (comments by their label alone)" or "no comments".
    public var shape: String {
        if signedBelowTaken { return "signed below" }
        if comments == 0 { return "no comments" }
        if byLayout { return "headers above, found by the thread layout" }
        return headerless ? "no headers (comments by their label alone)" : "headers above"
    }

    public var signedBelowTaken: Bool { verdict.mark != nil }

    /// The engine step `walk.signed-below`'s verdict: "yes: ..." or "no: ..." and the condition that decided.
    public var signedBelow: String { verdict.explanation }
}
