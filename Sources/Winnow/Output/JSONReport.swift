/// The `--format json` contract (docs/output.md): one object per page.
public enum JSONReport {
    public static func render(_ page: PageResult) -> String {
        page.jsonValue.serialized()
    }
}

extension PageResult {
    public var jsonValue: JSONValue {
        .object([
            ("source", .string(source)),
            ("line_count", .int(lineCount)),
            ("segments", .array(segments.map(\.jsonValue))),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }
}

extension Segment {
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("label", .string(label.family.rawValue)),
            ("kind", label.kind.map { .string($0) } ?? .null),
            ("lines", .array([.int(lines.lowerBound), .int(lines.upperBound)])),
        ]
        if label.family == .comment {
            pairs.append(("author", author.map { .string($0) } ?? .null))
        }
        pairs.append(("score", .number(score)))
        pairs.append(("rules", .array(rules.map { .string($0) })))
        if let moderation {
            pairs.append(("relevance", .number(moderation.relevance)))
        }
        return .object(pairs)
    }
}
