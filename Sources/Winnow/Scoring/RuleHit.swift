/// A rule that fired on a line: what it added to which labels, and what it matched.
/// Priors show up as hits of pseudo-rules named `prior.<state>`, so that every number in a
/// line's score table comes from a named hit.
/// A class, immutable: a line's hits are copied into every walk's decisions and results, and a
/// reference costs one retain where a copy of the struct cost one per field (step 51 in
/// docs/performance.md). Equal when the fields are.
public final class RuleHit: Sendable, Equatable {
    public let ruleID: String
    public let description: String
    public let scores: [LabelScore]
    /// The matched text (nil for feature-only rules and priors).
    public let matched: String?

    public init(ruleID: String, description: String, scores: [LabelScore], matched: String? = nil) {
        self.ruleID = ruleID
        self.description = description
        self.scores = scores
        self.matched = matched
    }

    public static func == (a: RuleHit, b: RuleHit) -> Bool {
        a.ruleID == b.ruleID && a.description == b.description && a.scores == b.scores && a.matched == b.matched
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
