/// Where a line's label is decided: the label with the highest total score wins.
///
/// Totals are summed per label from the line's hits. The comment family competes as one, and
/// only inside the comment section. Under a comment header its total is bare `comment` plus
/// every `comment.<kind>` vote (a channel plug inside a comment stays in it); outside a comment
/// only bare `comment` counts, so a chatty or promotional line cannot start a comment by
/// itself: headers start comments. The kind is decided later for the whole comment by the
/// moderator. On a tie the earlier candidate
/// wins: article, then boilerplate kinds in `Label.boilerplateKinds` order, then comment.
public struct Decision: Sendable, Equatable {
    public let label: Label
    public let score: Double
    /// Winner's total minus the runner-up's (the winner's total when it is alone).
    public let margin: Double
    /// Every candidate label's total, in candidate order.
    public let totals: [LabelScore]

    public init(hits: [RuleHit], commentsAllowed: Bool, inComment: Bool) {
        // Per label in first-scored order: a line scores few labels, and a linear search
        // compares them cheaper than a dictionary hashes their kind strings (once per line
        // and label, the decision's main cost). The order also makes the comment family's
        // sum below deterministic (a dictionary's order changes with each process's seed).
        var sums: [LabelScore] = []
        sums.reserveCapacity(4)  // few labels per line: no regrowth
        for hit in hits {
            for s in hit.scores {
                if let i = sums.firstIndex(where: { $0.label == s.label }) {
                    sums[i] = LabelScore(s.label, sums[i].score + s.score)
                } else {
                    sums.append(LabelScore(s.label, 0 + s.score))
                }
            }
        }
        func sum(_ label: Label) -> Double? { sums.first { $0.label == label }?.score }
        var candidates: [LabelScore] = []
        candidates.reserveCapacity(4)
        candidates.append(LabelScore(.article, sum(.article) ?? 0))
        // The known boilerplate kinds scored, in `Label.boilerplateKinds` order: sorted by
        // insertion (a line scores one or two), not looked up kind by kind in `sums`.
        let firstBoilerplate = candidates.count
        for s in sums {
            guard let k = s.label.boilerplateIndex else { continue }
            var at = candidates.count
            while at > firstBoilerplate, candidates[at - 1].label.boilerplateIndex! > k { at -= 1 }
            candidates.insert(s, at: at)
        }
        if commentsAllowed {
            // Summed in `sums` order from 0, without building the filtered arrays.
            var family: Double?
            for s in sums where s.label.family == .comment && (inComment || s.label == .comment) { family = (family ?? 0) + s.score }
            if let family { candidates.append(LabelScore(.comment, family)) }
        }
        var best = candidates[0]
        for c in candidates.dropFirst() where c.score > best.score { best = c }
        var runnerUp: Double?  // the first greatest, as `max()` keeps it
        for c in candidates where c.label != best.label {
            if let r = runnerUp { if c.score > r { runnerUp = c.score } } else { runnerUp = c.score }
        }
        label = best.label
        score = best.score
        margin = runnerUp.map { best.score - $0 } ?? best.score
        totals = candidates
    }
}
