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
        public var description: String {
            "\(rule.file):\(rule.line): rule '\(rule.id)' " + (expectedMatch ? "did not fire on its match example" : "fired on its no_match example")
                + ": \"\(TextReport.shorten(example, to: 90))\""
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
                    if fires(rule, on: example, stopwords: rules.config.stopwords, scratch: scratch) == expected {
                        report.passed += 1
                    } else {
                        report.failures.append(Failure(rule: rule, example: example, expectedMatch: expected))
                    }
                }
            }
        }
        return report
    }

    static func fires(_ rule: Rule, on text: String, stopwords: Set<String>, scratch: MatchScratch) -> Bool {
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
        c.maxAboveByline = nil
        c.maxBelowListHeading = nil
        c.layoutHeader = nil
        c.tableCell = nil
        c.storyList = nil
        guard c.holds(for: LineFeatures(text: text, stopwords: stopwords)) else { return false }
        guard let pattern = rule.pattern else { return true }
        if case .matched = pattern.firstMatch(in: text, scratch: scratch) { return true }
        return false
    }
}
