import Foundation
import Testing
@testable import Winnow

/// `RuleMatcher.matchPage` (step 550 in docs/performance.md: a page's lines scanned first, then
/// their PCRE2 calls grouped by pattern, then each line's hits put together) against
/// `match(_:features:)` line by line: the same candidates in the same order (rule, matched
/// bounds, author, position) and the same PCRE2 limits, on the tune and template fixture pages
/// and on made-up lines, for every line and for subsets of lines in any order.
@Suite struct PageMatchingTests {
    static func describe(_ m: RuleMatcher.LineMatches) -> [String] {
        m.candidates.map { "\($0.rule.id) \($0.matchStart) \($0.matchEnd) \($0.author ?? "-") \($0.inPosition)" }
            + m.limitHits.map { "limit \($0.ruleID) \($0.message)" }
    }

    /// Each line's matches by `matchPage` of `indices`, against `match` of each line alone.
    static func check(_ labeler: Labeler, lines: [String], indices: [Int]) {
        let blank = lines.map(Page.isBlank)
        let features = labeler.lineFeatures(lines, blank: blank)
        var byPage: [Int: [String]] = [:]
        var order: [Int] = []
        features.withUnsafeBufferPointer { f in
            guard let base = f.baseAddress else { return }
            labeler.matcher.matchPage(lines, indices: indices, blank: blank, features: base) { i, m in
                order.append(i)
                byPage[i] = describe(m)
            }
            for i in indices where !blank[i] {
                #expect(byPage[i] == describe(labeler.matcher.match(lines[i], features: base + i)), "line \(i + 1): \(lines[i].prefix(80))")
            }
        }
        #expect(order == indices.filter { !blank[$0] })
    }

    static var pages: [String] {
        let dir = Repo.path("Fixtures/pages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        var paths = names.filter { $0.hasSuffix(".txt") }.sorted().map { "\(dir)/\($0)" }
        for sub in ["templates", "comments"] {
            let d = "\(dir)/\(sub)"
            paths += ((try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []).filter { $0.hasSuffix(".txt") }.sorted().map { "\(d)/\($0)" }
        }
        return paths
    }

    @Test func everyLineOfTheFixturePages() throws {
        let labeler = Labeler(rules: Repo.rules)
        let pages = Self.pages
        #expect(pages.count > 20)
        for path in pages {
            let page = Page(source: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            Self.check(labeler, lines: page.lines, indices: Array(page.lines.indices))
        }
    }

    @Test func subsetsOfLinesInAnyOrder() throws {
        let labeler = Labeler(rules: Repo.rules)
        var g = SystemRandomNumberGenerator()
        for path in Self.pages.prefix(12) {
            let page = Page(source: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            let all = Array(page.lines.indices)
            Self.check(labeler, lines: page.lines, indices: all.filter { _ in Bool.random(using: &g) })
            Self.check(labeler, lines: page.lines, indices: all.shuffled(using: &g).prefix(40).map { $0 })
            Self.check(labeler, lines: page.lines, indices: [])
        }
    }

    /// Made-up lines: short and long, repeated (one pattern on many lines of a page), with long s
    /// and the Kelvin sign (the ASCII-first variants and the folded scan), dates, names and links.
    @Test func madeUpLines() {
        let labeler = Labeler(rules: Repo.rules)
        let lines = [
            "", "Share this article", "Posted by Jane Doe on March 3, 2021 at 10:15 am", "Reply", "Reply",
            "Jane Doe says:", "John Roe says:", "14 comments", "Read more", "Advertisement",
            "The council met on Tuesday to discuss the new budget, which was approved by a narrow margin.",
            "Some ſtrange ſpelling of the word ſubscribe", "Temperature 300 \u{212A} in the lab", "Kelvin sign: \u{212A}",
            "Sign up for our newsletter", "Copyright 2021 Example Media. All rights reserved.", "Leave a comment",
            "Click here to buy cheap watches at www.example.com", "3 hours ago", "Like · Reply · 2h",
            String(repeating: "word ", count: 400), "   ", "Tags: budget, council", "Photo: Jane Doe/Example",
            "Posted by Jane Doe on March 3, 2021 at 10:15 am", "Share this article",
        ]
        Self.check(labeler, lines: lines, indices: Array(lines.indices))
        Self.check(labeler, lines: lines, indices: Array(lines.indices.reversed()))
    }
}
