import Testing
@testable import Winnow

@Suite struct EngineTests {
    let labeler = Labeler(rules: Repo.rules)

    func label(_ name: String) throws -> PageResult {
        labeler.label(try PageReader.read(path: Repo.path("Fixtures/pages/tune/\(name).txt")))
    }

    /// The five seed pages match their golden labelling line for line.
    @Test(arguments: ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
    func seedPageMatchesGoldenFixture(name: String) throws {
        let fixture = PageFixture(name: name, pagePath: Repo.path("Fixtures/pages/tune/\(name).txt"),
                                  expectedPath: Repo.path("Fixtures/pages/tune/\(name).expected"))
        let outcome = fixture.run(with: labeler)
        #expect(outcome.error == nil)
        let diffs = outcome.differences.map { "line \($0.line): expected \($0.expected.label?.description ?? "-") got \($0.actual.label?.description ?? "-")" }
        #expect(outcome.differences.isEmpty, "\(diffs.joined(separator: "\n"))")
    }

    /// A real page's writer lead-in above the story ("Steven Greenhut writes:", news-7283) has a
    /// comment header's shape; it opens nothing, and its line shows the step that said so.
    @Test func aRealLeadInAboveTheStoryShowsTheStepThatKeptItInTheStory() throws {
        let result = try label("news-7283")
        #expect(result.lines.filter { $0.hits.contains { $0.ruleID == "walk.header-above-story" } }.map(\.number) == [3])
        #expect(!result.lines.contains { $0.commentStart })
        #expect(result.lines.allSatisfy { $0.isBlank || $0.label == .article })
    }

    @Test func seedCommentsAreEightSegmentsWithAuthors() throws {
        let result = try label("seed-004")
        let comments = result.segments.filter { $0.label.family == .comment }
        #expect(comments.map(\.author) == ["ally", "Caver", "Unknown", "Caver", "Scott", "Unknown", "foretastes", "ally"])
        #expect(comments.allSatisfy { $0.rules.contains("comments.said-header") })
        // Blank lines inside a comment do not split it.
        #expect(comments[1].lines == 60...70)
    }

    @Test(arguments: ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
    func segmentsCoverEveryNonBlankLineOnceInOrder(name: String) throws {
        let result = try label(name)
        var covered = Set<Int>()
        var last = 0
        for s in result.segments {
            #expect(s.lines.lowerBound > last)
            last = s.lines.upperBound
            covered.formUnion(s.lines)
        }
        for line in result.lines where !line.isBlank { #expect(covered.contains(line.number)) }
    }

    @Test func jsonFollowsTheContract() throws {
        let json = JSONReport.render(try label("seed-001"))
        #expect(json.hasPrefix(#"{"source": ""#))
        #expect(json.contains(#""line_count": 38, "segments": [{"label": "boilerplate", "kind": "navigation", "lines": [1, 1], "score": 3.0, "rules": ["navigation.crumb"]}"#))
        #expect(json.contains(#"{"label": "boilerplate", "kind": "donation", "lines": [25, 25]"#))
        #expect(json.hasSuffix(#""warnings": []}"#))
        let comment = JSONReport.render(try label("seed-004"))
        #expect(comment.contains(#"{"label": "comment", "kind": "off-topic", "lines": [51, 58], "author": "ally""#))
    }

    @Test func everyLabelIsExplainedByItsHits() throws {
        for name in ["seed-000", "seed-001", "seed-004"] {
            for line in try label(name).lines {
                guard let d = line.decision else { continue }
                let total = line.hits.reduce(0.0) { sum, hit in
                    sum + hit.scores.filter { $0.label == d.label || (d.label == .comment && $0.label.family == .comment) }
                        .reduce(0) { $0 + $1.score }
                }
                #expect(abs(total - d.score) < 1e-9)
            }
        }
    }

    @Test func cleanKeepsOnlyArticleLines() throws {
        let result = try label("seed-000")
        let text = CleanText.render(result)
        #expect(!text.contains("Leave a Reply"))
        #expect(!text.contains("Related:"))
        #expect(text.hasPrefix("U.S. Stands Down, Lets Russia Lead an ISIS Battle\n\nThe U.S. has opted"))
        let kept = text.split(separator: "\n").map(String.init)
        #expect(kept == result.articleLines.map(\.text))
    }

    @Test func limitHitIsReportedAndRunContinues() throws {
        let slow = Rule(id: "slow", description: "catastrophic", pattern: try Pattern(#"^(\w+\s?)*$"#),
                        scores: [(Label(.boilerplate, "other"), 5)])
        var config = Repo.rules.config
        config.limits = MatchLimits(matchLimit: 5_000, depthLimit: 500)
        let labeler = Labeler(rules: RuleSet(rules: [slow], config: config))
        let hostile = String(repeating: "a", count: 3000) + "!"
        let result = labeler.label(Page(source: "t", lines: [hostile, "fine line"]))
        #expect(result.lines[0].limitHits == ["slow"])
        #expect(result.lines[0].label == .article)
        #expect(result.warnings.contains { $0.contains("line 1: rule 'slow' stopped at a PCRE2 limit") })
        #expect(AuditReport.render(result).contains("rule 'slow' stopped at a PCRE2 limit"))
    }

    @Test func promotionalCommentFromRules() throws {
        let page = Page(source: "t", lines: [
            "Russia and Syria agreed a ceasefire in Aleppo on Monday, officials said.", "",
            "12 Comments", "",
            "bob said...", "Check out my channel for more videos http://example.com/x", "",
            "ann said...", "The Aleppo ceasefire will not hold while Russia bombs the city.",
        ])
        let comments = labeler.label(page).segments.filter { $0.label.family == .comment }
        #expect(comments.map(\.label.kind) == ["promotional", "on-topic"])
        #expect(comments[0].rules.contains("promo.self-promotion"))
        #expect(comments[1].moderation?.sharedTerms.contains("aleppo") == true)
    }
}

@Suite struct AnnotatedFormatTests {
    @Test func roundTripsThroughTheParser() throws {
        let result = Labeler(rules: Repo.rules).label(try PageReader.read(path: Repo.path("Fixtures/pages/tune/seed-004.txt")))
        let entries = try AnnotatedFormat.parse(AnnotatedFormat.render(result))
        #expect(entries.count == result.lines.count)
        for (entry, line) in zip(entries, result.lines) {
            #expect(entry.label == line.label)
            #expect(entry.commentStart == line.commentStart)
            #expect(entry.text == line.text)
        }
    }

    @Test func rejectsUnknownLabelsAndMisplacedStars() {
        #expect(throws: AnnotatedFormat.ParseError.self) { try AnnotatedFormat.parse("boilerplate.banana | x\n") }
        #expect(throws: AnnotatedFormat.ParseError.self) { try AnnotatedFormat.parse("*article | x\n") }
        // A label mistyped in an expected file names the one it most likely meant (session 24, gaps28).
        #expect(throws: AnnotatedFormat.ParseError.self) { try AnnotatedFormat.parse("article | x\nboilerplate.othr | y\n") }
        do { _ = try AnnotatedFormat.parse("article | x\nboilerplate.othr | y\n") } catch {
            #expect(error.description == "line 2: unknown label 'boilerplate.othr' (did you mean 'boilerplate.other'?)")
        }
    }
}
