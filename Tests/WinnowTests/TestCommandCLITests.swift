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
        #expect(r.out.contains("FAIL bad/p: 1 line(s) differ"))
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
    }
}
