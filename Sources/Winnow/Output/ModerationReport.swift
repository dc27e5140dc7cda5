/// The `winnow moderate` output contract (docs/output.md): one JSON object per input line.
public enum ModerationReport {
    public static func render(id: JSONValue, verdict: ModerationVerdict, explain: Bool) -> String {
        var pairs: [(String, JSONValue)] = [
            ("id", id),
            ("label", .string(verdict.kind)),
            ("score", .number(verdict.score)),
            ("relevance", .number(verdict.relevance)),
            ("rules", .array(verdict.hits.map { .string($0.ruleID) })),
        ]
        if !verdict.hadContext {
            pairs.append(("note", .string("no article or title: on-topic versus off-topic rests on rule votes alone")))
        }
        if explain {
            pairs.append(("hits", .array(verdict.evidence.map { hit in
                .object([
                    ("rule", .string(hit.ruleID)),
                    ("scores", .object(hit.scores.map { ($0.label.description, .number($0.score)) })),
                    ("matched", hit.matched.map { .string($0) } ?? .null),
                    ("description", .string(hit.description)),
                ])
            })))
            pairs.append(("shared", .array(verdict.sharedTerms.map { .string($0) })))
        }
        return JSONValue.object(pairs).serialized()
    }

    public static func render(id: JSONValue, line: Int, error: String) -> String {
        JSONValue.object([("id", id), ("line", .int(line)), ("error", .string(error))]).serialized()
    }
}
