import Foundation
import ArgumentParser
import Winnow

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and check rule files.",
        discussion: """
            Examples:
              winnow rules list | grep unfiltered
              winnow rules lint --strict --rules my-rules/
            """,
        subcommands: [List.self, Lint.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule: id, file, labels it scores, description.",
            discussion: """
                Examples:
                  winnow rules list | grep -w comments.said-header   (one rule)
                  winnow rules list | grep -w boilerplate.share      (what scores a label)
                  winnow rules list | grep unfiltered    (patterns PCRE2 runs on every line)
                  winnow rules list --rules my-rules/
                  winnow rules list --literals | grep -w topic.advice
                  winnow rules list --patterns | grep -w share.button-row

                Tab-separated rows, in this order:
                  ID  FILE:LINE  LABELS  DESCRIPTION
                      one per rule, in load order; LABELS are the labels it scores
                      with their scores ('boilerplate.share 3.0'), then its marks
                      ('mark:comment-header')
                  unfiltered  ID  REASON
                      a pattern with no literal for the prefilter: PCRE2 runs it on
                      every line its conditions admit (docs/rules.md, "What a rule costs");
                      ID '*' when the whole rule set is past the prefilter's limits
                  native  ID  PATTERN
                      a pattern the engine decides itself, without PCRE2 (a shape that
                      only tests where the line's first or last letter stands)
                  literals  ID  SETS        (with --literals)
                      per branch of a pattern, what a line must hold before PCRE2 runs
                      it: sets joined by ' & ', one literal of each present (a set's
                      literals joined by ' | ', any one of them: 'you & can | may' is
                      'you' and 'can' or 'may'); '^x', 'x$', '\\bx', '#x' give its place. Context rules (previous, next,
                      neighbours, first_pass, nearby) are never prefiltered: their rows
                      only say what every match holds.
                  pattern  ID  PATTERN      (with --patterns)
                      the pattern as the rule file writes it
                  grouped  ID  PATTERN      (with --patterns)
                      as PCRE2 compiles it, when its plain word lists were grouped by
                      their first letters at load (docs/rules.md, "What a rule costs")

                To read a rule's pattern, conditions and examples, open FILE at LINE.

                Exit status: 0, or 2 when the rules do not load.
                """
        )

        @OptionGroup var ruleOptions: RuleOptions

        @Flag(help: "Also list each pattern's required literals, one row per branch.")
        var literals = false

        @Flag(help: "Also list each pattern as written, and as compiled when its word lists were grouped.")
        var patterns = false

        func run() throws {
            let rules = try ruleOptions.load()
            for rule in rules.rules {
                let file = (rule.file as NSString).lastPathComponent
                var labels = rule.scores.map { "\($0.label) \(JSONValue.format($0.score))" }
                labels += rule.marks.map { "mark:\($0.rawValue)" }.sorted()
                Console.out("\(rule.id)\t\(file):\(rule.line)\t\(labels.joined(separator: ", "))\t\(rule.description)\n")
            }
            // The patterns without a required literal, which run on every line.
            if rules.prefilters == nil && !ruleOptions.noPrefilter {
                Console.out("unfiltered\t*\tthe rule set is beyond the prefilter's limits (docs/performance.md): every pattern runs in PCRE2\n")
            }
            for (index, message) in rules.prefilters?.unfiltered ?? [] {
                Console.out("unfiltered\t\(rules.rules[index].id)\t\(message)\n")
            }
            // The patterns decided without PCRE2 (`PatternShape`).
            for rule in rules.rules {
                if let pattern = rule.pattern, let shape = pattern.shape {
                    Console.out("native\t\(rule.id)\t\(shape.rawValue)\(pattern.shapeRunsToLineEnd ? ".*" : "")\n")
                }
            }
            if patterns {
                for rule in rules.rules {
                    guard let pattern = rule.pattern, let written = rule.writtenPattern else { continue }
                    Console.out("pattern\t\(rule.id)\t\(written)\n")
                    if pattern.source != written { Console.out("grouped\t\(rule.id)\t\(pattern.source)\n") }
                }
            }
            guard literals else { return }
            for rule in rules.rules {
                guard let pattern = rule.pattern, let branches = RequiredLiterals.describe(pattern.source, caseless: pattern.caseless) else { continue }
                for branch in branches { Console.out("literals\t\(rule.id)\t\(branch)\n") }
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the rule files and run every rule's examples.",
            discussion: """
                Every problem is printed on standard error with its file, line and rule id (a bad \
                pattern with PCRE2's message and offset, an unknown key, a failing example with its text), \
                then a summary: 'N rules, N examples passed, N failed'.

                Examples:
                  winnow rules lint
                  winnow rules lint --rules my-rules/
                  winnow rules lint --strict --rules my-rules/

                Exit status 2 on any loader error, failing example or rule name in config.yml's \
                moderation (page_rule_weights, header_rules, ...) that is no rule; a rule lacking a match or a no_match \
                example is a warning, and with --strict an error (status 2), as in `winnow test --strict`.
                """
        )

        @OptionGroup var ruleOptions: RuleOptions

        @Flag(help: "A rule lacking a match or a no_match example is an error (status 2), not a warning.")
        var strict = false

        func run() throws {
            let rules = try ruleOptions.load()
            let report = RuleExamples.run(rules)
            for f in report.failures { Console.error(f.description) }
            for r in report.missing {
                Console.error("\(strict ? "error" : "warning"): \(r.file):\(r.line): rule '\(r.id)' \(RuleExamples.missingText(r))")
            }
            // A speed hint that cannot pay (docs/rules.md, "What a rule costs"): never an error,
            // as the output is the same either way.
            for r in rules.rules {
                guard let pattern = r.pattern, pattern.wantsASCIILine, let reason = Pattern.asciiCopyCannotPay(pattern.source) else { continue }
                Console.error("warning: \(r.file):\(r.line): rule '\(r.id)' has ascii_copy: true, but \(reason); drop the key "
                              + "(scripts/rule-costs --ascii-copy measures where it pays)")
            }
            let unknown = rules.unknownPageRuleWeights
            for id in unknown {
                Console.error("\(rules.directory)/config.yml: \(rules.moderationKeys(naming: id).joined(separator: ", ")): no rule '\(id)'")
            }
            let missing = report.missing.isEmpty ? "" : ", \(report.missing.count) rule\(report.missing.count == 1 ? "" : "s") without examples"
            Console.out("\(rules.rules.count) rules, \(report.passed) examples passed, \(report.failures.count) failed\(missing)\n")
            if !report.failures.isEmpty || !unknown.isEmpty || (strict && !report.missing.isEmpty) { throw ExitCode(2) }
        }
    }
}
