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

    /// The examples whose result the edit changed, by rule id and example text.
    static func examples(before: RuleExamples.Report, after: RuleExamples.Report) -> (text: String, stillFailing: Int) {
        func key(_ f: RuleExamples.Failure) -> String { "\(f.rule.id)\u{0}\(f.expectedMatch)\u{0}\(f.example)" }
        let old = Set(before.failures.map(key)), new = Set(after.failures.map(key))
        var out = ""
        for f in after.failures where !old.contains(key(f)) { out += "FAIL example (new): \(f)\n" }
        for f in before.failures where !new.contains(key(f)) {
            out += "fixed example: rule '\(f.rule.id)' \(f.expectedMatch ? "match" : "no_match") \"\(TextReport.shorten(f.example, to: 90))\"\n"
        }
        return (out, after.failures.filter { old.contains(key($0)) }.count)
    }
}
