extension Labeler {
    /// A comment of header and date lines alone, right under the previous comment's last line
    /// with not even a blank line between, is most often that comment's own signature or
    /// permalink date that the walk split off ("Tuesday, March 4, 2014 at 8:05 pm |
    /// Permalink", a sign-off name over a date): it takes the previous comment's kind, by the
    /// pseudo-rule `comment.trailing-lines`, instead of `comment.no-text`. A header standing
    /// apart (a blank line above it) keeps `comment.no-text`: nothing said under it. The
    /// verdict's score is the hit's own (+1 for the kind: a margin of -1 when off-topic), so it
    /// is the sum of what the audit lists; the hit's description cites the comment above.
    static func trailingLines(of comment: CommentGroup, after previous: CommentGroup, verdict: ModerationVerdict,
                              previous previousVerdict: ModerationVerdict) -> ModerationVerdict? {
        guard verdict.hits.map(\.ruleID) == ["comment.no-text"], let first = comment.lines.first, let last = previous.lines.last,
              first == last + 1 else { return nil }
        let above = "\(previousVerdict.kind), score \(JSONValue.format((previousVerdict.score * 1000).rounded() / 1000))"
        let hit = RuleHit(ruleID: "comment.trailing-lines",
                          description: "header or date lines right under the comment above (\(above)), no text of their own: that comment's signature, of its kind",
                          scores: [LabelScore(Label(.comment, previousVerdict.kind), 1)])
        return ModerationVerdict(kind: previousVerdict.kind, score: previousVerdict.kind == "off-topic" ? -1 : 1, relevance: 0, sharedTerms: [],
                                 hits: [hit], evidence: [hit], hadContext: verdict.hadContext)
    }
}
