import Foundation
import Testing
@testable import Winnow

/// Steps 460-461 in docs/performance.md: a candidate is its own hit, pointing at its rule for its
/// description and keeping the line and the match's bounds for its matched text; page-hit counts
/// keyed by the rule itself.
@Suite struct RuleHitTests {
    /// The lines of a few fixture pages, with their features (as the labeller computes them).
    static func fixtureLines() throws -> [(String, LineFeatures)] {
        let labeler = Labeler(rules: Repo.rules)
        var out: [(String, LineFeatures)] = []
        for name in ["tune/seed-004", "tune/seed-001", "tune/news-11328", "templates/news-site", "templates/blogger", "templates/disqus"] {
            let page = try PageReader.read(path: Repo.path("Fixtures/pages/\(name).txt"))
            let blank = page.lines.map(Page.isBlank)
            let features = labeler.lineFeatures(page.lines, blank: blank)
            for i in page.lines.indices where !blank[i] { out.append((page.lines[i], features[i])) }
        }
        return out
    }

    /// Each candidate's id, description, scores and matched text are what the hit built before
    /// step 460 held: the rule's, and the text its pattern matches on the line, decoded from its
    /// bytes; the candidate is its own hit.
    @Test func candidatesShowTheirRuleAndMatchedText() throws {
        let rules = Repo.rules
        let matcher = RuleMatcher(rules: rules)
        let scratch = MatchScratch(limits: rules.config.limits)
        let lines = try RuleHitTests.fixtureLines()
        #expect(lines.count > 50)
        var withText = 0
        for (text, features) in lines {
            for c in matcher.match(text, features: features, contextRules: false).candidates {
                #expect(c.hit === c)
                #expect(c.ruleID == c.rule.id && c.description == c.rule.description && c.scores == c.rule.hitScores)
                guard let pattern = c.rule.pattern else {
                    #expect(c.matched == nil)
                    continue
                }
                let bytes = Array(text.utf8)
                let expected: String? = bytes.withUnsafeBufferPointer { b in
                    if case .matched(let m) = pattern.firstMatch(in: b, scratch: scratch) {
                        return String(decoding: UnsafeBufferPointer(rebasing: b[m.range]), as: UTF8.self)
                    }
                    return nil
                }
                #expect(c.matched == expected, "\(c.rule.id): \(text)")
                #expect(c == RuleHit(ruleID: c.rule.id, description: c.rule.description, scores: c.rule.hitScores, matched: expected))
                withText += 1
            }
        }
        #expect(withText > 20)
    }

    /// The matched text decoded from the line's bytes at any bounds, a character cut in two
    /// included (0 to the line's length, both ends, non-ASCII text), is the text decoded from
    /// the same bytes as the matcher decoded it before step 460.
    @Test func matchedTextAtAnyBounds() {
        let rule = Repo.rules.rules.first { $0.pattern != nil }!
        for line in ["", "a", "Caf\u{e9} \u{1F600} na\u{ef}ve \u{4E2D}\u{6587}", String(repeating: "x\u{e9}", count: 40)] {
            let bytes = Array(line.utf8)
            for start in 0...bytes.count {
                for end in start...bytes.count {
                    let c = RuleMatcher.Candidate(rule: rule, line: line, matchStart: start, matchEnd: end, author: nil, inPosition: true)
                    let expected = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
                    #expect(c.matched == expected)
                }
            }
        }
    }

    /// A hit of no rule keeps its own strings; a waived candidate keeps its rule, its matched
    /// text and its author, with the description given.
    @Test func ownStringsAndWaivedCandidates() throws {
        let hit = RuleHit(ruleID: "walk.x", description: "a step", scores: [LabelScore(.article, 1)], matched: "m")
        #expect(hit.ruleID == "walk.x" && hit.description == "a step" && hit.matched == "m" && hit.sourceRule == nil)
        #expect(RuleHit(ruleID: "p", description: "d", scores: []).matched == nil)
        let rule = Repo.rules.rules.first { $0.pattern != nil }!
        let c = RuleMatcher.Candidate(rule: rule, line: "Some line here", matchStart: 5, matchEnd: 9, author: "Ann", inPosition: false)
        let waived = RuleMatcher.Candidate(c, description: c.description + " (waived)")
        #expect(waived.rule === rule && waived.inPosition && waived.author == "Ann")
        #expect(waived.ruleID == rule.id && waived.description == rule.description + " (waived)" && waived.matched == "line")
        let copied = RuleMatcher.Candidate(rule: rule, hit: hit, author: nil)
        #expect(copied.ruleID == "walk.x" && copied.description == "a step" && copied.matched == "m" && copied.rule === rule)
    }

    /// Step 461: the page-hit failures found by rule identity are those the counts by rule id
    /// found before it (same rules, counts, limits), on fixture pages and on pages made of their
    /// lines shuffled into runs, with and without a thread.
    @Test func pageHitFailuresMatchCountsById() throws {
        let rules = Repo.rules
        let matcher = RuleMatcher(rules: rules)
        let lines = try RuleHitTests.fixtureLines()
        let limited = lines.filter { text, features in
            matcher.match(text, features: features, contextRules: false).candidates
                .contains { $0.rule.conditions.minPageHits != nil || $0.rule.conditions.maxPageHits != nil }
        }
        #expect(!limited.isEmpty)
        var g = EngineCostTests.Generator(state: 0x5151_2026)
        var failed = 0
        for round in 0..<200 {
            // A page: limited lines and others, some blank lines between.
            var candidates: [[RuleMatcher.Candidate]] = [], blank: [Bool] = []
            for _ in 0..<(1 + g.next(30)) {
                if g.next(4) == 0 {
                    candidates.append([])
                    blank.append(true)
                    continue
                }
                let (text, features) = g.next(2) == 0 ? limited[g.next(limited.count)] : lines[g.next(lines.count)]
                candidates.append(matcher.match(text, features: features, contextRules: false).candidates)
                blank.append(false)
            }
            let thread: Set<Int> = round % 3 == 0 ? Set(candidates.indices.filter { _ in g.next(5) == 0 }) : []
            let found = Labeler.pageHitCounts(candidates, blank: blank, thread: thread)
            let expected = RuleHitTests.failuresById(candidates, blank: blank, thread: thread)
            #expect(Set(found.rules.map(\.id)) == Set(expected.keys))
            for (rule, failure) in zip(found.rules, found.failures) {
                let e = expected[rule.id]
                #expect(e?.count == failure.count && e?.limit == failure.limit && e?.isMinimum == failure.isMinimum)
                #expect(found.failure(of: rule)?.count == failure.count && found.contains(rule))
            }
            failed += found.rules.count
        }
        #expect(failed > 0)
    }

    /// `Labeler.pageHitCounts` as it was before step 461: dictionaries keyed by rule id.
    static func failuresById(_ candidates: [[RuleMatcher.Candidate]], blank: [Bool], thread: Set<Int>) -> [String: Labeler.PageHitFailure] {
        var lines: [String: Int] = [:], runs: [String: Int] = [:], lastLine: [String: Int] = [:]
        var limits: [String: Conditions] = [:]
        for (i, line) in candidates.enumerated() where !line.isEmpty && !thread.contains(i) {
            for c in line where c.rule.conditions.minPageHits != nil || c.rule.conditions.maxPageHits != nil {
                lines[c.rule.id, default: 0] += 1
                if !(lastLine[c.rule.id].map { p in p == i || (p + 1..<i).allSatisfy { blank[$0] } } ?? false) { runs[c.rule.id, default: 0] += 1 }
                lastLine[c.rule.id] = i
                limits[c.rule.id] = c.rule.conditions
            }
        }
        var failing: [String: Labeler.PageHitFailure] = [:]
        for (id, n) in lines {
            if let min = limits[id]!.minPageHits, n < min {
                failing[id] = Labeler.PageHitFailure(count: n, limit: min, isMinimum: true)
            } else if let max = limits[id]!.maxPageHits, let r = runs[id], r > max {
                failing[id] = Labeler.PageHitFailure(count: r, limit: max, isMinimum: false)
            }
        }
        return failing
    }
}
