extension AuditReport {
    /// `winnow audit --format json`: the text audit's evidence as one JSON object per page
    /// (docs/output.md): per line the verdict, the score table, every hit, the line's features
    /// and the `walk.name-line` step; a comment's first line also its moderation.
    public static func json(_ page: PageResult, only lineNumbers: Set<Int>? = nil) -> JSONValue {
        var commentAt: [Int: Segment] = [:]
        for s in page.segments where s.label.family == .comment { commentAt[s.lines.lowerBound] = s }
        var lines: [JSONValue] = []
        for line in page.lines {
            if let only = lineNumbers, !only.contains(line.number) { continue }
            guard let decision = line.decision, let label = line.label else {
                if lineNumbers != nil { lines.append(.object([("line", .int(line.number)), ("blank", .bool(true))])) }
                continue
            }
            let runnerUp = decision.totals.filter { $0.label != decision.label }.max { $0.score < $1.score }
            var pairs: [(String, JSONValue)] = [
                ("line", .int(line.number)),
                ("text", .string(line.text)),
                ("label", .string(label.description)),
                ("score", .number(decision.score)),
                ("margin", .number(decision.margin)),
                ("runner_up", runnerUp.map { .string($0.label.description) } ?? .null),
                ("scores", .object(decision.totals.map { ($0.label.description, .number($0.score)) })),
                ("hits", .array(line.hits.map(hitJSON))),
                ("limit_hits", .array(line.limitHits.map { .string($0) })),
                ("features", .object(line.features.auditFields.map { ($0.name, $0.value) })),
            ]
            let name = Walk.nameLine(line.text, line.features)
            pairs.append((nameLineStep, .object([("name", .bool(name.isName)), ("why", .string(name.explanation))])))
            if line.commentStart, let segment = commentAt[line.number], let m = segment.moderation {
                pairs.append(("comment", .object([
                    ("lines", .array([.int(segment.lines.lowerBound), .int(segment.lines.upperBound)])),
                    ("author", segment.author.map { .string($0) } ?? .null),
                    ("kind", .string(m.kind)),
                    ("score", .number(m.score)),
                    ("relevance", .number(m.relevance)),
                    ("shared", .array(m.sharedTerms.map { .string($0) })),
                    ("hits", .array(m.evidence.map(hitJSON))),
                ])))
            }
            lines.append(.object(pairs))
        }
        return .object([
            ("source", .string(page.source)),
            ("line_count", .int(page.lineCount)),
            ("warnings", .array(page.warnings.map { .string($0) })),
            ("thread", page.thread.map { t in .object([
                ("shape", .string(t.shape)),
                ("comments", .int(t.comments)),
                (signedBelowStep, .object([("taken", .bool(t.signedBelowTaken)), ("why", .string(t.signedBelow))])),
            ]) } ?? .null),
            ("lines", .array(lines)),
        ])
    }

    /// A hit as the JSON outputs write it (`winnow audit --format json`, `winnow test --compare-rules --format json`).
    public static func hitJSON(_ hit: RuleHit) -> JSONValue {
        .object([
            ("rule", .string(hit.ruleID)),
            ("scores", .object(hit.scores.map { ($0.label.description, .number($0.score)) })),
            ("matched", hit.matched.map { .string($0) } ?? .null),
            ("description", .string(hit.description)),
        ])
    }
}
