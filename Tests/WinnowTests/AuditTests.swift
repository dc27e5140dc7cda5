import Foundation
import Testing
@testable import Winnow

/// `winnow audit --line N` shows every decision a label rests on: the line's features and the
/// engine step `walk.name-line` with the test that rejected the line.
@Suite struct AuditTests {
    let labeler = Labeler(rules: Repo.rules)

    static let page = Page(source: "audit-test", lines: [
        "Harbour ferry runs late again",
        "",
        "The morning ferry left the harbour forty minutes late on Tuesday, the third delay this week, and commuters said they had stopped trusting the timetable.",
        "The operator blamed a fault in the loading ramp and said a new part would arrive by the end of the month.",
        "",
        "Latest Articles",
        "3 hours ago",
        "Gazette staff reporter",
        "Jane Doe",
    ])

    @Test func theNameLineStepNamesTheTestAndWordThatRejectedALine() throws {
        let result = labeler.label(AuditTests.page)
        let text = AuditReport.render(result, only: [6, 8, 9])
        #expect(text.contains("walk.name-line: no: holds the section-heading word \"latest\""))
        #expect(text.contains("walk.name-line: no: ends in the byline role \"reporter\""))
        #expect(text.contains("walk.name-line: yes"))
        // The full audit stays as it was: the step shows for the lines asked for.
        #expect(!AuditReport.render(result).contains("walk.name-line"))
    }

    /// The audit names the thread shape the walk chose and the condition that decided
    /// `walk.signed-below`, in text and JSON.
    @Test func theAuditExplainsTheThreadShape() throws {
        var lines = Array(repeating: "The council said on Tuesday that the harbour road would reopen once the storm had passed.", count: 6)
        lines += ["", "Comments", "", "Posted by: Jane Doe | October 16, 2012 at 2:53 PM", "I think the road should have stayed shut for another week.",
                  "", "Posted by: Bob | October 17, 2012 at 9:10 AM", "Thanks for the update on the storm."]
        let above = labeler.label(Page(source: "above", lines: lines))
        let text = AuditReport.render(above, only: [1])
        #expect(text.contains("thread: headers above (2 comments); walk.signed-below: no: the first header (line 10) stands right under the mark (line 8)"))
        let json = AuditReport.json(above).serialized()
        #expect(json.contains(#""thread": {"shape": "headers above", "comments": 2, "walk.signed-below": {"taken": false, "why": "no: the first header"#))
        // One comment is too few to tell.
        let one = labeler.label(Page(source: "one", lines: Array(lines.prefix(11))))
        #expect(AuditReport.render(one).contains("walk.signed-below: no: 1 comment found, needs 2"))
        // No comment at all.
        #expect(AuditReport.render(labeler.label(AuditTests.page)).contains("thread: no comments (0 comments)"))
    }

    /// A byline read as a comment header whose comment held the story opens no comment: the
    /// line shows the engine step `walk.story-as-comment` in the audit, in text and JSON (it
    /// dropped the header without a word before).
    @Test func theAuditShowsAStoryBylineThatOpenedNoComment() throws {
        let sentence = "The council said on Tuesday that the harbour road would reopen once the storm had passed."
        var lines = ["Home", "News", "Sport", "", "Harbour road to reopen", sentence, "", "Share", "Tweet", "Email", "Print", "",
                     "Press Association", "Sunday March 2, 2031 8:48 PM"]
        lines += Array(repeating: sentence, count: 6)
        let result = labeler.label(Page(source: "story", lines: lines))
        #expect(!result.lines.contains { $0.commentStart })
        let text = AuditReport.render(result, only: [13])
        #expect(text.contains("(no score)                  walk.story-as-comment"))
        let json = AuditReport.json(result).serialized()
        #expect(json.contains(#""rule": "walk.story-as-comment""#))
    }

    /// A hit a page-hit limit removed shows on its line as the engine step `page.hit-limit`,
    /// naming the rule, what it would have scored and the count that failed, in text and JSON;
    /// it scores nothing and `audit --stats` counts it as an engine step.
    @Test func theAuditShowsAHitThatAPageHitLimitRemoved() throws {
        let dir = try temporaryRuleDirectory([
            "t.yml": """
                - {id: t.byline, description: byline, pattern: '^By ', when: {max_page_hits: 1}, scores: {article: 2}}
                - {id: t.date, description: listed date, pattern: '^May \\d', when: {min_page_hits: 3}, scores: {boilerplate.related: 2}}
                """,
        ])
        var labeler = Labeler(rules: try RuleLoader.load(directory: dir))
        // Labelling builds no note (no output but the audit shows one); the audit's labeller does.
        #expect(!labeler.label(Page(source: "t", lines: ["Tart", "By Jane Doe", "Pie", "By John Roe"])).lines
            .contains { $0.hits.contains { $0.ruleID == "page.hit-limit" } })
        labeler.auditNotes = true
        let teasers = labeler.label(Page(source: "t", lines: ["Tart", "By Jane Doe", "Pie", "By John Roe"]))
        for i in [1, 3] {
            let note = try #require(teasers.lines[i].hits.first { $0.ruleID == "page.hit-limit" })
            #expect(note.description == "rule 't.byline' not counted (it would score +2.0 article): fires on 2 runs of lines of this page, max_page_hits 1")
            #expect(note.scores.isEmpty && note.matched == "By ")
        }
        #expect(teasers.lines.allSatisfy { $0.label == .article })
        let dates = labeler.label(Page(source: "t", lines: ["May 1", "Tart", "May 2"]))
        let text = AuditReport.render(dates)
        #expect(text.contains("(no score)                  page.hit-limit                 rule 't.date' not counted (it would score +2.0 boilerplate.related): fires on 2 lines of this page, min_page_hits 3"))
        #expect(AuditReport.json(dates).serialized().contains(#""rule": "page.hit-limit""#))
        #expect(dates.lines[1].hits.allSatisfy { $0.ruleID != "page.hit-limit" })
        var stats = RuleStats()
        stats.add(dates)
        #expect(stats.render(rules: labeler.rules).contains("page.hit-limit  (engine step, scores nothing)"))
    }

    @Test func theNameLineVerdictIsTheWalksTest() {
        func verdict(_ text: String) -> Walk.NameLine {
            var f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            f.position = 0.5
            return Walk.nameLine(text, f)
        }
        #expect(verdict("Latest Articles") == .sectionWord("latest"))
        #expect(verdict("Search Harbourblog") == .sectionWord("search"))   // a search box's label over the story's dateline
        #expect(verdict("By Jane") == .byline)
        #expect(verdict("Key dates:") == .label)
        #expect(verdict("Marta Reply:") == .name)
        #expect(verdict("Priya N.") == .name)
        #expect(verdict("#1 Ines") == .name)
        #expect(verdict("369") == .noLetter)
        #expect(verdict("New life for Harbourside") == .headlineStopwords)
        #expect(verdict("This is a sentence of more words") == .tooManyWords(7))
        for text in ["Latest Articles", "Jane Doe", "By Jane Doe", "Priya N.", "369", "Gazette staff reporter"] {
            let f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            #expect(Walk.isNameLine(text, f) == (Walk.nameLine(text, f) == .name))
        }
    }

    /// Step 343: the walk asks `mayBeNameLine` of a line before it looks for a date under it; it
    /// holds on every name line, at the word, length and link limits, and rules out lines past them.
    @Test func everyNameLineMayBeOne() {
        let names = ["Jo", "Jane Doe", "Mary Ann Lee Smith", "Marta Reply:", "Priya N.", "#1 Ines", "Bartholomew Maximilian Fitzgerald-Ames",
                     "Maximilianaxx Bartholomew-Fitzgerald Amess"]
        for text in names {
            let f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            #expect(Walk.nameLine(text, f) == .name, "\(text)")
            #expect(Walk.mayBeNameLine(f), "\(text)")
        }
        #expect(names.contains { LineFeatures(text: $0, stopwords: Repo.rules.stopwords).words == 4 })
        #expect(names.contains { LineFeatures(text: $0, stopwords: Repo.rules.stopwords).chars == 40 })
        for text in ["Mary Ann Lee Smith Jones", "Maximilianaxx Bartholomew-Fitzgerald Amessx", "Jo example.com", ""] {
            let f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            #expect(!Walk.mayBeNameLine(f) && Walk.nameLine(text, f) != .name, "\(text)")
        }
    }

    @Test func theAuditShowsTheFeaturesConditionsRead() throws {
        let result = labeler.label(AuditTests.page)
        let line = result.lines[2]
        let text = AuditReport.render(result, only: [3])
        #expect(text.contains("features: words \(line.features.words), chars \(line.features.chars), links 0,"))
        #expect(text.contains("main_block true"))
        #expect(text.contains("story_block true"))
        #expect(text.contains("ends_with_punctuation true"))
        // Every feature is named, as a condition names it.
        for name in ["stopword_ratio", "caps_ratio", "title_ratio", "position", "gap_before", "gap_after", "prose_distance",
                     "above_main_block", "below_main_block", "above_byline", "below_list_heading", "layout_header",
                     "table_cell", "story_list", "split_date", "over_cut_title", "teaser_box"] {
            #expect(text.contains(" \(name) "), "feature \(name)")
        }
        let below = AuditReport.render(result, only: [8])
        #expect(below.contains("below_main_block \(result.lines[7].features.belowMainBlock)"))
        #expect(result.lines[7].features.belowMainBlock > 0)
    }

    @Test func theJSONAuditCarriesTheSameEvidence() throws {
        let result = labeler.label(AuditTests.page)
        let json = AuditReport.json(result, only: [2, 6]).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines.count == 2)
        #expect(lines[0]["blank"] as? Bool == true)
        let latest = lines[1]
        #expect(latest["line"] as? Int == 6)
        #expect(latest["label"] as? String == result.lines[5].label?.description)
        let features = try #require(latest["features"] as? [String: Any])
        #expect(features["words"] as? Int == 2)
        #expect(features["main_block"] as? Bool == false)
        #expect(features["below_main_block"] as? Int == result.lines[5].features.belowMainBlock)
        let step = try #require(latest["walk.name-line"] as? [String: Any])
        #expect(step["name"] as? Bool == false)
        #expect((step["why"] as? String)?.contains("\"latest\"") ?? false)
        let hits = try #require(latest["hits"] as? [[String: Any]])
        #expect(hits.map { $0["rule"] as? String } == result.lines[5].hits.map(\.ruleID))
    }
}

/// `winnow audit --stats` and `winnow test` count the engine steps with hits on lines as rules,
/// those that score nothing too: `walk.signed-below` fired on pages yet was listed neither
/// among the rules that fired nor among those that never did.
@Suite struct EngineStepCountTests {
    static let signedBelowPage = "Fixtures/pages/templates/facebook-plugin.txt"

    @Test func theStatsCountAStepThatScoresNothing() throws {
        let labeler = Labeler(rules: Repo.rules)
        var stats = RuleStats()
        stats.add(labeler.label(try PageReader.read(path: Repo.path(Self.signedBelowPage))))
        let text = stats.render(rules: Repo.rules)
        #expect(text.contains("\n      4      1  walk.signed-below  (engine step, scores nothing)\n"))
        #expect(text.contains("\n  walk.comment-continues  (engine step: Engine/Walk.swift)\n"))
        #expect(!text.contains("  walk.signed-below  (engine step, scores nothing:"))
    }

    /// Each step's `source` (printed by `audit --stats` when the step never fired) names a file
    /// that exists and functions it defines: walk18 renamed `Walk.signedBelowMark` to
    /// `Walk.signedBelow` while the step's source still named the old one.
    @Test func eachStepsSourceNamesWhatExists() throws {
        for step in EngineStep.lineSteps {
            let parts = step.source.components(separatedBy: ", ")
            let file = try String(contentsOfFile: Repo.path("Sources/Winnow/" + parts[0]), encoding: .utf8)
            for name in parts.dropFirst() {
                let function = try #require(name.split(separator: ".").last)
                #expect(file.contains("func \(function)("), "\(step.id): \(name) is not defined in \(parts[0])")
            }
        }
    }

    /// Every hit on a fixture page's lines is a rule's, a prior's or a listed engine step's: a
    /// new step left out of `EngineStep.lineSteps` would go uncounted again.
    @Test func everyHitOnAPageIsARulePriorOrListedStep() throws {
        let labeler = Labeler(rules: Repo.rules)
        let ids = Set(Repo.rules.rules.map(\.id)).union(EngineStep.lineSteps.map(\.id))
        var steps: Set<String> = []
        for folder in ["templates", "comments"] {
            let dir = Repo.path("Fixtures/pages/" + folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".txt") {
                for line in labeler.label(try PageReader.read(path: dir + "/" + name)).lines {
                    for hit in line.hits where !hit.ruleID.hasPrefix("prior.") {
                        #expect(ids.contains(hit.ruleID), "\(folder)/\(name) line \(line.number): \(hit.ruleID)")
                        if EngineStep.named(hit.ruleID) != nil { steps.insert(hit.ruleID) }
                    }
                }
            }
        }
        #expect(steps.contains("walk.signed-below"))
    }

    /// `winnow test`: the step is among the rules that fired on no fixture when no page has it,
    /// and not when one has. (On a set this small the rules are not listed, the engine steps
    /// among them are: session 23, gaps27.)
    @Test func winnowTestListsAStepThatFiredOnNoFixture() throws {
        let dir = NSTemporaryDirectory() + "winnow-steps-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/pages/t", withIntermediateDirectories: true)
        for ext in ["txt", "expected"] {
            try FileManager.default.copyItem(atPath: Repo.path(Self.signedBelowPage.replacingOccurrences(of: ".txt", with: "." + ext)),
                                             toPath: "\(dir)/pages/t/p.\(ext)")
        }
        func never(_ run: (status: Int32, out: String, err: String)) -> [String] {
            guard let row = run.out.split(separator: "\n").first(where: { $0.hasPrefix("rules that fired on no fixture") }) else { return [] }
            let list = row.range(of: "the engine steps among them: ").map { row[$0.upperBound...] } ?? row.drop { $0 != ":" }.dropFirst()
            return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let with = never(try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir]))
        #expect(with.contains("walk.comment-continues"))
        #expect(!with.contains("walk.signed-below"))
        try "The council said on Tuesday that the harbour road would reopen.\n".write(toFile: "\(dir)/pages/t/p.txt", atomically: true, encoding: .utf8)
        #expect(never(try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir])).contains("walk.signed-below"))
    }
}

/// Decisions the audit could not show, each now an audit-only engine step that scores nothing,
/// built only when auditing (`Labeler.auditNotes`): a comment-start rule's hit dropped by its
/// `position` condition (`page.out-of-position`), a hit the walk left out by its rule's
/// `section` condition (`walk.section`), a header a reader thread lets open a comment above the
/// story (`walk.thread-header`), and a rule fired again in one comment, whose kind counts each
/// rule once (`moderation.once-per-comment`).
@Suite struct AuditOnlyNoteTests {
    static let prose = "The council voted on Tuesday to raise harbour ferry fares for the third year in a row, citing the rising cost of fuel and the repairs the two older boats need before the summer season begins."
    static let steps = EngineStep.lineSteps.filter(\.auditOnly).map(\.id)

    /// The page labelled with and without the notes: labels, decisions and segments the same,
    /// and no audit-only step without them.
    func labelled(_ lines: [String]) throws -> PageResult {
        var labeler = Labeler(rules: Repo.rules)
        let plain = labeler.label(Page(source: "p", lines: lines))
        labeler.auditNotes = true
        let audited = labeler.label(Page(source: "p", lines: lines))
        #expect(plain.segments == audited.segments)
        #expect(plain.lines.map(\.label) == audited.lines.map(\.label))
        #expect(plain.lines.map { $0.decision?.totals } == audited.lines.map { $0.decision?.totals })
        #expect(!plain.lines.contains { $0.hits.contains { Self.steps.contains($0.ruleID) } })
        #expect(audited.lines.map { $0.hits.filter { !Self.steps.contains($0.ruleID) }.map(\.ruleID) }
                == plain.lines.map { $0.hits.map(\.ruleID) })
        return audited
    }

    /// The notes of one step, by 1-based line.
    func notes(_ r: PageResult, _ step: String) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for line in r.lines { for hit in line.hits where hit.ruleID == step { out[line.number, default: []].append(hit.description) } }
        return out
    }

    @Test func aHeaderDroppedByItsPositionShows() throws {
        let r = try labelled(["May 3, 2012 at 4:12 pm"] + Array(repeating: Self.prose, count: 8))
        let n = notes(r, Labeler.outOfPosition)
        #expect(Array(n.keys) == [1])
        #expect(n[1]?.first?.hasPrefix("rule 'comments.date-line' not counted (it would score +3.0 comment): its condition position [0.3, 1.0] fails here; it fires on 1 line of this page, under comment_header_repeat 3") == true)
        #expect(r.lines[0].label == .article)
    }

    @Test func aHitLeftOutByItsSectionShows() throws {
        let r = try labelled(Array(repeating: Self.prose, count: 6) + ["Comments", "Ann Lee says:", "May 3, 2012 at 4:12 pm", "Thanks, lovely piece.", "Reply"])
        let n = notes(r, Labeler.sectionStep)
        // The story's prose under a comment-section rule it does not stand in; none on the comment's lines.
        #expect(n[1]?.contains { $0.hasPrefix("rule 'comments.main-prose-after-mark' not counted") && $0.hasSuffix("the walk had not opened it here") } == true)
        for (line, descriptions) in n where line >= 8 { #expect(descriptions.allSatisfy { $0.contains("section: body") }, "line \(line)") }
        // The text audit of the whole page counts them in one row under the thread row and shows
        // none on a line; the lines asked with --line show theirs.
        let whole = AuditReport.render(r)
        let rows = whole.split(separator: "\n")
        let total = n.values.reduce(0) { $0 + $1.count }
        #expect(rows.filter { $0.contains(Labeler.sectionStep) }.count == 1)
        #expect(rows[2].hasPrefix("walk.section: \(total) hits on \(n.count) lines left out by their rule's section condition (comments.main-prose-after-mark "))
        let one = AuditReport.render(r, only: [1]).split(separator: "\n")
        #expect(one.filter { $0.contains(" walk.section ") }.count == n[1]?.count)
        #expect(!one.contains { $0.hasPrefix("walk.section:") })
    }

    @Test func aThreadsHeaderAboveTheStoryShows() throws {
        var lines: [String] = []
        for (name, day, text) in [("Ann Lee", 3, "Great recipe, thanks."), ("Bob Stone", 4, "I tried it too."), ("Cara Diaz", 5, "Lovely.")] {
            lines += ["\(name) says:", "May \(day), 2012 at 4:12 pm", text, "Reply"]
        }
        let r = try labelled(lines)
        let n = notes(r, Labeler.threadHeaderStep)
        #expect(Array(n.keys) == [1])
        #expect(n[1]?.first?.hasPrefix("a comment header above the story's first prose line opens a comment all the same") == true)
        #expect(r.lines[0].commentStart)
    }

    @Test func aHeaderFoundByItsFrameShows() throws {
        let r = try labelled(Array(repeating: Self.prose, count: 6) + [
            "", "Comments", "",
            "Posted by: Ann Lee | May 3, 2012 at 04:12 PM", "The harbour road was shut again this morning and nobody told us why.",
            "Posted by: Jo@harbourworks | May 3, 2012 at 05:30 PM", "We had the same trouble at the quay, the gate stayed locked all day.",
            "Posted by: Sam Reed | May 4, 2012 at 09:02 AM", "The ferry ran on time for once, so that was something.",
        ])
        let n = notes(r, Labeler.headerFrameStep)
        #expect(Array(n.keys) == [12])
        #expect(n[12]?.first?.hasPrefix("this line has the frame of the comment headers that header rules read on line 10") == true)
    }

    @Test func aRuleFiredAgainInACommentShows() throws {
        let r = try labelled(Array(repeating: Self.prose, count: 6) + [
            "Comments", "Ann Lee says:", "May 3, 2012 at 4:12 pm",
            "Check out my shop at https://cheap-boots.example.com for great deals!",
            "Buy now at https://cheap-boots.example.com and save 50% today!", "Reply",
        ])
        let n = notes(r, Labeler.oncePerCommentStep)
        #expect(Array(n.keys) == [11])
        #expect(n[11]?.contains { $0.hasPrefix("rule 'promo.link' counted once for the comment's kind, on line 10:") } == true)
    }

    /// `audit --stats` counts them as engine steps; `winnow test` does not list them among the
    /// rules that fired on no fixture (labelling builds none).
    @Test func theStatsCountThem() throws {
        var labeler = Labeler(rules: Repo.rules)
        labeler.auditNotes = true
        var stats = RuleStats()
        stats.add(labeler.label(Page(source: "p", lines: ["May 3, 2012 at 4:12 pm"] + Array(repeating: Self.prose, count: 8))))
        #expect(stats.render(rules: Repo.rules).contains("\n      1      1  page.out-of-position  (engine step, scores nothing)\n"))
        #expect(Self.steps.count == 10)  // with walk.header-run and layout.counter (session 18, walk23), layout.short-reply (session 19, walk24), layout.frame (session 22, walk27)
    }
}
