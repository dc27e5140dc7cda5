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
        // Each rule's runs: maximal groups of adjacent lines it fires on (a rule's last run found
        // by a table: a hostile page of a thousand pairs stays linear).
        var runs: [(rule: Rule, lines: ClosedRange<Int>)] = []
        var lastRun: [ObjectIdentifier: Int] = [:]
        for i in candidates.indices {
            // Adjacent lines only: a list is packed, while a thread of comments whose text was
            // lost ("Jo said..." over a blank line over "Sam said...") still names its commenters.
            guard let j = next[i], j == i + 1 else { continue }
            for c in candidates[i] where c.rule.has(.commentHeader) && candidates[j].contains(where: { $0.rule === c.rule }) {
                let id = ObjectIdentifier(c.rule)
                if let k = lastRun[id], runs[k].lines.upperBound == i {
                    runs[k].lines = runs[k].lines.lowerBound...j
                } else {
                    lastRun[id] = runs.count
                    runs.append((c.rule, i...j))
                }
            }
        }
        guard !runs.isEmpty else { return [:] }
        // Whether each rule fires on a line outside its runs (the thread's other headers), and the
        // line over each line.
        var inRuns: [ObjectIdentifier: Int] = [:]
        for run in runs { inRuns[ObjectIdentifier(run.rule), default: 0] += run.lines.count }
        var fires: [ObjectIdentifier: Int] = [:]
        for line in candidates {
            for c in line where inRuns[ObjectIdentifier(c.rule)] != nil { fires[ObjectIdentifier(c.rule), default: 0] += 1 }
        }
        var over = [Int?](repeating: nil, count: candidates.count)
        for i in next.indices { if let j = next[i] { over[j] = i } }
        var removed: [Int: [RuleHit]] = [:]
        for (rule, run) in runs {
            let elsewhere = fires[ObjectIdentifier(rule), default: 0] > inRuns[ObjectIdentifier(rule), default: 0]
            if elsewhere, keptInThread(run, over: over[run.lowerBound], under: next[run.upperBound], candidates: candidates, features: features) {
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

    /// A run of one rule's header lines inside a thread (its rule firing elsewhere on the page, the
    /// caller's test): a comment's text (`ThreadLayout.readsAsText`) or a comment-section mark
    /// right over it, a comment's text right under it.
    static func keptInThread(_ run: ClosedRange<Int>, over: Int?, under: Int?, candidates: [[RuleMatcher.Candidate]],
                             features: [LineFeatures]) -> Bool {
        guard let under, ThreadLayout.readsAsText(features[under]), let over else { return false }
        return ThreadLayout.readsAsText(features[over]) || candidates[over].contains { $0.rule.has(.commentSection) }
    }
}
