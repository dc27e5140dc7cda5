/// A comment's header stands over the comment's text: a thread puts text between one header and
/// the next. Lines that one header rule fires on one right under the other, with no text between,
/// are a list that has a header's shape: a site's own links named after it in the footer
/// ("https://twitter.com/harbourpost Harbour Post" over "https://facebook.com/harbourpost Harbour
/// Post", the shape of a flattened Disqus header), or teaser titles dated like a header ("Ferry
/// review 02 May 2031" over "Quay review 30 April 2031"). Inside a thread, though, a comment whose
/// text was removed leaves its header right over the next one ("Tom Reed said..." over "Sam Hale
/// said..."): a run with a comment's text over it (or the thread's mark) and under it, whose rule
/// also starts comments elsewhere on the page, is kept.
extension Labeler {
    /// The engine step `walk.header-run`: a comment-header rule's hit removed from a line where
    /// the same rule fires on the line right under it, or right over it (scoring nothing); or, in
    /// a thread, such a run kept as comments whose text was removed.
    static let headerRunStep = "walk.header-run"

    static let headerRunReason = "the same header rule fires on the line right under or right over it, with no comment's text between: a list of links or teasers in a header's shape, not a thread (each comment's text stands under its header)"

    static let headerRunKept = "counted, though the same header rule fires on the line right under or right over it: a comment's text (or the thread's mark) stands over the run and a comment's text under it, and the rule starts comments elsewhere on the page: a thread in which a comment's text was removed"

    /// Removes the hits of comment-header rules from each run of two or more adjacent lines (no
    /// blank line between) the same rule fires on, unless the run stands inside a thread
    /// (`keptInThread`); returns the notes by line (removed hits, kept runs) as `walk.header-run`
    /// notes, when `notes` (the audit) asks for them.
    static func removeHeaderRuns(_ candidates: inout [[RuleMatcher.Candidate]], next: [Int?], features: [LineFeatures],
                                 notes: Bool) -> [Int: [RuleHit]] {
        // Each rule's runs: maximal groups of adjacent lines it fires on.
        var runs: [(rule: Rule, lines: ClosedRange<Int>)] = []
        for i in candidates.indices {
            // Adjacent lines only: a list is packed, while a thread of comments whose text was
            // lost ("Jo said..." over a blank line over "Sam said...") still names its commenters.
            guard let j = next[i], j == i + 1 else { continue }
            for c in candidates[i] where c.rule.has(.commentHeader) && candidates[j].contains(where: { $0.rule === c.rule }) {
                if let k = runs.lastIndex(where: { $0.rule === c.rule }), runs[k].lines.upperBound == i {
                    runs[k].lines = runs[k].lines.lowerBound...j
                } else {
                    runs.append((c.rule, i...j))
                }
            }
        }
        guard !runs.isEmpty else { return [:] }
        var removed: [Int: [RuleHit]] = [:]
        for (rule, run) in runs {
            if keptInThread(run, rule: rule, runs: runs, candidates: candidates, next: next, features: features) {
                if notes {
                    for i in run {
                        guard let c = candidates[i].first(where: { $0.rule === rule }) else { continue }
                        removed[i, default: []].append(RuleHit(ruleID: headerRunStep, description: "rule '\(c.rule.id)' \(headerRunKept)",
                                                               scores: [], matched: c.hit.matched))
                    }
                }
                continue
            }
            for i in run {
                guard let k = candidates[i].firstIndex(where: { $0.rule === rule }) else { continue }
                if notes {
                    let hit = candidates[i][k].hit
                    removed[i, default: []].append(RuleHit(ruleID: headerRunStep, description: notCounted(hit, why: headerRunReason),
                                                           scores: [], matched: hit.matched))
                }
                candidates[i].remove(at: k)
            }
        }
        return removed
    }

    /// A run of one rule's header lines inside a thread: a comment's text (`ThreadLayout.readsAsText`)
    /// or a comment-section mark right over it, a comment's text right under it, and the rule
    /// firing on some line of the page outside its runs (the thread's other headers).
    static func keptInThread(_ run: ClosedRange<Int>, rule: Rule, runs: [(rule: Rule, lines: ClosedRange<Int>)],
                             candidates: [[RuleMatcher.Candidate]], next: [Int?], features: [LineFeatures]) -> Bool {
        guard let under = next[run.upperBound], ThreadLayout.readsAsText(features[under]) else { return false }
        guard let over = (0..<run.lowerBound).last(where: { next[$0] == run.lowerBound }),
              ThreadLayout.readsAsText(features[over]) || candidates[over].contains(where: { $0.rule.has(.commentSection) }) else { return false }
        let inRuns = runs.filter { $0.rule === rule }.map(\.lines)
        return candidates.indices.contains { i in
            !inRuns.contains { $0.contains(i) } && candidates[i].contains { $0.rule === rule }
        }
    }
}
