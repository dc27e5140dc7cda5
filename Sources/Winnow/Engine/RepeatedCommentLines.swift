extension Labeler {
    /// The lines of a thread found word for word (case and spacing aside) in the text of at
    /// least `comments` of its comments: a commenter's signature printed under every comment
    /// they post (a film quote, a motto), or a passage one comment quotes from another. Such a
    /// line is no one comment's own say: a signature votes the same way under every comment of
    /// its commenter, a quotation carries the other comment's words (often the story's).
    /// `said` gives each comment's text lines. Empty when `comments` is 0 (off).
    static func repeatedLines(_ said: [[Int]], lines: [String], comments: Int) -> Set<Int> {
        guard comments > 0 else { return [] }
        // Each text line's key once: a thread's lines are read twice, to count and to pick.
        let keys = said.map { text in
            text.map { (line: $0, key: lines[$0].lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        }
        var found: [String: Int] = [:]
        for text in keys {
            for k in Set(text.map(\.key)) where !k.isEmpty { found[k, default: 0] += 1 }
        }
        return Set(keys.joined().filter { found[$0.key, default: 0] >= comments }.map(\.line))
    }

    /// A comment's text lines without its repeated lines, and the pseudo-rule hit that names
    /// them (no score: the audit shows what was left out and why). When every line repeats,
    /// the text stays whole: a thread of one-word cheers repeats too.
    static func withoutRepeats(_ said: [Int], repeated: Set<Int>, comments: Int) -> (lines: [Int], hit: RuleHit?) {
        let own = said.filter { !repeated.contains($0) }
        guard own.count < said.count, !own.isEmpty else { return (said, nil) }
        let left = said.filter(repeated.contains).map { String($0 + 1) }.joined(separator: ", ")
        let hit = RuleHit(ruleID: "comment.repeated-lines",
                          description: "line \(left) found in \(comments) or more comments of the thread (a signature or a quotation): not read as what this comment says (page_repeated_line_comments)",
                          scores: [LabelScore(Label(.comment, "on-topic"), 0)])
        return (own, hit)
    }
}
