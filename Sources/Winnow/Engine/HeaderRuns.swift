/// A comment's header stands over the comment's text: a thread puts text between one header and
/// the next. Lines that one header rule fires on one right under the other, with no text between,
/// are a list that has a header's shape: a site's own links named after it in the footer
/// ("https://twitter.com/harbourpost Harbour Post" over "https://facebook.com/harbourpost Harbour
/// Post", the shape of a flattened Disqus header), or teaser titles dated like a header ("Ferry
/// review 02 May 2031" over "Quay review 30 April 2031").
extension Labeler {
    /// The engine step `walk.header-run`: a comment-header rule's hit removed from a line where
    /// the same rule fires on the line right under it, or right over it (scoring nothing).
    static let headerRunStep = "walk.header-run"

    static let headerRunReason = "the same header rule fires on the line right under or right over it, with no comment's text between: a list of links or teasers in a header's shape, not a thread (each comment's text stands under its header)"

    /// Removes the hits of comment-header rules from each run of two or more adjacent lines (no
    /// blank line between) the same rule fires on; returns the removed hits by line, as
    /// `walk.header-run` notes, when `notes` (the audit) asks for them.
    static func removeHeaderRuns(_ candidates: inout [[RuleMatcher.Candidate]], next: [Int?], notes: Bool) -> [Int: [RuleHit]] {
        var runs: [(line: Int, rule: Rule)] = []
        for i in candidates.indices {
            // Adjacent lines only: a list is packed, while a thread of comments whose text was
            // lost ("Jo said..." over a blank line over "Sam said...") still names its commenters.
            guard let j = next[i], j == i + 1 else { continue }
            for c in candidates[i] where c.rule.has(.commentHeader) && candidates[j].contains(where: { $0.rule === c.rule }) {
                runs.append((i, c.rule))
                runs.append((j, c.rule))
            }
        }
        var removed: [Int: [RuleHit]] = [:]
        for (i, rule) in runs {
            guard let k = candidates[i].firstIndex(where: { $0.rule === rule }) else { continue }
            if notes {
                let hit = candidates[i][k].hit
                removed[i, default: []].append(RuleHit(ruleID: headerRunStep, description: notCounted(hit, why: headerRunReason),
                                                       scores: [], matched: hit.matched))
            }
            candidates[i].remove(at: k)
        }
        return removed
    }
}
