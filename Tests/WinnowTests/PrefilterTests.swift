import Foundation
import Testing
@testable import Winnow

/// The Vectorscan prefilter only skips PCRE2 calls that cannot match: with it on and off, every
/// fixture page and every rule example must come out the same.
@Suite struct PrefilterTests {
    /// Compiled once: the bundled rules' database takes long to build.
    static let filtered = Repo.rules.withPrefilter()

    @Test func prefilterCoversMostPatterns() {
        let prefilters = try! #require(Self.filtered.prefilters)
        let withPattern = Repo.rules.rules.filter { $0.pattern != nil }.count
        #expect(prefilters.unfiltered.count < withPattern / 4)
        #expect(prefilters.firstPass.database != nil)
    }

    @Test func fixturePagesLabelTheSame() throws {
        let root = Repo.path("Fixtures/pages")
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count > 50)
        let plain = Labeler(rules: Repo.rules), filtered = Labeler(rules: Self.filtered)
        for file in files {
            let page = try PageReader.read(path: root + "/" + file)
            let a = plain.label(page), b = filtered.label(page)
            #expect(AnnotatedFormat.render(a) == AnnotatedFormat.render(b), "\(file)")
            #expect(a.lines.map { $0.hits.map(\.ruleID) } == b.lines.map { $0.hits.map(\.ruleID) }, "\(file)")
        }
    }

    @Test func ruleExamplesMatchTheSame() {
        let plain = RuleMatcher(rules: Repo.rules), filtered = RuleMatcher(rules: Self.filtered)
        let stopwords = Repo.rules.config.stopwords
        var checked = 0
        for rule in Repo.rules.rules {
            for text in rule.examples.match + rule.examples.noMatch {
                let features = LineFeatures(text: text, stopwords: stopwords)
                for context in [false, true] {
                    let a = plain.match(text, features: features, contextRules: context)
                    let b = filtered.match(text, features: features, contextRules: context)
                    #expect(a.candidates.map(\.rule.id) == b.candidates.map(\.rule.id), "\(rule.id): \(text)")
                    #expect(a.candidates.map(\.hit.matched) == b.candidates.map(\.hit.matched), "\(rule.id): \(text)")
                    #expect(a.candidates.map(\.author) == b.candidates.map(\.author), "\(rule.id): \(text)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
