import ArgumentParser
import Foundation
import Winnow

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples and every golden page fixture.",
        discussion: """
            Page fixtures are Fixtures/pages/**/<name>.txt with <name>.expected beside them \
            (the annotated format, see docs/fixtures.md); snippet fixtures are \
            Fixtures/web/gold.jsonl with Fixtures/web/pages/. For each failing page the \
            differing lines are printed with the rules that fired on them. The run ends with \
            per-label precision / recall / F1, comment-boundary scores, the snippet scores, the \
            rules that fired on no fixture (engine steps with hits on lines, such as \
            walk.signed-below, count as rules), the pages passing per fixture folder \
            (tune, check, ...), and 'N passed, N failed'.

            Examples:
              winnow test                         (everything)
              winnow test --filter seed           (pages and rules whose name has 'seed')
              winnow test --max-lines 0 --filter 'tune/'
                                                  (the tune pages: pass/fail, label table)
              winnow test --update --filter 'templates/news-site'
                                                  (rewrite that expected file from current
                                                  output; review it with git diff: expected
                                                  files are labelled by hand, as
                                                  docs/fixtures.md says)

            Pages under check/ are held out (docs/fixtures.md, "The split"): they are run and \
            counted, but their differing lines are not printed and --update leaves them alone, \
            so tuning never reads them. --held-out lifts both, for a deliberate correction.

            --compare-rules OLD_DIR tunes a rule: it labels the selected pages with the rules in \
            OLD_DIR and with the current ones (--rules), and prints only the lines whose \
            outcome changed: 'fixed' (wrong before, right now) and 'broken' (right before, wrong \
            now), with the expected, old and new labels and the rules that fired now; \
            --relabelled adds the lines wrong before and now under another label. Rule examples \
            that fail now and did not before, or the reverse, are printed too (--filter selects \
            rules by id as well as pages: 'tune/' selects no rule; 'tune/|^context\\.' adds the \
            context rules' examples). It ends with 'N fixed, N broken, N pages changed'.

            Examples:
              rm -rf .build/old
              git archive --prefix=.build/old/ HEAD rules | tar -x
                                                  (the committed rules, before your edit)
              winnow test --compare-rules .build/old/rules --filter 'tune/'
                                                  (what the edit fixed and broke on tune/)

            --format json prints the comparison as one JSON object: the changed examples, each \
            changed page's fixed and broken lines (and, with --relabelled, the relabelled ones; \
            every line, whatever --max-lines) with their labels and the rules that fired before \
            and now with their scores, and the counts (docs/output.md).

            A --filter that selects rules but no page runs their examples alone and says so \
            ('no page selected'; no label table); one that selects neither, or a fixture \
            directory with no page, is bad usage (status 2).

            Exit status: 0 all passed, 1 failures, 2 bad usage or bad rules. With \
            --compare-rules the status is the plain run's, judged on the current rules: 1 when \
            a selected page or rule example fails now (a broken line always fails its page, so \
            it always gives 1; so does a page that failed before and still fails).
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Fixture directory (holds pages/ and web/).", valueName: "dir"))
    var fixtures = "Fixtures"

    @Option(name: .long, help: ArgumentHelp("Only fixtures and rules whose name or id matches this PCRE2 pattern.", valueName: "pattern"))
    var filter: String?

    @Flag(name: .long, help: "Treat a rule without both a match and a no_match example as a failure.")
    var strict = false

    @Flag(name: .long, help: "Rewrite the selected expected files from current output instead of testing.")
    var update = false

    @Option(name: .long, help: ArgumentHelp("Show at most this many differing lines per page.", valueName: "n"))
    var maxLines = 40

    @Flag(name: .long, help: "Also print the differing lines of held-out pages (check/) and let --update rewrite them.")
    var heldOut = false

    @Option(name: .long, help: ArgumentHelp(
        "Also label the pages with the rules in this directory (the rules before your edit) and print only the lines the edit fixed or broke.",
        valueName: "old-dir"))
    var compareRules: String?

    @Flag(name: .long, help: "With --compare-rules, also print the lines wrong before and now that changed label.")
    var relabelled = false

    @Option(name: .shortAndLong, help: "Output format of --compare-rules: text or json (one object; docs/output.md).")
    var format: TextOrJSON = .text

    func validate() throws {
        if compareRules != nil, update { throw ValidationError("--compare-rules and --update do not go together") }
        if relabelled, compareRules == nil { throw ValidationError("--relabelled needs --compare-rules") }
        if format == .json, compareRules == nil { throw ValidationError("--format json is for --compare-rules; a plain run prints text") }
    }

    /// The fixture folder whose pages are only run, never read, while tuning.
    static let heldOutFolder = "check"

    func isHeldOut(_ fixture: PageFixture) -> Bool {
        fixture.name.split(separator: "/").first.map(String.init) == Self.heldOutFolder
    }

    func run() throws {
        let rules = try ruleOptions.load()
        let matches = try nameFilter()
        let pageRoot = (fixtures as NSString).appendingPathComponent("pages")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: pageRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
            // Run from another directory, the default 'Fixtures' ran the rule examples alone and passed.
            throw ValidationError("--fixtures: no pages/ directory under '\(fixtures)' (run from the checkout, or give --fixtures DIR)")
        }
        let found = PageFixture.scan(root: pageRoot)
        let pages = found.fixtures.filter { matches($0.name) }
        // A page added without its expected file was left out unseen (a filter naming it said it
        // selected no page): say which, and how to start one.
        let unlabelled = found.unlabelled.filter(matches)
        if let filter, pages.isEmpty, update || !rules.rules.contains(where: { matches($0.id) }) {
            // A filter that selects nothing (a renamed fixture, a typo) passed with '0 passed, 0 failed'.
            throw ValidationError("--filter '\(filter)' selects no page\(update ? "" : " and no rule") under \(pageRoot)"
                                  + Self.unlabelledNote(unlabelled, root: pageRoot, lead: "; "))
        }
        if filter == nil, pages.isEmpty {
            // An empty pages/ directory printed a label table of zeros and passed.
            throw ValidationError("--fixtures: no page fixture (<name>.txt with <name>.expected) under \(pageRoot)"
                                  + Self.unlabelledNote(unlabelled, root: pageRoot, lead: "; "))
        }

        if update {
            let labeler = Labeler(rules: rules)
            let chosen = heldOut ? pages : pages.filter { !isHeldOut($0) }
            for page in chosen { try page.update(with: labeler) }
            Console.out("updated \(chosen.count) expected file(s); review them with git diff\n")
            if chosen.count < pages.count {
                Console.out("left \(pages.count - chosen.count) held-out page(s) under \(Self.heldOutFolder)/ alone (--held-out rewrites them)\n")
            }
            return
        }

        if let compareRules {
            var old = ruleOptions
            old.rules = compareRules
            return try compare(old: try old.load(), new: rules, pages: pages, matches: matches)
        }

        var passed = 0, failed = 0
        let examples = RuleExamples.run(rules, filter: filter == nil ? nil : { matches($0.id) })
        passed += examples.passed
        failed += examples.failures.count
        for f in examples.failures { Console.out("FAIL example: \(f)\n") }
        for r in examples.missing {
            Console.out("\(strict ? "FAIL" : "warning"): \(r.file):\(r.line): rule '\(r.id)' \(RuleExamples.missingText(r))\n")
            if strict { failed += 1 }
        }

        var metrics = LabelMetrics()
        var fired: Set<String> = []
        // Pages passing per fixture folder ("tune", "check", ...): the split's figures at a glance.
        var folders: [String: (passed: Int, total: Int)] = [:]
        let outcomes = ParallelLabeling.map(pages, rules: rules) { labeler, page in page.run(with: labeler) }
        for outcome in outcomes {
            for line in outcome.result.lines { for hit in line.hits { fired.insert(hit.ruleID) } }
            if outcome.error == nil {
                for (entry, line) in zip(outcome.expected, outcome.result.lines) {
                    metrics.add(expected: entry.label, actual: line.label)
                }
                metrics.addBoundaries(expected: Set(outcome.expected.indices.filter { outcome.expected[$0].commentStart }),
                                      actual: Set(outcome.result.lines.indices.filter { outcome.result.lines[$0].commentStart }))
            }
            let folder = outcome.fixture.name.split(separator: "/").dropLast().joined(separator: "/")
            folders[folder, default: (0, 0)].total += 1
            if outcome.passed { passed += 1; folders[folder, default: (0, 0)].passed += 1; continue }
            failed += 1
            if !heldOut, isHeldOut(outcome.fixture), outcome.error == nil {
                Console.out("\nFAIL \(outcome.fixture.name): \(outcome.differences.count) line(s) differ (held out: not shown)\n")
            } else {
                Console.out(PageDiff.render(outcome, maxLines: maxLines))
            }
        }

        if pages.isEmpty {
            // A filter on rules alone: their examples ran, and a label table of zeros said nothing.
            Console.out("\nno page selected: --filter '\(filter ?? "")' matches no page under \(pageRoot); "
                        + "only the examples of the \(rules.rules.filter { matches($0.id) }.count) rule(s) it matches ran\n")
        } else {
            Console.out("\n" + metrics.render())
        }
        let snippetDirectory = (fixtures as NSString).appendingPathComponent("web")
        if FileManager.default.fileExists(atPath: (snippetDirectory as NSString).appendingPathComponent("gold.jsonl")) {
            let snippets = try SnippetFixtures(directory: snippetDirectory)
            let score = snippets.score(rules: rules, filter: { matches("web-" + $0) })
            if score.pages > 0 { Console.out("\nsnippets (\(score.pages) web pages): article precision \(fmt(score.article.precision)) "
                        + "recall \(fmt(score.article.recall)) F1 \(fmt(score.article.f1)); "
                        + "comment recall \(fmt(score.comments.recall)) (\(score.comments.support) snippets)\n") }
        }
        if filter == nil {
            // Engine steps with hits on lines count as rules, those that score nothing too.
            // (Audit-only notes are left out: labelling builds none; `audit --stats` counts them.)
            let all = rules.rules.map(\.id) + EngineStep.lineSteps.filter { !$0.auditOnly }.map(\.id)
            let never = all.filter { !fired.contains($0) }
            Console.out(Self.neverFiredText(never, of: all.count, pages: pages.count, steps: Set(EngineStep.lineSteps.map(\.id))))
        }
        if !unlabelled.isEmpty { Console.out("\n" + Self.unlabelledNote(unlabelled, root: pageRoot, lead: "") + "\n") }
        if folders.count > 1 {
            let counts = folders.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "." : $0.key) \($0.value.passed)/\($0.value.total)" }
            Console.out("\npages passing by folder: " + counts.joined(separator: ", ") + "\n")
        }
        Console.out("\n\(passed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The rules that fired on no fixture, listed when they are fewer than half of all: on a
    /// small `--fixtures` set most rules fire nowhere and a list of hundreds said nothing about
    /// which rule is unused (session 22 left it so).
    /// The engine steps among them (a few, the engine's own) are listed either way.
    static func neverFiredText(_ never: [String], of total: Int, pages: Int, steps: Set<String>) -> String {
        if never.count * 2 <= total {
            return "\nrules that fired on no fixture (\(never.count)): \(never.joined(separator: ", "))\n"
        }
        let neverSteps = never.filter(steps.contains)
        return "\nrules that fired on no fixture: \(never.count) of \(total), not listed: \(pages) page(s) are too few "
            + "to tell an unused rule (the list is printed when fewer than half fire nowhere; "
            + "winnow audit --stats DIR counts each rule's hits on a directory of pages)"
            + (neverSteps.isEmpty ? "" : "; the engine steps among them: " + neverSteps.joined(separator: ", ")) + "\n"
    }

    /// The pages under `root` with no expected file, which no run tests, and how to start one.
    static func unlabelledNote(_ names: [String], root: String, lead: String) -> String {
        guard !names.isEmpty else { return "" }
        let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ... (\(names.count - 5) more)" : "")
        let example = (root as NSString).appendingPathComponent(names[0])
        return "\(lead)\(names.count) page(s) without an expected file, not run: \(shown); "
            + "start one with 'winnow label --format annotated \(example).txt > \(example).expected' "
            + "and correct every line by hand (docs/fixtures.md, \"Adding a page\")"
    }

    /// `--compare-rules`: the selected pages and rule examples under the old and the current
    /// rules; only what changed is printed (`ComparisonReport`).
    func compare(old: RuleSet, new rules: RuleSet, pages: [PageFixture], matches: @escaping (String) -> Bool) throws {
        let ruleFilter: ((Rule) -> Bool)? = filter == nil ? nil : { matches($0.id) }
        let examples = RuleExamples.run(rules, filter: ruleFilter)
        let examplesBefore = RuleExamples.run(old, filter: ruleFilter)
        let changedExamples = ComparisonReport.examples(before: examplesBefore, after: examples)
        if format == .text {
            Console.out(changedExamples.text)
            if changedExamples.stillFailing > 0 {
                Console.out("\(changedExamples.stillFailing) example(s) failing before and now (plain winnow test lists them)\n")
            }
        }
        var failed = examples.failures.count
        if strict { failed += examples.missing.count }

        let before = ParallelLabeling.map(pages, rules: old) { labeler, page in page.run(with: labeler) }
        let after = ParallelLabeling.map(pages, rules: rules) { labeler, page in page.run(with: labeler) }
        var fixed = 0, broken = 0, changedPages = 0, passedBefore = 0, passedNow = 0
        var printedHeader = false
        var pageObjects: [JSONValue] = []
        for (old, new) in zip(before, after) {
            if old.passed { passedBefore += 1 }
            if new.passed { passedNow += 1 } else { failed += 1 }
            let page = PageComparison(before: old, after: new)
            fixed += page.count(.fixed)
            broken += page.count(.broken)
            if !page.lines.isEmpty { changedPages += 1 }
            let shown = heldOut || !isHeldOut(page.fixture)
            if format == .json {
                if let object = ComparisonReport.json(page, relabelled: relabelled, heldOut: !shown) { pageObjects.append(object) }
                continue
            }
            if !printedHeader, shown, page.lines.contains(where: { relabelled || $0.change != .relabelled }) {
                Console.out("\n" + ComparisonReport.header)
                printedHeader = true
            }
            Console.out(ComparisonReport.render(page, maxLines: maxLines, relabelled: relabelled, heldOut: !shown))
        }
        if format == .json {
            Console.out(JSONValue.object([
                ("examples", ComparisonReport.examplesJSON(before: examplesBefore, after: examples)),
                ("pages", .array(pageObjects)),
                ("pages_now", .object([("passed", .int(passedNow)), ("failed", .int(pages.count - passedNow))])),
                ("pages_before", .object([("passed", .int(passedBefore)), ("failed", .int(pages.count - passedBefore))])),
                ("fixed", .int(fixed)), ("broken", .int(broken)), ("pages_changed", .int(changedPages)),
            ]).serialized() + "\n")
        } else {
            Console.out("\npages now: \(passedNow) passed, \(pages.count - passedNow) failed "
                        + "(with the old rules: \(passedBefore) passed, \(pages.count - passedBefore) failed)\n")
            Console.out("\(fixed) fixed, \(broken) broken, \(changedPages) pages changed\n")
        }
        if failed > 0 { throw ExitCode(1) }
    }

    func fmt(_ v: Double) -> String { JSONValue.format((v * 1000).rounded() / 1000) }

    func nameFilter() throws -> (String) -> Bool {
        guard let filter else { return { _ in true } }
        let pattern: Pattern
        do { pattern = try Pattern(filter) } catch {
            throw ValidationError("--filter: \(error)")
        }
        let scratch = MatchScratch()
        return { name in
            if case .matched = pattern.firstMatch(in: name, scratch: scratch) { return true }
            return false
        }
    }
}

/// The differing lines of a failing page, diff-like, with the rules that fired on each.
enum PageDiff {
    static func render(_ outcome: PageFixture.Outcome, maxLines: Int) -> String {
        var out = "\nFAIL \(outcome.fixture.name)"
        if let error = outcome.error { return out + ": \(error)\n" }
        // Which side is which was said nowhere (session 27, user27).
        out += ": \(outcome.differences.count) line(s) differ (-expected, +Winnow's label)\n"
        for d in outcome.differences.prefix(maxLines) {
            out += "  " + String(d.line).leftPad(5) + "  -" + label(d.expected.label, commentStart: d.expected.commentStart).rightPad(27)
                + " +" + label(d.actual.label, commentStart: d.actual.commentStart).rightPad(27)
                + " | " + TextReport.shorten(d.actual.text, to: 60) + "\n"
            out += rulesLine(d.actual)
        }
        if outcome.differences.count > maxLines { out += "  ... \(outcome.differences.count - maxLines) more\n" }
        return out
    }

    /// A label as the expected files write it: `*` marks a comment's first line.
    static func label(_ label: Label?, commentStart: Bool) -> String {
        (commentStart ? "*" : "") + (label?.description ?? "(blank)")
    }

    /// The rules that fired on a line, each with the scores it added.
    static func rulesLine(_ line: LineResult) -> String {
        let hits = line.hits.flatMap { hit in hit.scores.map { "\(hit.ruleID) \($0.label) \(JSONValue.format($0.score))" } }
        return "         rules: " + (hits.isEmpty ? "none" : hits.joined(separator: "; ")) + "\n"
    }
}
