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
        public var description: String {
            let what = limit.map { "stopped at a PCRE2 limit (\($0)) on its \(expectedMatch ? "match" : "no_match") example" }
                ?? (expectedMatch ? "did not fire on its match example" : "fired on its no_match example")
            return "\(rule.file):\(rule.line): rule '\(rule.id)' \(what): \"\(TextReport.shorten(example, to: 90))\""
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
                    case let outcome where (outcome != .noMatch) == expected:
                        report.passed += 1
                    default:
                        report.failures.append(Failure(rule: rule, example: example, expectedMatch: expected))
                    }
                }
            }
        }
        return report
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
        c.minPageLines = nil
        c.maxPageLines = nil
        guard c.holds(for: LineFeatures(text: text, stopwords: stopwords)) else { return .noMatch }
        guard let pattern = rule.pattern else { return .matched(PatternMatch(range: 0..<0, groups: [:])) }
        return pattern.firstMatch(in: text, scratch: scratch)
    }
}
