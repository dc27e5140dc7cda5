/// Turns labelled lines into segments: runs of non-blank lines with one label (blank lines
/// between them do not split a run), except that each reader comment is exactly one segment.
enum Segmenter {
    static func segments(lines: [LineResult], comments: [(CommentGroup, ModerationVerdict)]) -> [Segment] {
        var commentAt: [Int: (CommentGroup, ModerationVerdict)] = [:]
        for c in comments { commentAt[c.0.lines[0]] = c }
        var segments: [Segment] = []
        // Room for the segments of most pages at once: grown from one, the array was copied
        // two or three times a page (step 788 in docs/performance.md).
        segments.reserveCapacity(32)
        // The run's lines by index: copying each `LineResult` (its text, features and hits) into
        // the run cost more than the rest of the segmenting.
        var run: [Int] = []
        // Room for the longest run at once, and for a few rules per segment at its first: both
        // grew a doubling at a time (step 394 in docs/performance.md).
        run.reserveCapacity(lines.count)
        func flush() {
            guard let first = run.first, let last = run.last, let label = lines[first].label else { return }
            // The mean score summed in line order from 0, as `reduce` summed an array of them.
            var total = 0.0, scored = 0
            var rules: [String] = []
            for index in run {
                if let score = lines[index].decision?.score {
                    total += score
                    scored += 1
                }
                // The hits borrowed (`allBorrowed`, step 401): iterating retained and released each one.
                _ = lines[index].hits.allBorrowed { hit in
                    if hit.score(for: label) != 0 && !Segmenter.isPrior(hit) && !rules.contains(hit.ruleID) {
                        if rules.isEmpty { rules.reserveCapacity(8) }
                        rules.append(hit.ruleID)
                    }
                    return true
                }
            }
            segments.append(Segment(label: label, lines: lines[first].number...lines[last].number,
                                    score: total / Double(max(1, scored)),
                                    rules: rules, author: nil, moderation: nil))
            run.removeAll(keepingCapacity: true)
        }
        var i = 0
        while i < lines.count {
            if let (group, verdict) = commentAt[i] {
                flush()
                var rules: [String] = group.headerRule.map { [$0] } ?? []
                for index in group.lines {
                    for hit in lines[index].hits where !Segmenter.isPrior(hit) && !rules.contains(hit.ruleID)
                        && hit.scores.contains(where: { $0.label.family == .comment }) {
                        rules.append(hit.ruleID)
                    }
                }
                for hit in verdict.hits where !rules.contains(hit.ruleID) { rules.append(hit.ruleID) }
                segments.append(Segment(label: Label(.comment, verdict.kind),
                                        lines: (group.lines.first! + 1)...(group.lines.last! + 1),
                                        score: verdict.score, rules: rules, author: group.author, moderation: verdict))
                i = group.lines.last! + 1
                continue
            }
            if let label = lines[i].label {
                if let current = run.first.flatMap({ lines[$0].label }), current != label { flush() }
                run.append(i)
            }
            i += 1
        }
        flush()
        return segments
    }

    /// Whether the hit is a walk's prior (`prior.<state>`): its first byte read before
    /// `hasPrefix`, which cost about 170 instructions a hit (step 95 in docs/performance.md),
    /// and the prefix read as bytes, which `hasPrefix` says too when no byte past the prefix
    /// could join its `.` (an ASCII byte, or none): every line's hits hold a prior (step 240).
    /// A rule's hit (`RuleHit.origin`) is none: the rule loader keeps `prior.` from the rules' ids
    /// (`RuleLoader.reservedPrefixes`), and the id's first byte, read through the string's
    /// `utf8.first`, cost a call of about 26 instructions a hit (step 783).
    @inline(__always)
    static func isPrior(_ hit: RuleHit) -> Bool {
        if hit.origin == .rule { return false }
        let id = hit.ruleID.utf8
        guard id.first == UInt8(ascii: "p") else { return false }
        return id.withContiguousStorageIfAvailable { b in
            guard b.count >= 6, b[1] == 0x72, b[2] == 0x69, b[3] == 0x6F, b[4] == 0x72, b[5] == 0x2E else { return false }
            return b.count == 6 || b[6] < 0x80 ? true : hit.ruleID.hasPrefix("prior.")
        } ?? hit.ruleID.hasPrefix("prior.")
    }
}
