/// A rule that fired on a line: what it added to which labels, and what it matched.
/// Priors show up as hits of pseudo-rules named `prior.<state>`, so that every number in a
/// line's score table comes from a named hit.
/// A class, immutable: a line's hits are copied into every walk's decisions and results, and a
/// reference costs one retain where a copy of the struct cost one per field (step 51 in
/// docs/performance.md). Equal when what the audit shows is: id, description, scores, matched text.
///
/// A rule's own hit points at its rule (`sourceRule`) for its description, and keeps the line
/// and the match's bounds for its matched text, built only when read (the audit): copying the
/// rule's description into every hit, and the matched text out of the line, cost a retain and
/// release each and an allocation for most matches (step 460 in docs/performance.md). A hit of
/// no rule (a prior, an engine step, a moderation hit) keeps its own strings. The matcher's
/// `RuleMatcher.Candidate` is a hit (a subclass: one object a candidate, not two).
///
/// What made the hit (`origin`) is said where it is made, not read from its id: a new engine
/// step needs no prefix to be known as one. (The rule loader still keeps the engine's
/// namespaces, `prior.*`, `moderation.*`, `bayes.*`, ..., from the rule files' ids:
/// `RuleLoader.reservedPrefixes`; a prior is told by its id.)
public class RuleHit: @unchecked Sendable, Equatable {
    /// What made a hit: a rule of the rule files, a learned model of `config.yml` (`bayes.*`,
    /// `lr.*`), or the engine (an engine step or pseudo-rule: `prior.*`, `walk.*`, `page.*`,
    /// `relevance.*`, `threshold.*`, `moderation.*`, `comment.no-text`, ...; docs/rules.md,
    /// "Where a decision is made").
    public enum Origin: UInt8, Sendable {
        case rule, learned, step
    }

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
    /// A rule's hit (`sourceRule` set, or one rebuilt from it: `reweighted`), a learned model's,
    /// or an engine step's: a hit of no rule is a step unless its maker says otherwise.
    public let origin: Origin

    public var description: String { ownDescription ?? sourceRule.unsafelyUnwrapped.description }
    /// The matched text (nil for feature-only rules and priors), decoded from the line as the
    /// matcher read it (invalid UTF-8 across the match's bounds repaired as then).
    public var matched: String? {
        guard var text = matchText else { return nil }
        guard matchEnd >= 0 else { return text }
        let (start, end) = (matchStart, matchEnd)
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// A hit of no rule object, with its own id and description: an engine step's unless
    /// `origin` says it is a learned model's (or, in tests, a rule's).
    public convenience init(ruleID: String, description: String, scores: [LabelScore], matched: String? = nil, origin: Origin = .step) {
        self.init(sourceRule: nil, ruleID: ruleID, description: description, scores: scores, matchText: matched, matchStart: 0, matchEnd: -1,
                  origin: origin)
    }

    /// This hit with another description and scores (a weight applied, and the description
    /// saying so): the same id, matched text, rule and origin.
    public func reweighted(description: String, scores: [LabelScore]) -> RuleHit {
        RuleHit(sourceRule: sourceRule, ruleID: ruleID, description: description, scores: scores, matchText: matchText,
                matchStart: matchStart, matchEnd: matchEnd, origin: origin)
    }

    /// A hit whose id is `ruleID` or else `sourceRule`'s (and so its description), and whose
    /// matched text is `matchText`, or its UTF-8 bytes `matchStart..<matchEnd` when `matchEnd >= 0`.
    /// A hit with a `sourceRule` is a rule's, whatever `origin` says.
    init(sourceRule: Rule?, ruleID: String?, description: String?, scores: [LabelScore], matchText: String?, matchStart: Int, matchEnd: Int,
         origin: Origin = .step) {
        precondition(sourceRule != nil || ruleID != nil && description != nil, "a hit of no rule names itself")
        self.origin = sourceRule != nil ? .rule : origin
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
