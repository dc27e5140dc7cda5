import Foundation
import Testing

/// `winnow test` as a rule author runs it: failing pages, the pass counts per fixture folder
/// (tune, check, ...), held-out pages, the summary line and the exit status.
@Suite struct TestCommandCLITests {
    static let page = "The council said on Tuesday that the harbour road would reopen once the storm had passed.\n"

    /// Writes `pages/<folder>/p.txt` under `dir` for each folder, with an expected file that
    /// holds Winnow's own label (`passing`) or another one: these tests are about the report,
    /// not the label. Returns the failing expected text.
    static func writeFixtures(in dir: String, passing: [String], failing: [String]) throws -> String {
        for folder in passing + failing {
            try FileManager.default.createDirectory(atPath: "\(dir)/pages/\(folder)", withIntermediateDirectories: true)
            try page.write(toFile: "\(dir)/pages/\(folder)/p.txt", atomically: true, encoding: .utf8)
        }
        let label = try CLI.run(["label", "--rules", Repo.path("rules"), "--format", "annotated", "\(dir)/pages/\((passing + failing)[0])/p.txt"])
        try #require(label.status == 0)
        let other = label.out.hasPrefix("article") ? "boilerplate.other" : "article"
        let wrong = other.padding(toLength: 29, withPad: " ", startingAt: 0) + label.out.drop { $0 != "|" }
        for folder in passing { try label.out.write(toFile: "\(dir)/pages/\(folder)/p.expected", atomically: true, encoding: .utf8) }
        for folder in failing { try wrong.write(toFile: "\(dir)/pages/\(folder)/p.expected", atomically: true, encoding: .utf8) }
        return wrong
    }

    @Test func passCountsArePrintedPerFolder() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.writeFixtures(in: dir, passing: ["good"], failing: ["bad"])

        let r = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "/p$"])
        #expect(r.status == 1)
        // The diff says which side is the expected file's (session 27).
        #expect(r.out.contains("FAIL bad/p: 1 line(s) differ (-expected, +Winnow's label)\n"))
        #expect(r.out.contains("pages passing by folder: bad 0/1, good 1/1"))
        #expect(r.out.hasSuffix("1 passed, 1 failed\n"))
    }

    /// A held-out page (check/) is run and counted, but its lines are neither printed nor
    /// rewritten by --update unless --held-out asks: tuning must never read them.
    @Test func heldOutPagesAreCountedNotShown() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wrong = try Self.writeFixtures(in: dir, passing: [], failing: ["check"])

        let hidden = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "/p$"])
        #expect(hidden.status == 1)
        #expect(hidden.out.contains("FAIL check/p: 1 line(s) differ (held out: not shown)"))
        #expect(!hidden.out.contains("harbour road"))
        let shown = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "/p$", "--held-out"])
        #expect(shown.out.contains("harbour road"))

        let update = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "/p$", "--update"])
        #expect(update.status == 0)
        #expect(update.out.contains("left 1 held-out page(s) under check/ alone"))
        #expect(try String(contentsOfFile: "\(dir)/pages/check/p.expected", encoding: .utf8) == wrong)
    }

    /// A run that would test no page is a usage error, not a pass: a --fixtures directory without
    /// pages/ (the default 'Fixtures' from another working directory) and a --filter selecting
    /// no page and no rule both printed '... 0 failed' with status 0.
    @Test func aRunThatSelectsNothingIsAUsageError() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.writeFixtures(in: dir, passing: ["good"], failing: [])

        let missing = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir + "/nowhere"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("--fixtures: no pages/ directory under '\(dir)/nowhere'"))
        let none = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "renamed-seed-"])
        #expect(none.status == 2)
        #expect(none.err.contains("--filter 'renamed-seed-' selects no page and no rule"))
        let update = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "renamed-seed-", "--update"])
        #expect(update.status == 2 && !update.out.contains("updated"))
        // A filter on rules alone still runs their examples.
        let rule = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "^share\\.prompt$"])
        #expect(rule.status == 0 && rule.out.contains(" passed, 0 failed"))
        // ... and says plainly that no page was selected, with no label table of zeros.
        #expect(rule.out.contains("no page selected: --filter '^share\\.prompt$' matches no page under \(dir)/pages; only the examples of the 1 rule(s) it matches ran"))
        #expect(!rule.out.contains("precision"))
        // A fixture directory whose pages/ holds no page is bad usage too.
        let empty = NSTemporaryDirectory() + "winnow-fixtures-empty-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try FileManager.default.createDirectory(atPath: empty + "/pages", withIntermediateDirectories: true)
        let nothing = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", empty])
        #expect(nothing.status == 2 && nothing.err.contains("no page fixture"))
    }

    /// A page added without its expected file is named, with how to start one, not left out
    /// unseen (a filter naming it said it selected no page); and a small fixture set does not list
    /// the hundreds of rules that fire on none of its pages (session 22 left both).
    @Test func unlabelledPagesAreNamedAndAFewPagesListNoUnusedRules() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.writeFixtures(in: dir, passing: ["good"], failing: [])
        try Self.page.write(toFile: "\(dir)/pages/good/new.txt", atomically: true, encoding: .utf8)

        let r = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir])
        #expect(r.status == 0)
        #expect(r.out.contains("1 page(s) without an expected file, not run: good/new; start one with 'winnow label --format annotated \(dir)/pages/good/new.txt > \(dir)/pages/good/new.expected'"))
        #expect(r.out.contains("rules that fired on no fixture: "))
        #expect(r.out.contains(", not listed: 1 page(s) are too few to tell an unused rule"))
        #expect(!r.out.contains("share.prompt"))

        let named = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "good/new"])
        #expect(named.status == 2)
        #expect(named.err.contains("selects no page and no rule under \(dir)/pages; 1 page(s) without an expected file, not run: good/new"))
    }

    /// An expected file saved with CRLF line ends (a Windows editor, git's autocrlf) read as one
    /// line ("has 1 lines, the page has 1" only by luck); and an expected line whose text is not
    /// the page's (the page edited under it, as many lines) passed unseen. Trailing whitespace an
    /// editor strips still passes, and the error quotes no text (held-out pages print theirs).
    @Test func expectedFilesWithCRLFPassAndTextOutOfStepFails() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = "The council said on Tuesday that the harbour road would reopen.\n \nShare this:  \n"
        try FileManager.default.createDirectory(atPath: "\(dir)/pages/t", withIntermediateDirectories: true)
        try page.write(toFile: "\(dir)/pages/t/p.txt", atomically: true, encoding: .utf8)
        let label = try CLI.run(["label", "--rules", Repo.path("rules"), "--format", "annotated", "\(dir)/pages/t/p.txt"])
        let annotated = label.out
        #expect(annotated.split(separator: "\n").count == 3)
        func run(_ expected: String) throws -> (status: Int32, out: String, err: String) {
            try expected.write(toFile: "\(dir)/pages/t/p.expected", atomically: true, encoding: .utf8)
            return try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "t/p$"])
        }
        let plain = try run(annotated)
        #expect(plain.status == 0)
        // No comment on the page: the boundary row says so instead of three 0.000s.
        #expect(plain.out.contains("comment boundaries          (no comment start expected or found)\n"))
        #expect(try run(annotated.replacingOccurrences(of: "\n", with: "\r\n")).status == 0)
        let stripped = annotated.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop(while: \.isWhitespace).reversed()) }.joined(separator: "\n")
        #expect(try run(stripped).status == 0)
        let edited = try run(annotated.replacingOccurrences(of: "harbour road", with: "harbour bridge"))
        #expect(edited.status == 1)
        #expect(edited.out.contains("p.expected: line 1: its text is not the page's line 1"))
        #expect(!edited.out.contains("harbour"))
    }

    /// `winnow rules lint` on a user's rule without examples: a warning (status 0), and with
    /// `--strict` an error (status 2), as `winnow test --strict` fails it; it passed either way.
    /// The bundled rules pass `--strict` (scripts/test runs it).
    @Test func lintStrictFailsARuleWithoutExamples() throws {
        let dir = try temporaryRuleDirectory(["x.yml": "- id: x.no-examples\n  description: A rule without examples\n  pattern: 'harbour'\n  scores: {article: 1}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try CLI.run(["rules", "lint", "--rules", dir])
        #expect(plain.status == 0)
        #expect(plain.err.contains("warning: \(dir)/x.yml:1: rule 'x.no-examples' has no examples: it needs a match example"))
        #expect(plain.out.contains("1 rules, 0 examples passed, 0 failed, 1 rule without examples"))
        let strict = try CLI.run(["rules", "lint", "--strict", "--rules", dir])
        #expect(strict.status == 2)
        #expect(strict.err.contains("error: \(dir)/x.yml:1: rule 'x.no-examples' has no examples: it needs a match example"))
        let bundled = try CLI.run(["rules", "lint", "--strict", "--rules", Repo.path("rules")])
        #expect(bundled.status == 0 && !bundled.out.contains("without examples"))
    }

    /// `--compare-rules`: a rules directory copied and edited so that one rule no longer fires
    /// on a line it labelled right (broken) and another now fires on a line it missed (fixed),
    /// and a third line, wrong before and after, changes label (shown with --relabelled).
    @Test func compareRulesReportsWhatAnEditFixedAndBroke() throws {
        let dir = NSTemporaryDirectory() + "winnow-compare-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let old = try temporaryRuleDirectory(["r.yml": """
            - id: t.menu
              description: a menu entry
              pattern: '^(Home|Start)$'
              scores: {boilerplate.navigation: 2}
              examples: {match: ['Home'], no_match: ['Home rule']}
            - id: t.subscribe
              description: a subscription prompt
              pattern: '^Subscribe today'
              scores: {boilerplate.subscribe: 2}
              examples: {match: ['Subscribe today'], no_match: ['Subscribers']}

            """])
        defer { try? FileManager.default.removeItem(atPath: old) }
        let new = dir + "/rules"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: old, toPath: new)
        let edited = try String(contentsOfFile: new + "/r.yml", encoding: .utf8)
            .replacingOccurrences(of: "'^(Home|Start)$'", with: "'^(Start|Sign in)$'")
            .replacingOccurrences(of: "'^Subscribe today'", with: "'^Subscribe'")
        try edited.write(toFile: new + "/r.yml", atomically: true, encoding: .utf8)

        try FileManager.default.createDirectory(atPath: "\(dir)/pages/tune", withIntermediateDirectories: true)
        let lines = [("boilerplate.navigation", "Home"), ("article", String(Self.page.dropLast())),
                     ("boilerplate.subscribe", "Subscribe now for all the news from the coast."),
                     ("boilerplate.other", "Sign in")]
        try lines.map { "\($0.1)\n" }.joined().write(toFile: "\(dir)/pages/tune/p.txt", atomically: true, encoding: .utf8)
        try lines.map { $0.0.padding(toLength: 29, withPad: " ", startingAt: 0) + "| \($0.1)\n" }.joined()
            .write(toFile: "\(dir)/pages/tune/p.expected", atomically: true, encoding: .utf8)

        let r = try CLI.run(["test", "--rules", new, "--compare-rules", old, "--fixtures", dir])
        #expect(r.status == 1)
        #expect(r.out.contains("CHANGED tune/p: 1 fixed, 1 broken, 1 relabelled (still wrong; --relabelled shows them)"))
        let rows = r.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("1 broken boilerplate.navigation boilerplate.navigation article | Home"))
        #expect(rows.contains("3 fixed boilerplate.subscribe article boilerplate.subscribe | Subscribe now for all the news from the coast."))
        #expect(rows.contains("rules: prior.body article 1.0; t.subscribe boilerplate.subscribe 2.0"))
        #expect(!r.out.contains("Sign in") && !r.out.contains("The council said"))
        // The edited rules' own examples now fail; the old ones passed.
        #expect(r.out.contains("FAIL example (new): \(new)/r.yml:5: rule 't.menu' did not fire on its match example: \"Home\" (its pattern does not match it)"))
        #expect(r.out.contains("rule 't.subscribe' fired on its no_match example: \"Subscribers\""))
        #expect(r.out.hasSuffix("1 fixed, 1 broken, 1 pages changed\n"))

        let all = try CLI.run(["test", "--rules", new, "--compare-rules", old, "--fixtures", dir, "--relabelled"])
        #expect(all.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            .contains("4 relabelled boilerplate.other article boilerplate.navigation | Sign in"))
        // Compared with themselves, the rules change nothing; the page still fails, so status 1.
        let same = try CLI.run(["test", "--rules", old, "--compare-rules", old, "--fixtures", dir])
        #expect(same.status == 1 && !same.out.contains("CHANGED"))
        #expect(same.out.hasSuffix("0 fixed, 0 broken, 0 pages changed\n"))

        // --format json: the same comparison as one JSON object, nothing else on standard output.
        let json = try CLI.run(["test", "--rules", new, "--compare-rules", old, "--fixtures", dir, "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["fixed"] as? Int == 1 && object["broken"] as? Int == 1 && object["pages_changed"] as? Int == 1)
        #expect((object["pages_before"] as? [String: Int]) == ["passed": 0, "failed": 1])
        let page = try #require((object["pages"] as? [[String: Any]])?.first)
        #expect(page["page"] as? String == "tune/p" && page["relabelled"] as? Int == 1)
        let changed = try #require(page["lines"] as? [[String: Any]])
        #expect(changed.map { $0["line"] as? Int } == [1, 3])
        #expect(changed.map { $0["change"] as? String } == ["broken", "fixed"])
        #expect((changed[1]["expected"] as? [String: Any])?["label"] as? String == "boilerplate.subscribe")
        #expect((changed[1]["before"] as? [String: Any])?["label"] as? String == "article")
        #expect(changed[1]["text"] as? String == "Subscribe now for all the news from the coast.")
        let hits = try #require(changed[1]["hits"] as? [[String: Any]])
        #expect(hits.map { $0["rule"] as? String } == ["prior.body", "t.subscribe"])
        #expect((hits[1]["scores"] as? [String: Double]) == ["boilerplate.subscribe": 2])
        #expect((changed[1]["hits_before"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["prior.body"])
        let examples = try #require(object["examples"] as? [String: Any])
        #expect((examples["broken"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }.sorted() == ["t.menu", "t.subscribe"])
        let withRelabelled = try CLI.run(["test", "--rules", new, "--compare-rules", old, "--fixtures", dir, "--format", "json", "--relabelled"])
        let allJSON = try #require(try JSONSerialization.jsonObject(with: Data(withRelabelled.out.utf8)) as? [String: Any])
        #expect(((allJSON["pages"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])?.map { $0["line"] as? Int } == [1, 3, 4])
        // A plain run prints text only.
        #expect(try CLI.run(["test", "--rules", new, "--fixtures", dir, "--format", "json"]).status == 2)
    }
}
