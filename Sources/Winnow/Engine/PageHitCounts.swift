/// Counts of rule hits over the whole page, and what they decide: which lines form a reader
/// thread, which rules keep their hits under a page-hit limit, and where a comment header's
/// position condition is waived because it repeats down a thread.
extension Labeler {
    /// The lines of a reader thread, when the page has one: comment-section marks, and comment
    /// headers or date lines of rules firing on at least `minimum` lines.
    static func threadLines(_ candidates: [[RuleMatcher.Candidate]], minimum: Int) -> Set<Int> {
        // No rule can fire on `minimum` lines when the page has fewer comment-start hits in all
        // (most pages): counted borrowed, before the counts by rule id hash each one (step 654
        // in docs/performance.md).
        var starts = 0
        candidates.withUnsafeBufferPointer { all in
            for i in all.indices where !all[i].isEmpty {
                _ = all[i].allBorrowed { c in
                    if c.rule.marksCommentStart { starts += 1 }
                    return true
                }
            }
        }
        guard starts >= minimum else { return [] }
        let counts = commentStartCounts(candidates)
        guard counts.values.contains(where: { $0 >= minimum }) else { return [] }
        return Set(candidates.indices.filter { i in
            candidates[i].contains { $0.rule.has(.commentSection) || (counts[$0.rule.id] ?? 0) >= minimum }
        })
    }

    /// Removes the hits of a rule with `min_page_hits` or `max_page_hits` from every line when
    /// it fires on fewer lines, or more runs of lines, of the page than that (a repeated byline
    /// belongs to a list of teasers, not a story; a date repeated down a list dates its entries).
    /// Returns, by line, the engine step `page.hit-limit` standing for each hit removed, with the
    /// count that failed (empty when no rule failed: the usual page builds nothing), only with
    /// `notes` (the audit: `Labeler.auditNotes`).
    @discardableResult
    static func applyPageHitCounts(_ candidates: inout [[RuleMatcher.Candidate]], blank: [Bool], thread: Set<Int>,
                                   notes: Bool = true) -> [Int: [RuleHit]] {
        let failing = pageHitCounts(candidates, blank: blank, thread: thread)
        guard !failing.isEmpty else { return [:] }
        var dropped: [Int: [RuleHit]] = [:]
        // One description per rule, shared by its lines' notes (only `matched` differs).
        var descriptions: [String: String] = [:]
        for i in candidates.indices where candidates[i].containsBorrowed(where: { failing.contains($0.rule) }) {
            if notes { dropped[i] = candidates[i].compactMap { c in
                guard let failure = failing.failure(of: c.rule) else { return nil }
                let description = descriptions[c.rule.id] ?? Labeler.notCounted(c.hit, why: failure.explanation(inThread: !thread.isEmpty))
                descriptions[c.rule.id] = description
                return RuleHit(ruleID: Labeler.pageHitLimit, description: description, scores: [], matched: c.hit.matched)
            } }
            candidates[i].removeAll { failing.contains($0.rule) }
        }
        return dropped
    }

    /// The rules with `min_page_hits` or `max_page_hits` whose count fails it.
    static func pageHitFailures(_ candidates: [[RuleMatcher.Candidate]], blank: [Bool], thread: Set<Int>) -> PageHitFailures {
        pageHitCounts(candidates, blank: blank, thread: thread)
    }

    /// A page-hit count that failed its limit: lines under `min_page_hits`, or runs of lines over
    /// `max_page_hits`.
    struct PageHitFailure {
        let count: Int
        let limit: Int
        let isMinimum: Bool

        /// "fires on 1 line of this page, min_page_hits 2" (words built for the audit's note only).
        func explanation(inThread: Bool) -> String {
            let outside = inThread ? " outside the reader thread" : ""
            return isMinimum ? "fires on \(count) line\(count == 1 ? "" : "s") of this page\(outside), min_page_hits \(limit)"
                : "fires on \(count) runs of lines of this page\(outside), max_page_hits \(limit)"
        }
    }

    /// The rules of a page whose page-hit count failed, each with its failure, found by the rule
    /// itself (a page has few): keyed by rule id, each candidate's test hashed its id's string,
    /// and the counts hashed it per hit (step 461 in docs/performance.md).
    struct PageHitFailures {
        private(set) var rules: [Rule] = []
        private(set) var failures: [PageHitFailure] = []

        var isEmpty: Bool { rules.isEmpty }

        mutating func add(_ rule: Rule, _ failure: PageHitFailure) {
            rules.append(rule)
            failures.append(failure)
        }

        /// `rule`'s failure, or nil when its count passed (or it has no limit).
        func failure(of rule: Rule) -> PageHitFailure? {
            for k in rules.indices where rules[k] === rule { return failures[k] }
            return nil
        }

        func contains(_ rule: Rule) -> Bool {
            rules.containsBorrowed { $0 === rule }
        }
    }

    /// The rules with `min_page_hits` or `max_page_hits` whose count fails it, each with the count
    /// and the limit. `min_page_hits`
    /// counts lines; `max_page_hits` counts runs of lines with only blank lines between them, so
    /// that a story's byline block ("By Jane Doe", "Published …", "Updated …") counts once while
    /// a teaser list's bylines, each under its own title, count one by one. A reader thread's
    /// lines (`thread`) are not counted: its "Ann Lee | May 3, 2012" headers or date lines say
    /// nothing about the story's byline or a list of posts.
    /// (The rules with a limit that fire on the page are few: they are counted in small arrays in
    /// first-hit order, found by identity, not in dictionaries keyed by id.)
    static func pageHitCounts(_ candidates: [[RuleMatcher.Candidate]], blank: [Bool], thread: Set<Int>) -> PageHitFailures {
        var rules: [Rule] = [], lines: [Int] = [], runs: [Int] = [], lastLine: [Int] = []
        let anyThread = !thread.isEmpty
        for (i, line) in candidates.enumerated() where !line.isEmpty && !(anyThread && thread.contains(i)) {
            for c in line where c.rule.conditions.minPageHits != nil || c.rule.conditions.maxPageHits != nil {
                let rule = c.rule
                guard let k = rules.firstIndexBorrowed(where: { $0 === rule }) else {
                    rules.append(rule)
                    lines.append(1)
                    runs.append(1)
                    lastLine.append(i)
                    continue
                }
                lines[k] += 1
                let p = lastLine[k]
                if !(p == i || (p + 1..<i).allSatisfy { blank[$0] }) { runs[k] += 1 }
                lastLine[k] = i
            }
        }
        var failing = PageHitFailures()
        for k in rules.indices {
            let rule = rules[k], n = lines[k]
            if let min = rule.conditions.minPageHits, n < min {
                failing.add(rule, PageHitFailure(count: n, limit: min, isMinimum: true))
            } else if let max = rule.conditions.maxPageHits, runs[k] > max {
                failing.add(rule, PageHitFailure(count: runs[k], limit: max, isMinimum: false))
            }
        }
        return failing
    }

    /// The engine step `page.hit-limit`: a hit removed by its rule's page-hit limit.
    static let pageHitLimit = "page.hit-limit"

    /// The description of a removed hit as the engine step that removed it shows it on the line
    /// (scoring nothing, with the rule's matched text): the rule, what it would have scored and
    /// why it does not count.
    static func notCounted(_ hit: RuleHit, why: String) -> String {
        let would = hit.scores.map { ($0.score >= 0 ? "+" : "") + JSONValue.format($0.score) + " " + $0.label.description }
        return "rule '\(hit.ruleID)' not counted" + (would.isEmpty ? "" : " (it would score " + would.joined(separator: ", ") + ")") + ": " + why
    }

    /// The rule a `notCounted(_:why:)` description names ("rule 'ID' not counted ..."), or nil:
    /// read back here, beside the one place that writes it (the audit's summary rows count by it).
    static func notCountedRule(_ description: String) -> String? {
        guard description.hasPrefix("rule '") else { return nil }
        return description.dropFirst(6).split(separator: "'", maxSplits: 1).first.map(String.init)
    }

    /// On how many lines of the page each comment-header or comment-date rule fires.
    static func commentStartCounts(_ candidates: [[RuleMatcher.Candidate]]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in candidates { for c in line where c.rule.marksCommentStart { counts[c.rule.id, default: 0] += 1 } }
        return counts
    }

    /// Keeps a comment-start rule's out-of-position hits only where the rule fires on at least
    /// `minimum` lines of the page, or where a comment counter vouches for them
    /// (`vouchedByCounter`); their hits say so in the audit.
    static func waivePositionOfRepeatedHeaders(_ candidates: inout [[RuleMatcher.Candidate]], minimum: Int,
                                               lines: [String], blank: [Bool], lookahead: Int) {
        guard candidates.contains(where: { $0.contains { !$0.inPosition } }) else { return }
        let counts = commentStartCounts(candidates)
        let vouched = vouchedByCounter(candidates, lines: lines, blank: blank, lookahead: lookahead)
        for i in candidates.indices where candidates[i].contains(where: { !$0.inPosition }) {
            candidates[i] = candidates[i].compactMap { c in
                guard !c.inPosition else { return c }
                let n = counts[c.rule.id] ?? 0
                let reason: String
                if n >= minimum {
                    reason = " (fires on \(n) lines of this page, so its position condition is waived)"
                } else if c.rule.marksCommentStart, let (mark, count) = vouched[i] {
                    reason = " (under the comment counter on line \(mark + 1), which states \(count), so its position condition is waived)"
                } else {
                    return nil
                }
                return RuleMatcher.Candidate(c, description: c.description + reason)
            }
        }
    }

    /// The engine step `page.out-of-position` (audit only): a comment-start rule's hit dropped
    /// because its `position` condition fails and nothing waives it.
    static let outOfPosition = "page.out-of-position"

    /// Adds to `notes`, by line, the engine step `page.out-of-position` for each out-of-position
    /// hit of `before` that `waivePositionOfRepeatedHeaders` dropped (`after` has no hit of its
    /// rule there). Only for the audit: the waiving itself builds nothing.
    static func addOutOfPositionNotes(_ notes: inout [Int: [RuleHit]], before: [[RuleMatcher.Candidate]],
                                      after: [[RuleMatcher.Candidate]], minimum: Int) {
        guard before.contains(where: { $0.contains { !$0.inPosition } }) else { return }
        let counts = commentStartCounts(before)
        for i in before.indices {
            for c in before[i] where !c.inPosition && !after[i].contains(where: { $0.rule === c.rule }) {
                let n = counts[c.rule.id] ?? 0
                let position = c.rule.conditions.position.map { "its condition position [\(JSONValue.format($0.lowerBound)), \(JSONValue.format($0.upperBound))] fails" }
                    ?? "its position condition fails"
                notes[i, default: []].append(RuleHit(
                    ruleID: outOfPosition,
                    description: notCounted(c.hit, why: "\(position) here; it fires on \(n) line\(n == 1 ? "" : "s") of this page, under comment_header_repeat \(minimum), and no comment counter stating a number vouches for the line, so it is not waived"),
                    scores: [], matched: c.hit.matched))
            }
        }
    }

    /// Comment-start lines that a comment counter stating a number ("{ 2 comments… read them
    /// below or add one }", "Responses (2)") vouches for, with the counter's line and number: the
    /// first within `lookahead` non-blank lines under it, each next within
    /// `ThreadLayout.maxCommentLines` of the last, no more of them than it states, up to the next
    /// mark. A short thread high on a long page (its footer a menu of many lines) stands where
    /// headers' `position` does not admit them, and too few to repeat (`comment_header_repeat`).
    static func vouchedByCounter(_ candidates: [[RuleMatcher.Candidate]], lines: [String], blank: [Bool],
                                 lookahead: Int) -> [Int: (mark: Int, count: Int)] {
        var vouched: [Int: (mark: Int, count: Int)] = [:]
        for m in candidates.indices where candidates[m].contains(where: { $0.rule.has(.commentSection) }) {
            guard let count = ThreadLayout.statedCount(lines[m]), count > 0 else { continue }
            var found = 0
            var gap = 0
            var reach = lookahead
            var i = m + 1
            while i < candidates.count, found < count {
                defer { i += 1 }
                if blank[i] { continue }
                if candidates[i].contains(where: { $0.rule.has(.commentSection) }) { break }
                gap += 1
                if candidates[i].contains(where: { $0.rule.marksCommentStart }) {
                    if vouched[i] == nil { vouched[i] = (m, count) }
                    found += 1
                    gap = 0
                    reach = ThreadLayout.maxCommentLines
                } else if gap >= reach {
                    break
                }
            }
        }
        return vouched
    }
}
