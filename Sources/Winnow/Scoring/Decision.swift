/// Where a line's label is decided: the label with the highest total score wins.
///
/// Totals are summed per label from the line's hits. The comment family competes as one
/// (bare `comment` plus every `comment.<kind>`), and only inside the comment section; its kind
/// is decided later for the whole comment by the moderator. On a tie the earlier candidate
/// wins: article, then boilerplate kinds in `Label.boilerplateKinds` order, then comment.
public struct Decision: Sendable, Equatable {
    public let label: Label
    public let score: Double
    /// Winner's total minus the runner-up's (the winner's total when it is alone).
    public let margin: Double
    /// Every candidate label's total, in candidate order.
    public let totals: [LabelScore]

    public init(hits: [RuleHit], commentsAllowed: Bool) {
        var sums: [Label: Double] = [:]
        for hit in hits {
            for s in hit.scores { sums[s.label, default: 0] += s.score }
        }
        var candidates: [LabelScore] = [LabelScore(.article, sums[.article] ?? 0)]
        for kind in Label.boilerplateKinds {
            let label = Label(.boilerplate, kind)
            if let v = sums[label] { candidates.append(LabelScore(label, v)) }
        }
        if commentsAllowed {
            let comment = sums.filter { $0.key.family == .comment }.values.reduce(0, +)
            if sums.keys.contains(where: { $0.family == .comment }) { candidates.append(LabelScore(.comment, comment)) }
        }
        var best = candidates[0]
        for c in candidates.dropFirst() where c.score > best.score { best = c }
        let runnerUp = candidates.filter { $0.label != best.label }.map(\.score).max()
        label = best.label
        score = best.score
        margin = runnerUp.map { best.score - $0 } ?? best.score
        totals = candidates
    }
}
