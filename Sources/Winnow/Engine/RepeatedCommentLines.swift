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
        var repeated = Set(keys.joined().filter { found[$0.key, default: 0] >= comments }.map(\.line))
        // A quotation of part of another comment's line ("Response to Jo" over a sentence cut
        // from Jo's paragraph): a line of `quoteMinWords` words or more found inside a longer
        // line of an earlier comment. The line quoted from keeps its place (it has more words
        // of its own), and so does an earlier line a later one holds (a thread that prints the
        // parent's text, abridged, in one line over each reply: the parent wrote it); the
        // quotes are looked up by their first words, not against every line.
        // Each opening keeps the first `quoteCandidates` lines that hold it, once each, so a
        // thread of thousands of alike lines costs lines x candidates, not lines squared.
        var byOpening: [String: [(comment: Int, line: Int, key: String)]] = [:]
        for (c, text) in keys.enumerated() {
            for (line, key) in text {
                let words = key.split(separator: " ")
                guard words.count > quoteMinWords else { continue }
                for i in 0...(words.count - quoteOpening) {
                    let opening = words[i..<(i + quoteOpening)].joined(separator: " ")
                    if let held = byOpening[opening], held.count >= quoteCandidates || held.last?.line == line { continue }
                    byOpening[opening, default: []].append((c, line, key))
                }
            }
        }
        for (c, text) in keys.enumerated() {
            for (line, key) in text where !repeated.contains(line) {
                let words = key.split(separator: " ")
                guard words.count >= quoteMinWords else { continue }
                let opening = words[0..<quoteOpening].joined(separator: " ")
                if byOpening[opening, default: []].contains(where: { $0.comment < c && $0.key.count > key.count && $0.key.contains(key) }) {
                    repeated.insert(line)
                }
            }
        }
        return repeated
    }

    /// The fewest words a line quoted from inside another comment's line must have, and how
    /// many opening words look it up.
    static let quoteMinWords = 8
    static let quoteOpening = 4
    /// The most lines one opening is looked up in (the earliest ones: a quote answers them).
    static let quoteCandidates = 32

    /// A comment's text lines without its repeated lines, and the pseudo-rule hit that names
    /// them (no score: the audit shows what was left out and why). When every line repeats,
    /// the text stays whole: a thread of one-word cheers repeats too.
    static func withoutRepeats(_ said: [Int], repeated: Set<Int>, comments: Int) -> (lines: [Int], hit: RuleHit?) {
        let own = said.filter { !repeated.contains($0) }
        guard own.count < said.count, !own.isEmpty else { return (said, nil) }
        let left = said.filter(repeated.contains).map { String($0 + 1) }.joined(separator: ", ")
        let hit = RuleHit(ruleID: "comment.repeated-lines",
                          description: "line \(left) found in \(comments) or more comments of the thread (a signature or a quotation), or quoted from inside an earlier comment's line: not read as what this comment says (page_repeated_line_comments)",
                          scores: [LabelScore(Label(.comment, "on-topic"), 0)])
        return (own, hit)
    }
}
