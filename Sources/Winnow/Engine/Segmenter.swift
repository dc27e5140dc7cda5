/// Turns labelled lines into segments: runs of non-blank lines with one label (blank lines
/// between them do not split a run), except that each reader comment is exactly one segment.
enum Segmenter {
    static func segments(lines: [LineResult], comments: [(CommentGroup, ModerationVerdict)]) -> [Segment] {
        var commentAt: [Int: (CommentGroup, ModerationVerdict)] = [:]
        for c in comments { commentAt[c.0.lines[0]] = c }
        var segments: [Segment] = []
        var run: [LineResult] = []
        func flush() {
            guard let first = run.first, let last = run.last, let label = first.label else { return }
            let scores = run.compactMap { $0.decision?.score }
            var rules: [String] = []
            for line in run {
                for hit in line.hits where !hit.ruleID.hasPrefix("prior.") && hit.score(for: label) != 0 && !rules.contains(hit.ruleID) {
                    rules.append(hit.ruleID)
                }
            }
            segments.append(Segment(label: label, lines: first.number...last.number,
                                    score: scores.reduce(0, +) / Double(max(1, scores.count)),
                                    rules: rules, author: nil, moderation: nil))
            run = []
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let (group, verdict) = commentAt[i] {
                flush()
                var rules: [String] = group.headerRule.map { [$0] } ?? []
                for index in group.lines {
                    for hit in lines[index].hits where !hit.ruleID.hasPrefix("prior.") && !rules.contains(hit.ruleID)
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
            if let label = line.label {
                if let current = run.first?.label, current != label { flush() }
                run.append(line)
            }
            i += 1
        }
        flush()
        return segments
    }
}
