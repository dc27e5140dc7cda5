extension Labeler {
    static let textElsewhereRule = "comment.text-elsewhere"

    /// The engine step `comment.text-elsewhere` (`page_text_elsewhere_lines`): a comment of header
    /// lines alone is off-topic by `comment.no-text` (the labelling guide's "a comment header with
    /// no text under it"), but on real threads such a header almost always had its text taken by
    /// another label: a reply's text claimed by a control's or a menu's rule ("Latest betting:",
    /// "Reply" over the text), a signed-below comment's text left to the story. When a non-blank
    /// line that no comment holds stands within `reach` lines of the header, short of the
    /// neighbouring comments, nothing says what the comment said, so it keeps the on-topic prior:
    /// the hit adds +1 on-topic against the no-text hit's +1 off-topic (a score of 0, on-topic),
    /// and its description names the line. A header with only blank lines or other comments
    /// around it ("Maria said..." closing a thread) stays off-topic.
    static func textElsewhere(_ comments: [CommentGroup], verdicts: [ModerationVerdict], blank: [Bool], reach: Int) -> [ModerationVerdict] {
        // The lines comments hold, built at the first header-alone comment: most pages have none.
        var heldLines: Set<Int>?
        var out = verdicts
        for (k, comment) in comments.enumerated() where verdicts[k].hits.count == 1 && verdicts[k].hits[0].ruleID == "comment.no-text" {
            let held = heldLines ?? Set(comments.flatMap(\.lines))
            heldLines = held
            guard let first = comment.lines.first, let last = comment.lines.last else { continue }
            let lo = max(k > 0 ? (comments[k - 1].lines.last ?? -1) + 1 : 0, first - reach)
            let hi = min(k + 1 < comments.count ? (comments[k + 1].lines.first ?? blank.count) - 1 : blank.count - 1, last + reach)
            let around = Array(lo..<first) + (last < hi ? Array((last + 1)...hi) : [])
            guard let line = around.first(where: { !blank[$0] && !held.contains($0) }) else { continue }
            let hit = RuleHit(ruleID: textElsewhereRule,
                              description: "a comment header alone, with line \(line + 1) beside it held by no comment: its text may have gone to another label, so nothing says off-topic and on-topic is the prior (page_text_elsewhere_lines)",
                              scores: [LabelScore(Label(.comment, "on-topic"), 1)])
            // Relevance and shared terms are the comment's own (its header's words), kept as they were.
            out[k] = ModerationVerdict(kind: "on-topic", score: verdicts[k].score + 1, relevance: verdicts[k].relevance,
                                       sharedTerms: verdicts[k].sharedTerms,
                                       hits: verdicts[k].hits + [hit], evidence: verdicts[k].evidence + [hit], hadContext: verdicts[k].hadContext)
        }
        return out
    }
}
