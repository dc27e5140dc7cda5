import Testing
@testable import Winnow

/// The context rounds visit only the rules `RuleMatcher` lists for a line's label and those of its
/// decided neighbours (step 61 of docs/performance.md). A rule left out of a list never fires on
/// that line, so each list must hold exactly the rules whose label tests admit the three labels,
/// checked here against the test the round itself runs (`ContextTest.holds`) on every triple.
@Suite struct ContextRuleIndexTests {
    /// The rules a context round of this kind may fire, asked of each rule in turn; `nearby`
    /// is left to the round (share 0: any lines around pass).
    static func expected(current: Label?, previous: Label?, next: Label?, chained: Bool) -> [Int32] {
        let rules = Repo.rules.rules
        return rules.indices.filter { i in
            guard let test = rules[i].contextTest, rules[i].isChained == chained else { return false }
            return test.holds(previous: previous, next: next, current: current, around: { [.article] }, nearbyShare: 0)
        }.map(Int32.init)
    }

    @Test func everyLabelTripleListsExactlyTheRulesItsTestsAdmit() {
        let matcher = RuleMatcher(rules: Repo.rules)
        let labels: [Label?] = [nil] + Label.scorable
        var nonEmpty = (plain: 0, chained: 0)
        for c in labels {
            for p in labels {
                for n in labels {
                    for chained in [false, true] {
                        let listed = matcher.contextRules(current: c, previous: p, next: n, chained: chained)
                        let want = Self.expected(current: c, previous: p, next: n, chained: chained)
                        if listed != want {
                            Issue.record("current \(c.map(String.init(describing:)) ?? "none"), previous \(p.map(String.init(describing:)) ?? "none"), next \(n.map(String.init(describing:)) ?? "none"), chained \(chained): listed \(listed), want \(want)")
                            return
                        }
                        if !listed.isEmpty { if chained { nonEmpty.chained += 1 } else { nonEmpty.plain += 1 } }
                    }
                }
            }
        }
        // The bundled rules have both kinds of context rule, so the lists are not trivially empty.
        #expect(nonEmpty.plain > 100 && nonEmpty.chained > 10)
    }

    /// Step 340: the lists filtered by a line's word count keep exactly the rules whose `words`
    /// tests pass on a line of that many words (`FeatureTest.fails`), in order, for every label
    /// triple and both kinds of round.
    @Test func theWordCountKeepsExactlyTheRulesWhoseWordTestsPass() {
        let rules = Repo.rules.rules
        let matcher = RuleMatcher(rules: Repo.rules)
        let labels: [Label?] = [nil] + Label.scorable + [Label(.boilerplate, "no-such-kind")]
        var filtered = 0
        for words in [0, 1, 2, 3, 4, 5, 7, 8, 12, 16, 20, 30, 31, 40, 60, 200] {
            var f = LineFeatures()
            f.words = words
            let wordsHold = rules.map { rule in
                !rule.featureTests.contains { $0.feature == .words && $0.fails(f) }
            }
            for c in labels {
                for p in labels {
                    for n in labels {
                        for chained in [false, true] {
                            let listed = matcher.contextRules(current: c, previous: p, next: n, chained: chained)
                            let kept = Array(matcher.contextRules(current: c, previous: p, next: n, chained: chained, words: words))
                            let want = listed.filter { wordsHold[Int($0)] }
                            if kept != want {
                                Issue.record("\(words) words, current \(c.map(String.init(describing:)) ?? "none"), previous \(p.map(String.init(describing:)) ?? "none"), next \(n.map(String.init(describing:)) ?? "none"), chained \(chained): kept \(kept), want \(want)")
                                return
                            }
                            filtered += listed.count - kept.count
                        }
                    }
                }
            }
        }
        // The bundled context rules bound their word counts: the filter leaves rules out.
        #expect(filtered > 1000)
    }

    /// Step 785: on the list of three known labels (or none), `holdsNearby` answers as `holds`
    /// with the round's `isChained` test, for every listed rule and random nearby counts; a
    /// made-up kind's labels are not listed exactly.
    @Test func knownLabelsListOnlyRulesWhoseLabelTestsPass() {
        let rules = Repo.rules.rules
        let matcher = RuleMatcher(rules: Repo.rules)
        let labels: [Label?] = [nil] + Label.scorable
        var g = SystemRandomNumberGenerator()
        var asked = 0
        for c in labels {
            for p in labels {
                for n in labels {
                    #expect(matcher.listsExactly(current: c, previous: p, next: n))
                    for chained in [false, true] {
                        for i in matcher.contextRules(current: c, previous: p, next: n, chained: chained) {
                            let rule = rules[Int(i)]
                            let counts = (Int.random(in: 0...6, using: &g), Int.random(in: 0...6, using: &g))
                            let count: (LabelTest) -> (matching: Int, count: Int) = { _ in (min(counts.0, counts.1), counts.1) }
                            let share = [0.0, 0.3, 0.5, 1.0][Int.random(in: 0...3, using: &g)]
                            let full = rule.isChained == chained
                                && rule.contextTest!.holds(previous: p, next: n, current: c, nearbyShare: share, nearbyCount: count)
                            #expect(full == rule.contextTest!.holdsNearby(nearbyShare: share, nearbyCount: count), "\(rule.id)")
                            asked += 1
                        }
                    }
                }
            }
        }
        #expect(asked > 10000)
        #expect(!matcher.listsExactly(current: Label(.boilerplate, "no-such-kind"), previous: nil, next: nil))
    }

    /// The word bounds of `ContextVisit` against `FeatureTest.fails` for bounds that are not whole
    /// numbers, infinite, NaN or out of range, on word counts around them.
    @Test func wordBoundsAgreeWithTheFeatureTests() {
        let bounds: [Double] = [-.infinity, -1e300, -3, -0.5, 0, 0.5, 1, 2.5, 3, 7.999, 8, 1e12, 1e300, .infinity, .nan]
        for low in bounds {
            for high in bounds {
                let tests = [FeatureTest(.words, low: low), FeatureTest(.words, high: high), FeatureTest(.chars, low: 5)]
                let visit = RuleMatcher.ContextVisit(rule: 0, tests: tests)
                for words in [0, 1, 2, 3, 4, 7, 8, 9, 1000, Int(Int32.max) - 1] {
                    var f = LineFeatures()
                    f.words = words
                    let holds = !tests.contains { $0.feature == .words && $0.fails(f) }
                    #expect(visit.admits(words: words) == holds, "low \(low), high \(high), \(words) words")
                }
            }
        }
    }

    @Test func aLabelOutsideTheTableGetsEveryContextRuleOfTheRound() {
        let matcher = RuleMatcher(rules: Repo.rules)
        let odd = Label(.boilerplate, "no-such-kind")
        for chained in [false, true] {
            let listed = matcher.contextRules(current: odd, previous: .article, next: nil, chained: chained)
            let all = Repo.rules.rules.indices.filter {
                Repo.rules.rules[$0].isContextRule && Repo.rules.rules[$0].isChained == chained
            }.map(Int32.init)
            #expect(listed == all)
            #expect(!listed.isEmpty)
        }
    }
}
