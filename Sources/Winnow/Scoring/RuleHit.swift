/// A rule that fired on a line: what it added to which labels, and what it matched.
/// Priors show up as hits of pseudo-rules named `prior.<state>`, so that every number in a
/// line's score table comes from a named hit.
/// A class, immutable: a line's hits are copied into every walk's decisions and results, and a
/// reference costs one retain where a copy of the struct cost one per field (step 51 in
/// docs/performance.md). Equal when the fields are.
///
/// A rule's own hit points at its rule (`sourceRule`) for its description, and keeps the line
/// and the match's bounds for its matched text, built only when read (the audit): copying the
/// rule's description into every hit, and the matched text out of the line, cost a retain and
/// release each and an allocation for most matches (step 460 in docs/performance.md). A hit of
/// no rule (a prior, an engine step, a moderation hit) keeps its own strings. The matcher's
/// `RuleMatcher.Candidate` is a hit (a subclass: one object a candidate, not two).
public class RuleHit: @unchecked Sendable, Equatable {
    /// The rule whose hit this is, whose description it shows without `ownDescription`; nil
    /// for a hit of no rule.
    let sourceRule: Rule?
    /// The rule's id, or the hit's own. (Kept, not read from the rule: the segmenter reads every
    /// hit's id, and a computed one was a copy, a retain and release, per read: step 462.)
    public let ruleID: String
    private let ownDescription: String?
    public let scores: [LabelScore]
    /// The text `matched` is read from (nil: no matched text): the line, the match at its UTF-8
    /// offsets `matchStart..<matchEnd`, or with `matchEnd` negative the matched text itself.
    let matchText: String?
    let matchStart: Int
    let matchEnd: Int

    public var description: String { ownDescription ?? sourceRule.unsafelyUnwrapped.description }
    /// The matched text (nil for feature-only rules and priors), decoded from the line as the
    /// matcher read it (invalid UTF-8 across the match's bounds repaired as then).
    public var matched: String? {
        guard var text = matchText else { return nil }
        guard matchEnd >= 0 else { return text }
        let (start, end) = (matchStart, matchEnd)
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// A hit of no rule, with its own id and description.
    public convenience init(ruleID: String, description: String, scores: [LabelScore], matched: String? = nil) {
        self.init(sourceRule: nil, ruleID: ruleID, description: description, scores: scores, matchText: matched, matchStart: 0, matchEnd: -1)
    }

    /// A hit whose id is `ruleID` or else `sourceRule`'s (and so its description), and whose
    /// matched text is `matchText`, or its UTF-8 bytes `matchStart..<matchEnd` when `matchEnd >= 0`.
    init(sourceRule: Rule?, ruleID: String?, description: String?, scores: [LabelScore], matchText: String?, matchStart: Int, matchEnd: Int) {
        precondition(sourceRule != nil || ruleID != nil && description != nil, "a hit of no rule names itself")
        self.sourceRule = sourceRule
        self.ruleID = ruleID ?? sourceRule.unsafelyUnwrapped.id
        self.ownDescription = description
        self.scores = scores
        self.matchText = matchText
        self.matchStart = matchStart
        self.matchEnd = matchEnd
    }

    public static func == (a: RuleHit, b: RuleHit) -> Bool {
        a === b || a.ruleID == b.ruleID && a.description == b.description && a.scores == b.scores && a.matched == b.matched
    }

    public func score(for label: Label) -> Double {
        scores.reduce(0) { $0 + ($1.label == label ? $1.score : 0) }
    }
}

public struct LabelScore: Sendable, Equatable {
    public let label: Label
    public let score: Double
    public init(_ label: Label, _ score: Double) {
        self.label = label
        self.score = score
    }
}
