import Testing
@testable import Winnow

/// Labels compare by a code for the known kinds and by name for any other (a rule file may
/// score a kind the engine does not list); both ways must agree with the labels' names.
@Suite struct LabelTests {
    @Test func knownAndUnknownKindsCompareByTheirNames() throws {
        let widget = Label(.boilerplate, "widget")
        #expect(widget == Label(.boilerplate, "widget"))
        #expect(widget.hashValue == Label(.boilerplate, "widget").hashValue)
        #expect(widget != Label(.boilerplate, "gadget"))
        #expect(widget != Label(.comment, "widget"))
        #expect(widget != Label(.boilerplate, "related"))
        #expect(Label(.boilerplate, "related") != widget)
        #expect(try #require(Label(parsing: "boilerplate.related")) == Label(.boilerplate, "related"))
        #expect(try #require(Label(parsing: "comment")) == Label(.comment))
        #expect(Label(.comment) != Label(.comment, "on-topic"))
        #expect(Label(.article) != Label(.article, "lead"))
        #expect(Set([widget, Label(.boilerplate, "widget"), Label(.boilerplate, "related")]).count == 2)
    }
}

/// The tie order between boilerplate kinds has one source, `Label.boilerplateKinds`: the
/// labelling guide (docs/fixtures.md) names the same order, and the decision follows it.
@Suite struct TieOrderTests {
    /// The kinds the guide lists after "pick the earlier one in this order:".
    static func guideOrder() throws -> [String] {
        let guide = try String(contentsOfFile: Repo.path("docs/fixtures.md"), encoding: .utf8)
        let marker = "When two kinds fit, pick the earlier one in this order:"
        let start = try #require(guide.range(of: marker)).upperBound
        let sentence = try #require(guide[start...].split(separator: ".", maxSplits: 1).first)
        return sentence.split(separator: ",").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    @Test func theGuideNamesTheCodesOrder() throws {
        #expect(try TieOrderTests.guideOrder() == Label.boilerplateKinds)
    }

    @Test func aTieGoesToTheKindEarlierInTheOrder() throws {
        let kinds = Label.boilerplateKinds
        for (i, earlier) in kinds.enumerated() {
            for later in kinds[(i + 1)...] {
                // Both orders of the hits: the order of the kinds decides, not the order of the rules.
                for pair in [(later, earlier), (earlier, later)] {
                    let hits = [pair.0, pair.1].map { RuleHit(ruleID: "r.\($0)", description: "", scores: [LabelScore(Label(.boilerplate, $0), 2)]) }
                    let d = Decision(hits: hits, commentsAllowed: false, inComment: false)
                    #expect(d.label == Label(.boilerplate, earlier), "tie between \(earlier) and \(later)")
                }
            }
        }
    }
}
