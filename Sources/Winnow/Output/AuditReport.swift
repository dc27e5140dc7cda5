/// `winnow audit`: for each line, a verdict then the evidence, in the manner of SpamAssassin's
/// reports: the label and its margin over the runner-up, the score table, and every rule hit
/// with its score, matched text and one-line description. Lines asked for with `--line` also
/// show the line's features under the names rule conditions use, and the engine step
/// `walk.name-line` (whether the line can be a commenter's name, and if not, the test it failed).
public enum AuditReport {
    public static func render(_ page: PageResult, only lineNumbers: Set<Int>? = nil) -> String {
        var out = "== \(page.source): \(page.lineCount) lines\n"
        for w in page.warnings { out += "warning: \(w)\n" }
        if let t = page.thread { out += threadRow(t) }
        // A whole page's `walk.section` notes were about half of its rows, most on lines whose
        // label they do not bear on: one row per page counts them, and the lines asked with
        // `--line` (and the JSON audit) show each.
        let sectionRows = lineNumbers != nil
        if !sectionRows { out += sectionSummary(page) }
        var commentAt: [Int: Segment] = [:]
        for s in page.segments where s.label.family == .comment { commentAt[s.lines.lowerBound] = s }
        for line in page.lines {
            if let only = lineNumbers, !only.contains(line.number) { continue }
            guard let decision = line.decision, let label = line.label else {
                if lineNumbers != nil { out += "\nline \(line.number): blank (no label)\n" }
                continue
            }
            out += "\nline \(line.number): \(label)"
            let runnerUp = decision.totals.filter { $0.label != decision.label }.max { $0.score < $1.score }
            if let r = runnerUp {
                out += "  (\(JSONValue.format(decision.score)), margin \(JSONValue.format(decision.margin)) over \(r.label))"
            } else {
                out += "  (\(JSONValue.format(decision.score)), no competing label)"
            }
            out += "\n  | " + TextReport.shorten(line.text, to: 110) + "\n"
            out += "  scores: " + decision.totals.map { "\($0.label) \(JSONValue.format($0.score))" }.joined(separator: ", ") + "\n"
            for hit in line.hits where sectionRows || hit.ruleID != Labeler.sectionStep {
                // An engine step that scores nothing (`walk.signed-below`) still shows.
                if hit.scores.isEmpty {
                    var row = "  " + "0".leftPad(6) + "  " + "(no score)".rightPad(27) + " " + hit.ruleID.rightPad(30) + " " + hit.description
                    // A removed hit (`page.hit-limit`) keeps its rule's matched text.
                    if let m = hit.matched, !m.isEmpty { row += "  [\"" + TextReport.shorten(m, to: 50) + "\"]" }
                    out += row + "\n"
                }
                for s in hit.scores {
                    let score = (s.score >= 0 ? "+" : "") + JSONValue.format(s.score)
                    var row = "  " + score.leftPad(6) + "  " + s.label.description.rightPad(27)
                        + " " + hit.ruleID.rightPad(30) + " " + hit.description
                    if let m = hit.matched, !m.isEmpty { row += "  [\"" + TextReport.shorten(m, to: 50) + "\"]" }
                    out += row + "\n"
                }
            }
            for id in line.limitHits { out += "  limit   rule '\(id)' stopped at a PCRE2 limit: counted as not matched\n" }
            if lineNumbers != nil {
                out += featureRows(line.features)
                out += "  \(nameLineStep): " + Walk.nameLine(line.text, line.features).explanation + "\n"
            }
            if line.commentStart, let segment = commentAt[line.number], let m = segment.moderation {
                out += "  comment \(segment.lines.lowerBound)-\(segment.lines.upperBound) by \(segment.author ?? "?"): "
                    + "\(m.kind) (score \(JSONValue.format(m.score)), relevance \(JSONValue.format(m.relevance)))\n"
                if !m.sharedTerms.isEmpty {
                    out += "    shared with the article: " + m.sharedTerms.prefix(20).joined(separator: ", ") + "\n"
                }
                for hit in m.evidence {
                    for s in hit.scores {
                        var row = "    " + ((s.score >= 0 ? "+" : "") + JSONValue.format(s.score)).leftPad(6) + "  "
                            + s.label.description.rightPad(21) + " " + hit.ruleID.rightPad(24) + " " + hit.description
                        if let matched = hit.matched, !matched.isEmpty { row += "  [\"" + TextReport.shorten(matched, to: 70) + "\"]" }
                        out += row + "\n"
                    }
                }
            }
        }
        return out
    }

    /// "thread: headers above (7 comments); walk.signed-below: no: ...": the thread shape the
    /// walk chose and the verdict of the step that reads signatures below the text.
    static func threadRow(_ t: ThreadShape) -> String {
        "thread: \(t.shape) (\(t.comments) comment\(t.comments == 1 ? "" : "s")); \(signedBelowStep): \(t.signedBelow)\n"
    }

    static let signedBelowStep = "walk.signed-below"

    /// The lines where rule or engine step `id` fired, or where a step removed its hit and says
    /// so ("rule 'ID' not counted ...": `page.hit-limit`, `walk.section`, ...): what `winnow
    /// audit --rule ID` shows of a page.
    public static func lines(of page: PageResult, firing id: String) -> [Int] {
        page.lines.filter { line in
            line.hits.contains { $0.ruleID == id || $0.scores.isEmpty && Labeler.notCountedRule($0.description) == id }
        }.map(\.number)
    }

    /// Why `winnow audit --rule ID` cannot select by `id` (no rule of `rules` and no engine step
    /// with hits on lines has it), with the nearest id when one is close; nil when it can.
    public static func unknownRule(_ id: String, in rules: RuleSet) -> String? {
        let known = Set(rules.rules.map(\.id) + EngineStep.lineSteps.map(\.id))
        if known.contains(id) { return nil }
        let guess = YAMLReader.nearest(id, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        return "--rule '\(id)': no rule or engine step has this id\(guess); winnow rules list lists the rules, "
            + "docs/rules.md the engine steps (priors stand on every line, a comment's kind votes under its first line)"
    }

    /// "walk.section: 12 hits on 9 lines left out ...": the page's `walk.section` notes, counted
    /// with the rules that have most (the text audit of whole pages shows them no further).
    static func sectionSummary(_ page: PageResult) -> String {
        var lines = 0, hits = 0
        var byRule: [String: Int] = [:]
        for line in page.lines {
            let notes = line.hits.filter { $0.ruleID == Labeler.sectionStep }
            if notes.isEmpty { continue }
            lines += 1
            hits += notes.count
            for n in notes { byRule[Labeler.notCountedRule(n.description) ?? "?", default: 0] += 1 }
        }
        guard hits > 0 else { return "" }
        let top = byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(Labeler.sectionStep): \(hits) hit\(hits == 1 ? "" : "s") on \(lines) line\(lines == 1 ? "" : "s") left out by their rule's section condition (\(top)\(byRule.count > 3 ? ", ..." : "")); "
            + "shown on the lines asked with --line N, and in --format json\n"
    }

    /// "  features: words 4, chars 23, ...", wrapped under 110 columns.
    static func featureRows(_ f: LineFeatures) -> String {
        var out = "  features:"
        var width = out.count
        for (i, field) in f.auditFields.enumerated() {
            let item = " \(field.name) \(field.value.serialized())" + (i + 1 < f.auditFields.count ? "," : "")
            if width + item.count > 110 {
                out += "\n           "
                width = 11
            }
            out += item
            width += item.count
        }
        return out + "\n"
    }

    /// The engine step that decides whether a line can be a commenter's name (`Walk.nameLine`).
    static let nameLineStep = "walk.name-line"
}

/// `winnow audit --stats`: how often each rule fired across pages, and which never fired.
public struct RuleStats {
    public private(set) var hits: [String: Int] = [:]
    public private(set) var pages: [String: Int] = [:]
    public private(set) var pageCount = 0
    public private(set) var lineCount = 0

    public init() {}

    public mutating func add(_ page: PageResult) {
        pageCount += 1
        var seen: Set<String> = []
        for line in page.lines {
            if line.decision != nil { lineCount += 1 }
            for hit in line.hits where !hit.ruleID.hasPrefix("prior.") {
                hits[hit.ruleID, default: 0] += 1
                seen.insert(hit.ruleID)
            }
        }
        for id in seen { pages[id, default: 0] += 1 }
    }

    /// The rules and the engine steps with hits on lines (`EngineStep.lineSteps`), those that
    /// score nothing included: a step fires like a rule, and is counted like one.
    public func render(rules: RuleSet) -> String {
        let steps = EngineStep.lineSteps
        var out = "\(pageCount) pages, \(lineCount) non-blank lines, \(rules.rules.count) rules, \(steps.count) engine steps\n\n"
        out += "  lines  pages  rule\n"
        for id in hits.keys.sorted(by: { (hits[$0]!, $1) > (hits[$1]!, $0) }) {
            out += String(hits[id]!).leftPad(7) + String(pages[id]!).leftPad(7) + "  \(id)"
                + (EngineStep.named(id).map { "  (engine step\($0.scoresNothing ? ", scores nothing" : ""))" } ?? "") + "\n"
        }
        let never = rules.rules.filter { hits[$0.id] == nil }.map { "\($0.id)  (\($0.file):\($0.line))" }
            + steps.filter { hits[$0.id] == nil }.map { "\($0.id)  (engine step\($0.scoresNothing ? ", scores nothing" : ""): \($0.source))" }
        out += "\nrules that never fired (\(never.count)):\n"
        for row in never { out += "  \(row)\n" }
        return out
    }
}
