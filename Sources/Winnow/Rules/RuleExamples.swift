/// Runs every rule's `examples` (SwiftLint's triggering / non-triggering examples): each
/// `match` line must make the rule fire, each `no_match` line must not. An example is judged
/// on its own text: the pattern and the conditions on the line's own features; conditions on
/// position, gaps, prose distance, main block (and lines above it), section and neighbours are
/// not applied to examples.
public enum RuleExamples {
    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: Rule
        public let example: String
        public let expectedMatch: Bool
        /// The PCRE2 limit the pattern stopped at on this example, if it did: counted as not
        /// matched on a page, so a `no_match` example would pass while hiding the backtracking.
        public var limit: String? = nil
        /// What the pattern matched of a `match` example when that is no text a reader can find
        /// in the line (`unreadableMatch`): the audit shows a hit's matched text as its evidence.
        public var unreadable: String? = nil
        /// Why the example came out as it did: the condition that failed on it, or what the
        /// pattern matched (a rule author's next step: the pattern, a condition, or the example).
        public var why: String? = nil
        public var description: String {
            if let unreadable {
                let shown = unreadable.isEmpty ? "an empty text" : "only \"\(unreadable)\""
                return "\(rule.file):\(rule.line): rule '\(rule.id)' matched \(shown) of its match example "
                    + "\"\(TextReport.shorten(example, to: 90))\": the audit shows a rule's matched text as its evidence, "
                    + "so a pattern that only tests a line's shape (a lookahead, a first letter) should run on to the "
                    + "line's end: end it with .*"
            }
            let what = limit.map { "stopped at a PCRE2 limit (\($0)) on its \(expectedMatch ? "match" : "no_match") example" }
                ?? (expectedMatch ? "did not fire on its match example" : "fired on its no_match example")
            return "\(rule.file):\(rule.line): rule '\(rule.id)' \(what): \"\(TextReport.shorten(example, to: 90))\""
                + (why.map { " (\($0))" } ?? "")
        }
    }

    public struct Report: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        /// Rules lacking a `match` or a `no_match` example.
        public var missing: [Rule] = []
    }

    public static func run(_ rules: RuleSet, filter: ((Rule) -> Bool)? = nil) -> Report {
        let scratch = MatchScratch(limits: rules.config.limits)
        var report = Report()
        for rule in rules.rules where filter?(rule) ?? true {
            if rule.examples.match.isEmpty || rule.examples.noMatch.isEmpty { report.missing.append(rule) }
            for (examples, expected) in [(rule.examples.match, true), (rule.examples.noMatch, false)] {
                for example in examples {
                    switch outcome(rule, on: example, stopwords: rules.config.stopwords, scratch: scratch) {
                    case .limitHit(let limit):
                        report.failures.append(Failure(rule: rule, example: example, expectedMatch: expected, limit: limit))
                    case .matched(let m) where expected && rule.pattern != nil:
                        if let text = unreadableMatch(m.range, in: example) {
                            report.failures.append(Failure(rule: rule, example: example, expectedMatch: true, unreadable: text))
                        } else {
                            report.passed += 1
                        }
                    case let outcome where (outcome != .noMatch) == expected:
                        report.passed += 1
                    case let outcome:
                        report.failures.append(Failure(rule: rule, example: example, expectedMatch: expected,
                                                       why: why(rule, outcome, on: example, stopwords: rules.config.stopwords)))
                    }
                }
            }
        }
        return report
    }

    /// The matched text (UTF-8 byte range `range` of `text`) when a reader could not find it as
    /// evidence in the line: empty (a lookahead alone) in a line that is not, or a word's first
    /// letter or digit alone, with the word running on after it (`^\W*\p{L}` showed "L" for
    /// "Latest Articles"). Nil for a readable match ("?" of "Why?", "Reply", a whole line).
    static func unreadableMatch(_ range: Range<Int>, in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        let matched = String(decoding: bytes[range], as: UTF8.self)
        if matched.isEmpty { return text.isEmpty ? nil : matched }
        func isWordCharacter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        let word = matched.unicodeScalars.filter(isWordCharacter)
        guard word.count == 1, let last = matched.unicodeScalars.last, isWordCharacter(last),
              let next = String(decoding: bytes[range.upperBound...], as: UTF8.self).unicodeScalars.first,
              isWordCharacter(next) else { return nil }
        return matched
    }

    /// What `rule`, listed in `Report.missing`, lacks and how to add it, for lint and `winnow test`:
    /// "lacks a no_match example (examples: {no_match: [...]}: ...)".
    public static func missingText(_ rule: Rule) -> String {
        let match = "a match example (examples: {match: [...]}: a line of the kind it names, made up in its shape)"
        let noMatch = "a no_match example (examples: {no_match: [...]}: a line it must leave alone, such as the story's prose)"
        switch (rule.examples.match.isEmpty, rule.examples.noMatch.isEmpty) {
        case (true, true): return "has no examples: it needs \(match) and \(noMatch)"
        case (true, false): return "lacks \(match)"
        default: return "lacks \(noMatch)"
        }
    }

    /// Why `rule` came out `outcome` on a failing example: a match example, the condition that
    /// failed (with the line's value) or "its pattern does not match"; a no_match example, what
    /// its pattern matched, or that it has none and its conditions all hold.
    static func why(_ rule: Rule, _ outcome: MatchOutcome, on text: String, stopwords: Set<String>) -> String {
        guard case .noMatch = outcome else {
            if case .matched(let m) = outcome, rule.pattern != nil {
                let bytes = Array(text.utf8)
                let matched = m.range.upperBound <= bytes.count ? String(decoding: bytes[m.range], as: UTF8.self) : ""
                return "its pattern matched \"\(TextReport.shorten(matched, to: 50))\" and its conditions hold"
            }
            return "it has no pattern and its conditions hold on the line"
        }
        let features = LineFeatures(text: text, stopwords: stopwords)
        for test in rule.featureTests where test.fails(features) {
            if let said = test.explained(features) { return "its condition \(said)" }
        }
        return "its pattern does not match it"
    }

    /// The rule on the example: `.noMatch` when a condition fails, else the pattern's outcome
    /// (a rule with no pattern counts as matched by an empty match).
    static func outcome(_ rule: Rule, on text: String, stopwords: Set<String>, scratch: MatchScratch) -> MatchOutcome {
        var c = rule.conditions
        c.position = nil
        c.gapBefore = nil
        c.gapAfter = nil
        c.minProseDistance = nil
        c.maxProseDistance = nil
        c.mainBlock = nil
        c.storyBlock = nil
        c.maxAboveMainBlock = nil
        c.minBelowMainBlock = nil
        c.maxBelowMainBlock = nil
        c.maxAboveStoryProse = nil
        c.maxBelowStoryProse = nil
        c.maxAboveByline = nil
        c.maxBelowListHeading = nil
        c.layoutHeader = nil
        c.tableCell = nil
        c.storyList = nil
        c.splitDate = nil
        c.overCutTitle = nil
        c.teaserBox = nil
        c.minPageLines = nil
        c.maxPageLines = nil
        guard c.holds(for: LineFeatures(text: text, stopwords: stopwords)) else { return .noMatch }
        guard let pattern = rule.pattern else { return .matched(PatternMatch(range: 0..<0, groups: [:])) }
        return pattern.firstMatch(in: text, scratch: scratch)
    }
}
