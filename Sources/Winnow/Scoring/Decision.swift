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
    /// Winner's total minus the runner-up's (the winner's total when it is alone), from the
    /// totals when asked (the audit asks): kept, it made the decision five words long, and the
    /// compiler copied such a decision through a function of its own at every copy.
    public var margin: Double { Decision.verdict(totals).margin }
    /// The hits the decision was made from, and how (`init`): its totals are summed from them
    /// again when asked (`totals`: the audit and a weak furniture line in a comment ask). The
    /// walk decides every line two or three times a page, and the array of totals each decision
    /// kept was an allocation, a free and its release (about 450 instructions a decision), where
    /// holding the line's hits costs a retain (step 653 in docs/performance.md).
    private let hits: [RuleHit]
    private let commentsAllowed: Bool
    private let inComment: Bool

    /// Every candidate label's total, in candidate order.
    public var totals: [LabelScore] {
        Decision.knownTotals(hits, commentsAllowed: commentsAllowed, inComment: inComment)
            ?? Decision.generalTotals(hits, commentsAllowed: commentsAllowed, inComment: inComment)
    }

    public init(hits: [RuleHit], commentsAllowed: Bool, inComment: Bool) {
        let sums = KnownSums(hits, commentsAllowed: commentsAllowed, inComment: inComment)
        if !sums.unknown {
            (label, score) = sums.best
        } else {
            let verdict = Decision.verdict(Decision.generalTotals(hits, commentsAllowed: commentsAllowed, inComment: inComment))
            (label, score) = (verdict.label, verdict.score)
        }
        self.hits = hits
        self.commentsAllowed = commentsAllowed
        self.inComment = inComment
    }

    /// Equal when they decide alike: the same label, score, margin and totals (what the decision
    /// showed when it kept its totals), whatever hits they were summed from.
    public static func == (a: Decision, b: Decision) -> Bool {
        a.label == b.label && a.score == b.score && a.totals == b.totals
    }

    /// The totals, when every label scored is a known one (`Label.knownIndex`: 17 of them; no
    /// rule scores another): summed in a fixed buffer on the stack (`KnownSums`), with the order
    /// in which the comment family's labels were first scored, and the array built at its size
    /// (a decision's `totals`; its label, score and margin need none: `knownVerdict`). The walk
    /// decides every line two or three times a page, and the two arrays
    /// `generalTotals` builds per decision (the sums, then the candidates, grown past their
    /// reserve) cost more than the sums (step 91 in docs/performance.md). Nil for another label.
    static func knownTotals(_ hits: [RuleHit], commentsAllowed: Bool, inComment: Bool) -> [LabelScore]? {
        let sums = KnownSums(hits, commentsAllowed: commentsAllowed, inComment: inComment)
        if sums.unknown { return nil }
        var candidates: [LabelScore] = []
        candidates.reserveCapacity(sums.count)
        sums.forEach { candidates.append(LabelScore($0, $1)) }
        return candidates
    }

    /// A line's totals by known label (`knownTotals`), summed on the stack, and visited in
    /// candidate order without building their array.
    struct KnownSums {
        var sum = InlineArray<32, Double>(repeating: 0)
        var scored: UInt32 = 0       // a bit per known index
        /// The comment family's total, when the section allows it and the family scored.
        var family: Double?
        /// A hit scores a label of an unknown kind (`Label.knownIndex` nil): the sums are not all.
        var unknown = false

        @inline(__always)
        init(_ hits: [RuleHit], commentsAllowed: Bool, inComment: Bool) {
            var familyOrder: UInt64 = 0  // the comment family's indices + 1, a byte each, first scored first
            var familyCount: UInt64 = 0
            // The hits and their scores borrowed: iterating the array retained and released each hit
            // and its scores (step 292 in docs/performance.md).
            var unknown = false
            defer { self.unknown = unknown }
            hits.withUnsafeBufferPointer { hits in
                for h in hits.indices {
                    Unmanaged.passUnretained(hits[h])._withUnsafeGuaranteedRef { hit in
                        hit.scores.withUnsafeBufferPointer { scores in
                            for s in scores {
                                guard let k = s.label.knownIndex, k < 32 else {
                                    unknown = true
                                    return
                                }
                                if scored & (1 << k) != 0 {
                                    sum[k] = sum[k] + s.score
                                } else {
                                    scored |= 1 << k
                                    sum[k] = 0 + s.score
                                    if s.label.family == .comment, familyCount < 8 {
                                        familyOrder |= UInt64(k + 1) << (8 * familyCount)
                                        familyCount += 1
                                    }
                                }
                            }
                        }
                    }
                    if unknown { return }
                }
            }
            if unknown { return }
            // As `generalTotals` lists them: article, the boilerplate kinds scored in
            // `Label.boilerplateKinds` order, then the comment family summed in first-scored order from 0.
            if commentsAllowed {
                let comment = Label.comment.knownIndex!
                var order = familyOrder
                while order != 0 {
                    let k = Int(order & 0xFF) - 1
                    order >>= 8
                    if inComment || k == comment { family = (family ?? 0) + sum[k] }
                }
            }
        }

        /// Boilerplate kind b has known index b + 1.
        var boilerplate: UInt32 { (scored >> 1) & ((1 << UInt32(Label.boilerplateKinds.count)) - 1) }

        /// How many candidates there are.
        var count: Int { 1 + boilerplate.nonzeroBitCount + (family == nil ? 0 : 1) }

        /// The first candidate with the highest total, as `verdict` finds it.
        @inline(__always)
        var best: (Label, Double) {
            var best = (Label.article, scored & 1 != 0 ? sum[0] : 0)
            forEach { label, score in if score > best.1 { best = (label, score) } }
            return best
        }

        /// Each candidate label and its total, in candidate order.
        @inline(__always)
        func forEach(_ body: (Label, Double) -> Void) {
            body(.article, scored & 1 != 0 ? sum[0] : 0)
            var boilerplate = self.boilerplate
            if boilerplate != 0 {
                let labels = Label.boilerplateLabels
                while boilerplate != 0 {
                    let b = boilerplate.trailingZeroBitCount
                    boilerplate &= boilerplate - 1
                    body(labels[b], sum[b + 1])
                }
            }
            if let family { body(.comment, family) }
        }
    }

    /// The first highest of `candidates` wins; the margin is its lead over the first highest of
    /// the other labels (its own total when it is alone).
    static func verdict(_ candidates: [LabelScore]) -> (label: Label, score: Double, margin: Double) {
        var best = candidates[0]
        for c in candidates.dropFirst() where c.score > best.score { best = c }
        var runnerUp: Double?  // the first greatest, as `max()` keeps it
        for c in candidates where c.label != best.label {
            if let r = runnerUp { if c.score > r { runnerUp = c.score } } else { runnerUp = c.score }
        }
        return (best.label, best.score, runnerUp.map { best.score - $0 } ?? best.score)
    }

    /// The totals for any labels, with arrays: what `init` did before step 91, and does for a
    /// label of an unknown kind.
    static func generalTotals(_ hits: [RuleHit], commentsAllowed: Bool, inComment: Bool) -> [LabelScore] {
        // Per label in first-scored order: a line scores few labels, and a linear search
        // compares them cheaper than a dictionary hashes their kind strings. The order also
        // makes the comment family's sum below deterministic (a dictionary's order changes with
        // each process's seed).
        var sums: [LabelScore] = []
        sums.reserveCapacity(4)
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
        return candidates
    }
}
