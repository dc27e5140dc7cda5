import Winnow

/// Prints `winnow test --compare-rules`: per page, the lines a rule edit fixed or broke (and,
/// asked for, the still-wrong lines it relabelled), in the failing-page printer's style.
enum ComparisonReport {
    static let header = "  line  change      expected                    before                      after                       | text\n"

    /// One page's changed lines; empty when nothing changed on it. `heldOut` prints the
    /// counts alone.
    static func render(_ page: PageComparison, maxLines: Int, relabelled: Bool, heldOut: Bool) -> String {
        if let error = page.error { return "\nFAIL \(page.fixture.name): \(error)\n" }
        if page.lines.isEmpty { return "" }
        let fixed = page.count(.fixed), broken = page.count(.broken), other = page.count(.relabelled)
        var out = "\nCHANGED \(page.fixture.name): \(fixed) fixed, \(broken) broken"
        if other > 0 { out += ", \(other) relabelled" + (relabelled ? "" : " (still wrong; --relabelled shows them)") }
        out += page.passesNow ? "; passes now" : ""
        if heldOut { return out + " (held out: not shown)\n" }
        out += "\n"
        let shown = page.lines.filter { relabelled || $0.change != .relabelled }
        for line in shown.prefix(maxLines) {
            out += "  " + String(line.number).leftPad(4) + "  " + line.change.rawValue.rightPad(10)
                + "  " + PageDiff.label(line.expected.label, commentStart: line.expected.commentStart).rightPad(27)
                + " " + PageDiff.label(line.before.label, commentStart: line.before.commentStart).rightPad(27)
                + " " + PageDiff.label(line.after.label, commentStart: line.after.commentStart).rightPad(27)
                + " | " + TextReport.shorten(line.after.text, to: 60) + "\n"
            out += PageDiff.rulesLine(line.after)
        }
        if shown.count > maxLines { out += "  ... \(shown.count - maxLines) more\n" }
        return out
    }

    /// An example's identity across the two rule sets: rule id, which list, text.
    static func exampleKey(_ f: RuleExamples.Failure) -> String { "\(f.rule.id)\u{0}\(f.expectedMatch)\u{0}\(f.example)" }

    /// One page for `--format json`: nil when nothing changed on it (a page that could not be
    /// judged has its `error`; a held-out page, its counts alone).
    static func json(_ page: PageComparison, relabelled: Bool, heldOut: Bool) -> JSONValue? {
        if let error = page.error { return .object([("page", .string(page.fixture.name)), ("error", .string(error))]) }
        if page.lines.isEmpty { return nil }
        var pairs: [(String, JSONValue)] = [
            ("page", .string(page.fixture.name)),
            ("fixed", .int(page.count(.fixed))), ("broken", .int(page.count(.broken))),
            ("relabelled", .int(page.count(.relabelled))), ("passes_now", .bool(page.passesNow)),
        ]
        if heldOut { return .object(pairs + [("held_out", .bool(true))]) }
        pairs.append(("lines", .array(page.lines.filter { relabelled || $0.change != .relabelled }.map { line in
            func label(_ label: Label?, _ start: Bool) -> JSONValue {
                .object([("label", label.map { .string($0.description) } ?? .null), ("comment_start", .bool(start))])
            }
            return .object([
                ("line", .int(line.number)),
                ("change", .string(line.change.rawValue)),
                ("expected", label(line.expected.label, line.expected.commentStart)),
                ("before", label(line.before.label, line.before.commentStart)),
                ("after", label(line.after.label, line.after.commentStart)),
                ("text", .string(line.after.text)),
                ("hits_before", .array(line.before.hits.map(AuditReport.hitJSON))),
                ("hits", .array(line.after.hits.map(AuditReport.hitJSON))),
            ])
        })))
        return .object(pairs)
    }

    /// The examples whose result the edit changed, for `--format json`.
    static func examplesJSON(before: RuleExamples.Report, after: RuleExamples.Report) -> JSONValue {
        let old = Set(before.failures.map(exampleKey)), new = Set(after.failures.map(exampleKey))
        func object(_ f: RuleExamples.Failure) -> JSONValue {
            .object([("rule", .string(f.rule.id)), ("file", .string(f.rule.file)), ("line", .int(f.line ?? f.rule.line)),
                     ("example", .string(f.expectedMatch ? "match" : "no_match")), ("text", .string(f.example))])
        }
        let key = exampleKey
        return .object([
            ("broken", .array(after.failures.filter { !old.contains(key($0)) }.map(object))),
            ("fixed", .array(before.failures.filter { !new.contains(key($0)) }.map(object))),
            ("still_failing", .int(after.failures.filter { old.contains(key($0)) }.count)),
        ])
    }

    /// The examples whose result the edit changed, by rule id and example text.
    static func examples(before: RuleExamples.Report, after: RuleExamples.Report) -> (text: String, stillFailing: Int) {
        let key = exampleKey
        let old = Set(before.failures.map(key)), new = Set(after.failures.map(key))
        var out = ""
        for f in after.failures where !old.contains(key(f)) { out += "FAIL example (new): \(f)\n" }
        for f in before.failures where !new.contains(key(f)) {
            out += "fixed example: rule '\(f.rule.id)' \(f.expectedMatch ? "match" : "no_match") \"\(TextReport.shorten(f.example, to: 90))\"\n"
        }
        return (out, after.failures.filter { old.contains(key($0)) }.count)
    }
}
