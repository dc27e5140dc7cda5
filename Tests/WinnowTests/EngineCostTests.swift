import Foundation
import Testing
@testable import Winnow
import CWinnowScan

/// The cheaper paths of session 12's per-line engine steps (`perf16`, steps 90 on in
/// docs/performance.md) against the general ones they stand in for.
@Suite struct EngineCostTests {
    /// A small deterministic generator (xorshift), so a failure names its seed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    /// Up to five hits, each scoring one to three known labels, with scores drawn from `scores`.
    static func randomHits(_ g: inout Generator, scores: [Double]) -> [RuleHit] {
        var hits: [RuleHit] = []
        for h in 0..<g.next(6) {
            let scored = (0..<(1 + g.next(3))).map { _ in
                LabelScore(Label.scorable[g.next(Label.scorable.count)], scores[g.next(scores.count)])
            }
            hits.append(RuleHit(ruleID: "r\(h)", description: "", scores: scored))
        }
        return hits
    }

    /// Step 91: the decision's totals summed by known label index give the same totals, in the
    /// same order, with the same floating-point sums, as the general path, for hits scoring any
    /// of the known labels (several times, with scores that round differently by order), in and
    /// out of the comment section and a comment.
    @Test func knownTotalsMatchGeneralTotals() {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let scores = [0.1, 0.2, 0.3, -0.7, 1.0, 2.5, 1e-17, -1.5, 0.0, 3.0]
        var checked = 0
        for _ in 0..<5_000 {
            let hits = EngineCostTests.randomHits(&g, scores: scores)
            for (allowed, inComment) in [(false, false), (true, false), (true, true)] {
                let known = Decision.knownTotals(hits, commentsAllowed: allowed, inComment: inComment)
                let general = Decision.generalTotals(hits, commentsAllowed: allowed, inComment: inComment)
                #expect(known == general)
                // Same labels down to their kind strings, and bit-identical sums.
                #expect(known?.map(\.label.description) == general.map(\.label.description))
                #expect(known?.map(\.score.bitPattern) == general.map(\.score.bitPattern))
                checked += 1
            }
        }
        #expect(checked == 15_000)
    }

    /// Step 653: a decision's label, score and margin, found without its totals' array, are
    /// those the totals give (`Decision.verdict`, the earlier `init(totals:)`), bit for bit, and
    /// its totals are summed again from its hits as before; decisions of different hits with the
    /// same totals are equal.
    @Test func verdictWithoutTotalsMatchesTotals() {
        var g = Generator(state: 0x2545_F491_4F6C_DD1D)
        let scores = [0.1, 0.2, 0.3, -0.7, 1.0, 2.5, 1e-17, -1.5, 0.0, 3.0, -3.0]
        for _ in 0..<5_000 {
            let hits = EngineCostTests.randomHits(&g, scores: scores)
            for (allowed, inComment) in [(false, false), (true, false), (true, true)] {
                let d = Decision(hits: hits, commentsAllowed: allowed, inComment: inComment)
                let totals = Decision.generalTotals(hits, commentsAllowed: allowed, inComment: inComment)
                let (label, score, margin) = Decision.verdict(totals)
                #expect(d.label == label && d.label.description == label.description)
                #expect(d.score.bitPattern == score.bitPattern && d.margin.bitPattern == margin.bitPattern)
                #expect(d.totals == totals)
                let copy = Decision(hits: hits.map { RuleHit(ruleID: $0.ruleID + "-copy", description: "", scores: $0.scores) },
                                    commentsAllowed: allowed, inComment: inComment)
                #expect(d == copy)
            }
        }
    }

    /// Step 651: `LineFeatures.hasWebScheme` finds "http://" and "https://" where the search of
    /// each form at every place did, on random tokens of the bytes that make them up.
    @Test func webSchemeMatchesSearch() {
        func search(_ t: [UInt8]) -> Bool {
            let lower = t.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for needle in [Array("http://".utf8), Array("https://".utf8)] where lower.count >= needle.count {
                for s in 0...(lower.count - needle.count) where Array(lower[s..<(s + needle.count)]) == needle { return true }
            }
            return false
        }
        var g = Generator(state: 0x1234_5678_9ABC_DEF1)
        let alphabet = Array("hHtTpPsS:/.wx".utf8) + [0xC3, 0x20]
        let pieces = ["http://", "HTTPS://", "https:/", "http:", "hTtP://", "ttps://", "x", "s"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            var t: [UInt8] = []
            for _ in 0..<g.next(5) {
                if g.next(2) == 0 { t += pieces[g.next(pieces.count)] } else { t.append(alphabet[g.next(alphabet.count)]) }
            }
            let found = t.withUnsafeBufferPointer { LineFeatures.hasWebScheme($0) }
            #expect(found == search(t), "\(String(decoding: t, as: UTF8.self))")
        }
    }

    /// Step 650: a lead-in's colon read from the line's last bytes, as the last scalar other than
    /// a space, tab or carriage return was read.
    @Test func endsInColonByBytes() {
        var g = Generator(state: 0x0F1E_2D3C_4B5A_6978)
        let parts = [":", " ", "\t", "\r", "a", "é", "：", "\u{00A0}", "x:", "\r\n", "—"]
        for _ in 0..<20_000 {
            let line = (0..<g.next(6)).map { _ in parts[g.next(parts.count)] }.joined()
            let byScalars = line.unicodeScalars.last(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) == ":"
            #expect(Labeler.endsInColon(line) == byScalars, "\(line.debugDescription)")
        }
    }

    /// Step 91: a label of an unknown kind takes the general path (no known index).
    @Test func unknownLabelFallsBack() {
        let hits = [RuleHit(ruleID: "r", description: "", scores: [LabelScore(Label(.boilerplate, "made-up"), 2)])]
        #expect(Decision.knownTotals(hits, commentsAllowed: true, inComment: true) == nil)
        let d = Decision(hits: hits, commentsAllowed: true, inComment: true)
        // As before step 91: a boilerplate kind outside `Label.boilerplateKinds` is no candidate.
        #expect(d.totals == Decision.generalTotals(hits, commentsAllowed: true, inComment: true))
        #expect(d.label == .article && d.totals.count == 1)
    }

    /// Step 90: the prior hits built once equal those a walk built for itself, by state, with
    /// and without signatures below.
    @Test func priorsBuiltOnceMatchEachState() {
        let config = Config()
        let priors = Walk.Priors(config: config)
        for below in [false, true] {
            let hits = priors.hits(signaturesBelow: below)
            #expect(hits.count == Config.PriorState.allCases.count)
            for state in Config.PriorState.allCases {
                let hit = hits[Walk.Priors.index(state)]
                guard let prior = config.priors[state], !prior.isEmpty else {
                    #expect(hit == nil)
                    continue
                }
                #expect(hit?.ruleID == "prior.\(state.rawValue)")
                #expect(hit?.scores == prior.sorted { $0.key < $1.key }.map { LabelScore($0.key, $0.value) })
                let description = below && state == .inComment ? Walk.signedBelowDescription : Walk.priorDescription[state]!
                #expect(hit?.description == description)
            }
        }
    }

    /// Step 342: a line's hits with its state's prior alone, and their decision in and out of
    /// the section and a comment, built once per labeller, are the prior's own hit and the
    /// decision a walk made on it, for every key (`aloneKey`). The bundled priors decide
    /// differently by section and comment, so keys with their bits mixed up fail.
    @Test func priorAloneDecisionsMatchEachKey() {
        let priors = Walk.Priors(config: Repo.rules.config)
        var distinct = Set<String>()
        for below in [false, true] {
            let hits = priors.hits(signaturesBelow: below)
            let alone = priors.alone(signaturesBelow: below), decisions = priors.aloneDecisions(signaturesBelow: below)
            #expect(decisions.count == 4 * Config.PriorState.allCases.count)
            for state in Config.PriorState.allCases {
                let s = Walk.Priors.index(state)
                #expect(alone[s].map(ObjectIdentifier.init) == (hits[s].map { [ObjectIdentifier($0)] } ?? []))
                for inSection in [false, true] {
                    for inComment in [false, true] {
                        let d = decisions[Walk.Priors.aloneKey(state: s, inSection: inSection, inComment: inComment)]
                        #expect(d == Decision(hits: hits[s].map { [$0] } ?? [], commentsAllowed: inSection, inComment: inComment),
                                "\(state), below \(below), section \(inSection), comment \(inComment)")
                        distinct.insert("\(s) \(d.label) \(d.totals)")
                    }
                }
            }
        }
        #expect(distinct.count > Config.PriorState.allCases.count)
    }
}

extension EngineCostTests {
    /// Step 92: a non-ASCII word's stop-word lookup by its bytes, lowercased scalar by scalar,
    /// says what `words.contains(word.lowercased())` says, for the bundled stop words and for a
    /// set that turns the fast path off, on words built from stop words, their capitals, curly
    /// quotes, decomposed accents (canonically equal to a stop word, byte for byte not), "İ"
    /// (lowercased to two scalars), the German capital sharp s, Greek and CJK.
    @Test func nonASCIIStopwordsMatchStringLookup() {
        let bundled = Repo.rules.stopwords
        #expect(bundled.looksUpNonASCIIBytes)
        let capitalised = StopwordTable(["Für", "été", "the"])
        #expect(!capitalised.looksUpNonASCIIBytes)
        let pieces = ["für", "FÜR", "Für", "fu\u{308}r", "été", "ÉTÉ", "e\u{301}te\u{301}", "über", "Über", "daß", "DAẞ",
                      "können", "KÖNNEN", "où", "OÙ", "à", "À", "très", "sí", "SÍ", "él", "ÉL", "también", "TAMBIÉN",
                      "don’t", "DON’T", "it’s", "İ", "i̇", "ǅ", "Σ", "σ", "日本", "naïve", "the", "THE", "ꞵ", "ⱥ", "Ⱥ",
                      "\u{2000}", "–", "x", "é"]
        var g = Generator(state: 0x1234_5678_9ABC_DEF1)
        var words = pieces
        for _ in 0..<3_000 {
            words.append((0..<(1 + g.next(3))).map { _ in pieces[g.next(pieces.count)] }.joined())
        }
        var fastChecked = 0
        for table in [bundled, capitalised] {
            for word in words where word.utf8.contains(where: { $0 >= 0x80 }) {
                var line = word
                let fast = line.withUTF8 { table.contains(nonASCIILowercasing: $0, 0, $0.count) }
                #expect(fast == table.words.contains(word.lowercased()), "\(word)")
                if fast { fastChecked += 1 }
            }
        }
        // Some of the words are stop words, so both answers were exercised.
        #expect(fastChecked > 100)
    }

}

extension EngineCostTests {
    /// Step 93: the nearby counts taken in place equal the counts over `around`'s array, for
    /// every line of random pages (blank lines undecided) and every label test and reach.
    @Test func nearbyCountsMatchAroundArrays() {
        var g = Generator(state: 0xDEAD_BEEF_0BAD_F00D)
        let wants = ["article", "boilerplate", "boilerplate.related", "comment", "comment.on-topic", "edge"]
        var nonZero = 0
        for _ in 0..<300 {
            let decisions = EngineCostTests.randomDecisions(&g, lines: 30, undecided: 4)
            let decided = DecidedLabels(decisions)
            for i in decisions.indices {
                for reach in [0, 1, 2, 5] {
                    for want in wants {
                        let test = LabelTest(want)
                        let around = decided.around(i, lines: reach)
                        let counted = decided.count(around: i, lines: reach, matching: test)
                        #expect(counted.count == around.count)
                        #expect(counted.matching == around.count { test.matches($0) })
                        if counted.matching > 0 { nonZero += 1 }
                    }
                }
            }
        }
        #expect(nonZero > 1_000)
    }

    /// Step 292: a label of an unknown kind after known ones, or between them, still sends the
    /// decision to the general path (the borrowed loop stops at it).
    @Test func unknownLabelAmongKnownOnesFallsBack() {
        let known = RuleHit(ruleID: "k", description: "", scores: [LabelScore(.article, 1), LabelScore(.comment, 2)])
        let odd = RuleHit(ruleID: "o", description: "", scores: [LabelScore(.article, 1), LabelScore(Label(.comment, "made-up"), 2)])
        for hits in [[known, odd], [known, odd, known], [odd, known]] {
            #expect(Decision.knownTotals(hits, commentsAllowed: true, inComment: true) == nil)
        }
        #expect(Decision.knownTotals([known, known], commentsAllowed: true, inComment: true) != nil)
    }

    /// Step 93: `ContextTest.holds` with the counts says what it says with the array.
    @Test func contextTestCountsMatchArrays() {
        for rule in Repo.rules.rules {
            guard let test = rule.contextTest else { continue }
            for around in [[], [Label.article], [.article, Label(.boilerplate, "related"), .comment], Label.all] {
                for share in [0.0, 0.5, 1.0] {
                    for p in [nil, Label.article, Label(.boilerplate, "navigation")] {
                        let byArray = test.holds(previous: p, next: .article, current: p, around: { around }, nearbyShare: share)
                        let byCount = test.holds(previous: p, next: .article, current: p, nearbyShare: share,
                                                 nearbyCount: { t in (around.count { t.matches($0) }, around.count) })
                        #expect(byArray == byCount, "\(rule.id)")
                    }
                }
            }
        }
    }

    /// Step 95: a prior's hit is told from a rule's by its id's prefix alone.
    @Test func priorHitsAreToldApart() {
        func hit(_ id: String) -> RuleHit { RuleHit(ruleID: id, description: "", scores: []) }
        #expect(Segmenter.isPrior(hit("prior.body")))
        #expect(Segmenter.isPrior(hit("prior.")))
        #expect(!Segmenter.isPrior(hit("promo.video-link")))
        #expect(!Segmenter.isPrior(hit("prior")))
        #expect(!Segmenter.isPrior(hit("walk.comment-continues")))
        #expect(!Segmenter.isPrior(hit("")))
        // Step 240: by bytes, and by `hasPrefix` where a byte past the prefix may join its `.`.
        for id in ["prior.\u{301}", "prior.\u{301}body", "prior.é", "prior.body\u{301}", "prior.x", "priorx", "p", "pr", "Prior.body", "prior.\u{200D}"] {
            #expect(Segmenter.isPrior(hit(id)) == id.hasPrefix("prior."), "\(id)")
        }
    }

    /// Step 96: the one-pass search for date words says what trying each word at every place
    /// (the search before it) says, on random lines of ASCII, capitals, digits and non-ASCII.
    @Test func dateWordSearchMatchesPlainSearch() {
        func plain(_ text: String, _ words: [[UInt8]]) -> Bool {
            let b = Array(text.utf8)
            let found = words.contains { word in
                guard b.count >= word.count else { return false }
                return (0...(b.count - word.count)).contains { s in word.indices.allSatisfy { Prefilter.lower(b[s + $0]) == word[$0] } }
            }
            guard found, b.contains(where: { $0 >= 0x80 }) else { return found }
            let lower = text.lowercased()
            return words.contains { lower.contains(String(decoding: $0, as: UTF8.self)) }
        }
        var g = Generator(state: 0x0123_4567_89AB_CDEF)
        // Step 310: the marks after a word decide whether Foundation matches it (a combining
        // acute or variation selector: no; a spacing mark, a joiner, or a prepended sign before: yes).
        let pieces = ["JAN", "jan", "Ja", "n", " ", "AM", " Pm", "ago", "AG", "o", "3", "12:30", "/", ":", "Dec", "é", "İ", "x", "since",
                      "\u{301}", "\u{903}", "\u{200D}", "\u{600}", "\u{FE0F}", "\u{E33}", "\u{1F3FB}"]
        var found = 0
        for _ in 0..<8_000 {
            let line = (0..<g.next(8)).map { _ in pieces[g.next(pieces.count)] }.joined()
            for words in [StoryTable.dateWordBytes, StoryTable.cellDateWordBytes, [], [[]], [Array("ago".utf8), []]] {
                let fast = StoryTable.lowercased(line, contains: words)
                #expect(fast == plain(line, words), "\(line)")
                if fast { found += 1 }
            }
        }
        #expect(found > 1_000)
    }
}

extension EngineCostTests {
    /// Step 97: the line's last character that is neither whitespace nor closing, found
    /// backwards from its end, decides `endsWithPunctuation` as the forward pass's did: the last
    /// such scalar of the line, by Unicode's White_Space, is a sentence end.
    @Test func sentenceEndFoundBackwards() {
        let pieces = ["word", " ", "\t", ".", "!", "?", "…", "。", "\"", "'", ")", "]", "”", "’", "»", "*", "\u{A0}", "\u{2003}",
                      "\u{3000}", "\u{85}", "é", "日本", "x.", "\u{1F600}", "\u{301}", ":", ",", "\u{2028}", "«"]
        var g = Generator(state: 0x5151_7A7A_0F0F_3C3C)
        var ends = 0
        for _ in 0..<5_000 {
            let line = (0..<g.next(7)).map { _ in pieces[g.next(pieces.count)] }.joined()
            let last = line.unicodeScalars.last { !$0.properties.isWhitespace && !LineFeatures.isClosing($0.value) }
            let want = last.map { LineFeatures.isTerminal($0.value) } ?? false
            let features = LineFeatures(text: line, stopwords: [])
            #expect(features.endsWithPunctuation == want, "\(line.debugDescription)")
            if want { ends += 1 }
        }
        #expect(ends > 500)
    }
}

extension EngineCostTests {
    /// Step 98: an ASCII word longer than eight bytes whose length no long stop word has is
    /// ruled out before the hash; the answer stays `words.contains(word.lowercased())`, for the
    /// bundled stop words (whose long ones have a few lengths) and words of every length from 9 to 70.
    @Test func longASCIIStopwordsMatchStringLookup() {
        let table = Repo.rules.stopwords
        let long = table.words.filter { $0.utf8.count > 8 && $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(!long.isEmpty)
        var words = long.flatMap { [$0, $0.uppercased(), $0 + "s", String($0.dropLast())] }
        var g = Generator(state: 0xABCD_EF01_2345_6789)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABC'-")
        for length in 9...70 {
            for _ in 0..<20 { words.append(String((0..<length).map { _ in letters[g.next(letters.count)] })) }
        }
        var stop = 0
        for word in words {
            var line = "  " + word + " "
            let found = line.withUTF8 { table.contains(asciiLowercasing: $0, 2, 2 + word.utf8.count) }
            #expect(found == table.words.contains(word.lowercased()), "\(word)")
            if found { stop += 1 }
        }
        #expect(stop >= long.count)
    }
}

extension EngineCostTests {
    /// Step 99: the byte loop's raw class table holds `asciiClass`, byte for byte.
    @Test func asciiClassTableCopiesTheClasses() {
        let table = LineFeatures.asciiClassTable
        for b in 0..<128 { #expect(table[b] == LineFeatures.asciiClass[b], "\(b)") }
        #expect(LineFeatures.asciiClass.count == 128)
    }
}

extension EngineCostTests {
    /// Step 121: a rule without a pattern fires with its one shared candidate, whose hit is the
    /// one a new hit would be (no matched text), with no author, in position exactly when the
    /// rule's features hold with its position condition; the same object on every line.
    /// Step 193: a line whose only hit is its state's prior takes the walk's shared array and
    /// the decision made once for that state; each such line's decision is still the one its
    /// hit makes in its state (in a comment, in the section, or outside it), on a page with a
    /// thread (body lines and comment lines with the prior alone). Fails with the decision
    /// kept under one key for every state.
    @Test func priorOnlyLinesShareOneDecisionPerState() throws {
        let page = try PageReader.read(path: Repo.path("Fixtures/pages/tune/seed-004.txt"))
        let result = Labeler(rules: Repo.rules).label(page)
        var states = Set<String>()
        for line in result.lines {
            guard let decision = line.decision, line.hits.count == 1, line.hits[0].ruleID.hasPrefix("prior.") else { continue }
            let state = String(line.hits[0].ruleID.dropFirst("prior.".count))
            states.insert(state)
            let inComment = state == Config.PriorState.inComment.rawValue
            let inSection = inComment || state == Config.PriorState.commentSection.rawValue
            #expect(decision == Decision(hits: line.hits, commentsAllowed: inSection, inComment: inComment), "line \(line.number)")
        }
        #expect(states.count >= 2, "\(states)")
    }

    @Test func featureRulesShareTheirCandidate() {
        let rules = Repo.rules
        let matcher = RuleMatcher(rules: rules)
        let texts = ["Reply", "John Smith", "March 3, 2024 at 10:15 am", "Share this:", "Home | News | Sport",
                     "This is a long line of prose, the kind of sentence a story is made of, with stop words in it.",
                     "2 comments", "Advertisement", "© 2024 Example Media. All rights reserved.", "•", "Read more »", "12"]
        var seen: [ObjectIdentifier: RuleMatcher.Candidate] = [:]
        var fired = 0, outOfPosition = 0
        for text in texts {
            for position in [0.0, 0.05, 0.5, 0.95, 1.0] {
                for (gaps, shape) in [false, true].flatMap({ g in (0..<4).map { (g, $0) } }) {
                    var features = LineFeatures(text: text, stopwords: rules.stopwords)
                    features.position = position
                    features.gapBefore = gaps
                    features.gapAfter = gaps
                    // Shapes that the feature-only rules test: prose, far from it with a link, a
                    // table cell above the story, a thread's header.
                    features.proseDistance = shape == 0 ? 0 : 6
                    features.inMainBlock = shape == 0
                    features.inStoryBlock = shape == 0
                    features.links = shape == 1 ? 1 : 0
                    features.tableCell = shape == 2
                    features.aboveMainBlock = shape == 2 ? 1 : 0
                    features.layoutHeader = shape == 3
                    for c in matcher.match(text, features: features, contextRules: false).candidates where c.rule.pattern == nil {
                        fired += 1
                        #expect(c.hit == RuleHit(ruleID: c.rule.id, description: c.rule.description, scores: c.rule.hitScores, matched: nil))
                        #expect(c.author == nil)
                        #expect(c.inPosition == c.rule.featuresHold(features), "\(c.rule.id) \(text) \(position)")
                        if !c.inPosition { outOfPosition += 1 }
                        let key = ObjectIdentifier(c.rule)
                        if let first = seen[key], first.inPosition == c.inPosition { #expect(first === c, "\(c.rule.id)") }
                        if seen[key] == nil { seen[key] = c }
                    }
                }
            }
        }
        #expect(fired > 100)
        #expect(seen.count >= 4)
        #expect(outOfPosition > 0 || !rules.rules.contains { $0.pattern == nil && $0.marksCommentStart && $0.conditions.position != nil })
    }
}

extension EngineCostTests {
    /// Step 161: `StoryTable`'s byte shortcuts answer as the Character, scalar and `Regex` code
    /// they stand in front of, on random lines of ASCII, digits, brackets, whitespace and
    /// non-ASCII pieces (marks and a prepended sign that join a digit to the Character before it,
    /// Unicode digits and spaces).
    @Test func storyTableByteShortcutsAnswerAsBefore() {
        func bracketed(_ text: String) -> Bool {
            let chars = text.unicodeScalars
            guard let close = chars.lastIndex(where: { !$0.properties.isWhitespace }), chars[close] == ")",
                  let open = chars[..<close].lastIndex(where: { $0 == "(" || $0 == ")" }), chars[open] == "(" else { return false }
            let inside = chars[chars.index(after: open)..<close]
            let letters: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
            return inside.contains { letters.contains($0.properties.generalCategory) }
                && !inside.contains { $0.properties.numericType == .decimal }
        }
        let pieces = ["Jane", "(", ")", "(Harbour College)", " ", "\t", "\u{0B}", "\u{A0}", "\u{3000}", "1", "12", "2017", "/", ".",
                      "-", "x", "é", "\u{301}", "\u{0600}", "\u{200D}", "٣", "Ⅻ", "½", "\u{1C}", "\r", "İ", ":", "jan", "(ʼ)", "(ǅ)", "(ª)", "(日本)"]
        var g = Generator(state: 0x7A7A_1616_C3C3_5A5A)
        var counts = (numbers: 0, dates: 0, brackets: 0)
        let datePieces = ["1", "12", "2017", "12345", "/", ".", "-", "٣", "x", " ", "\u{301}"]
        for round in 0..<8_000 {
            let set = round % 2 == 0 ? pieces : datePieces
            let line = (0..<g.next(7)).map { _ in set[g.next(set.count)] }.joined()
            let number = line.contains(where: \.isNumber)
            #expect(StoryTable.hasNumber(line) == number, "\(line)")
            let date = line.lowercased().wholeMatch(of: StoryTable.numericDate) != nil
            #expect(StoryTable.isNumericDate(line) == date, "\(line)")
            #expect(StoryTable.endsWithBracketedWord(line) == bracketed(line), "\(line)")
            if number { counts.numbers += 1 }
            if date { counts.dates += 1 }
            if bracketed(line) { counts.brackets += 1 }
        }
        #expect(counts.numbers > 1_000 && counts.dates > 20 && counts.brackets > 50)
    }

    /// Step 333: `StoryTable.optionLine` reads the line's last two bytes only when its counts
    /// leave it a sentence or a short line, from the line's bytes; it answers as the former code
    /// (the reversed `UTF8View`, read first) on random lines of spaces, tabs, stops, colons, NUL,
    /// words and non-ASCII pieces, with random counts.
    @Test func optionLinesAnswerAsBefore() {
        func former(_ text: String, _ f: LineFeatures) -> StoryTable.OptionLine {
            guard f.links == 0, f.words > 0 else { return .other }
            var last: UInt8 = 0, before: UInt8 = 0
            for b in text.utf8.reversed() where b != 0x20 && b != 0x09 {
                if last == 0 { last = b } else { before = b; break }
            }
            if f.endsWithPunctuation {
                return last == 0x2E && before != 0x2E && f.words >= 4 && f.words <= StoryTable.maxDescriptionWords ? .sentence : .other
            }
            guard f.words <= StoryTable.maxOptionWords, last != 0x3A, f.chars >= 2 else { return .other }
            if StoryTable.hasASCIIDigit(text), StoryTable.mentionsDateOrTime(text) { return .other }
            return .short
        }
        let pieces = [" ", "\t", ".", "..", ":", "\u{0}", "a", "On", "1", "12:30", "jan", "é", "’", "\u{301}", "x.", "/"]
        var g = Generator(state: 0x3333_0333_5EED_0001)
        var kinds = (sentence: 0, short: 0)
        for _ in 0..<20_000 {
            let line = (0..<g.next(6)).map { _ in pieces[g.next(pieces.count)] }.joined()
            var f = LineFeatures()
            f.links = g.next(5) == 0 ? 1 : 0
            f.words = g.next(45)
            f.chars = g.next(4)
            f.endsWithPunctuation = g.next(2) == 0
            let kind = former(line, f)
            #expect(StoryTable.optionLine(line, f) == kind, "\(line) \(f.words) \(f.chars) \(f.endsWithPunctuation)")
            if kind == .sentence { kinds.sentence += 1 }
            if kind == .short { kinds.short += 1 }
        }
        #expect(kinds.sentence > 100 && kinds.short > 100)
    }

    /// Step 140: a label holds no reference (its kind is a number), and it reads back as the
    /// label it was made from: kind, description, equality, `hasKind`, hashing, order, for every
    /// scorable label and for kinds outside them (numbered in `OtherKinds`).
    @Test func labelsAreValuesThatReadBackTheirKind() {
        #expect(_isPOD(Label.self))
        #expect(_isPOD(LabelScore.self))
        let others = [Label(.boilerplate, "made-up"), Label(.boilerplate, "made-up-too"), Label(.comment, "made-up"),
                      Label(.article, "made-up"), Label(.boilerplate)]
        let kinds: [String?] = ["made-up", "made-up-too", "made-up", "made-up", nil]
        for (label, kind) in zip(others, kinds) {
            #expect(label.kind == kind)
            #expect(label.hasKind == (kind != nil))
            #expect(label.knownIndex == nil)
            #expect(label == Label(label.family, kind))
            #expect(label.hashValue == Label(label.family, kind).hashValue)
        }
        for (i, a) in others.enumerated() {
            for (j, b) in others.enumerated() { #expect((a == b) == (i == j), "\(a) \(b)") }
        }
        for label in Label.scorable {
            let (family, kind) = (label.family, label.kind)
            #expect(Label(family, kind) == label)
            #expect(label.hasKind == (kind != nil))
            #expect(label.description == (kind.map { "\(family.rawValue).\($0)" } ?? family.rawValue))
            #expect(Label(parsing: label.description) == label)
            #expect(!others.contains(label))
        }
        #expect(Label.scorable.map(\.description) == ["article"] + Label.boilerplateKinds.map { "boilerplate.\($0)" }
            + Label.commentKinds.map { "comment.\($0)" } + ["comment"])
        #expect(Label(.boilerplate, "made-up") < Label(.boilerplate, "made-up-too"))
        #expect(Set(others + others).count == others.count)
    }
}

extension EngineCostTests {
    /// Step 241: `Page.isBlank` by bytes says what Unicode's White_Space says of every scalar,
    /// past ASCII whitespace before it (the scalars' path) and before a letter.
    @Test func blankLinesByBytesAnswerAsTheScalars() {
        let pieces = [" ", "\t", "\u{0B}", "\u{0C}", "\r", "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\u{85}", "a", "é", "\u{301}", "."]
        var g = Generator(state: 0x6A6A_2424_0F0F_9999)
        var blanks = 0
        for _ in 0..<4_000 {
            let line = (0..<g.next(6)).map { _ in pieces[g.next(pieces.count)] }.joined()
            let expected = line.unicodeScalars.allSatisfy(\.properties.isWhitespace)
            #expect(Page.isBlank(line) == expected, "\(line.unicodeScalars.map { String($0.value, radix: 16) })")
            if expected { blanks += 1 }
        }
        #expect(blanks > 200)
    }

    /// Step 243: where `nextFigureRows` puts the next figure or name past `firstRowReach`,
    /// `bestTable` finds no table, on random runs of shapes (mostly text, as on a page, or dense
    /// with figures, where tables start).
    @Test func tableSearchSkipsOnlyRowsWhereNoTableStarts() {
        var g = Generator(state: 0x5151_7E7E_0C0C_3333)
        var (skipped, searched) = (0, 0)
        for run in 0..<3_000 {
            let figures = run % 2 == 0 ? 3 : 10
            var shapes: [StoryTable.Shape] = (0..<(6 + g.next(30))).map { _ in
                let r = g.next(20)
                return r < figures ? .number : r < figures + 1 ? .named : .text
            }
            var isCell = shapes.map { _ in g.next(8) != 0 }
            if run < 36 {
                // Rows of text cells ending in one figure, each width: the first figure stands far
                // below the first row's start.
                let width = run % 6 + 1
                shapes = Array(repeating: Array(repeating: StoryTable.Shape.text, count: width - 1) + [.number], count: 3 + run / 6 % 3).flatMap { $0 }
                isCell = shapes.map { _ in true }
            }
            let next = StoryTable.nextFigureRows(shapes)
            for s in shapes.indices {
                let best = StoryTable.bestTable(shapes, isCell, at: s, shortFirstRow: true)
                if next[s] - s > StoryTable.firstRowReach {
                    #expect(best.cells == 0 && best.lead == 0, "\(shapes) at \(s)")
                    skipped += 1
                } else if best.cells > 0 {
                    searched += 1
                }
            }
        }
        #expect(skipped > 1_000 && searched > 0, "\(skipped) rows skipped, \(searched) with a table")
    }
}

extension EngineCostTests {
    /// Step 245: a walk given an earlier walk of the page takes over the lines' hits and
    /// decisions only where it would build the same: its hits, decisions and comments equal a walk
    /// made without it, with candidates changed (a line's last or first candidate gone, one with a
    /// new hit added), signatures read below, or the section emptied.
    @Test func aWalkTakesOverOnlyWhatItWouldBuild() throws {
        let rules = Repo.rules
        let page = try PageReader.read(path: Repo.path("Fixtures/pages/tune/seed-004.txt"))
        let lines = page.lines, blank = lines.map(Page.isBlank)
        let features = Labeler(rules: rules).lineFeatures(lines, blank: blank)
        let matcher = RuleMatcher(rules: rules)
        let candidates = lines.indices.map { i in blank[i] ? [] : matcher.match(lines[i], features: features[i], contextRules: false).candidates }
        let priors = Walk.Priors(config: rules.config)  // one set of prior hits, as the labeller has
        // Signatures read below: their section opened at the page's middle line.
        let middle = lines.count / 2
        func walk(_ c: [[RuleMatcher.Candidate]], signaturesBelow: Bool = false, emptySection: Bool = false, previous: Walk? = nil) -> Walk {
            Walk(config: rules.config, lines: lines, features: features, blank: blank, candidates: c, signedBelowMark: signaturesBelow ? middle : nil,
                 emptySection: emptySection, priors: priors, previous: previous)
        }
        let first = walk(candidates)
        var changed = candidates
        for i in changed.indices where i % 3 == 0 && !changed[i].isEmpty { changed[i].removeLast() }
        for i in changed.indices where i % 3 == 2 && changed[i].count >= 2 { changed[i].removeFirst() }
        for i in changed.indices where i % 3 == 1 {
            guard let c = changed[i].first else { continue }
            let hit = RuleHit(ruleID: c.hit.ruleID, description: c.hit.description, scores: c.hit.scores, matched: c.hit.matched)
            changed[i].append(RuleMatcher.Candidate(rule: c.rule, hit: hit, author: c.author, inPosition: c.inPosition))
        }
        var taken = 0, rebuilt = 0
        for (c, below, empty) in [(candidates, false, false), (changed, false, false), (changed, true, false), (candidates, false, true)] {
            let fresh = walk(c, signaturesBelow: below, emptySection: empty)
            let again = walk(c, signaturesBelow: below, emptySection: empty, previous: first)
            #expect(again.hits == fresh.hits)
            #expect(again.decisions == fresh.decisions)
            #expect(again.comments == fresh.comments && again.sectionMark == fresh.sectionMark)
            for i in lines.indices where !again.hits[i].isEmpty {
                let same = again.hits[i].withUnsafeBufferPointer { $0.baseAddress } == first.hits[i].withUnsafeBufferPointer { $0.baseAddress }
                if same { taken += 1 } else { rebuilt += 1 }
            }
        }
        #expect(taken > 20 && rebuilt > 20, "\(taken) taken over, \(rebuilt) rebuilt")
    }

    /// Step 390: walks that share the arrays and decisions of lines whose hits outlive a page
    /// (`Walk.SharedDecisions`, one for all the pages and walks, as a labeller holds it) decide
    /// every line as walks that build their own, in and out of a comment (seed-004 is a thread),
    /// with signatures read below and an empty section too; and lines do share.
    @Test func sharedDecisionsDecideAsBuiltOnes() throws {
        let rules = Repo.rules
        let matcher = RuleMatcher(rules: rules)
        let priors = Walk.Priors(config: rules.config)
        let shared = Walk.SharedDecisions()
        var sharedLines = 0, checked = 0
        for name in ["tune/seed-004", "tune/seed-000", "tune/news-11328", "tune/seed-004"] {
            let page = try PageReader.read(path: Repo.path("Fixtures/pages/\(name).txt"))
            let lines = page.lines, blank = lines.map(Page.isBlank)
            let features = Labeler(rules: rules).lineFeatures(lines, blank: blank)
            let candidates = lines.indices.map { i in blank[i] ? [] : matcher.match(lines[i], features: features[i], contextRules: false).candidates }
            let middle = lines.count / 2
            for (below, empty) in [(false, false), (true, false), (false, true)] {
                func walk(_ shared: Walk.SharedDecisions?) -> Walk {
                    Walk(config: rules.config, lines: lines, features: features, blank: blank, candidates: candidates,
                         signedBelowMark: below ? middle : nil, emptySection: empty, priors: priors, shared: shared)
                }
                let own = walk(nil), sharing = walk(shared)
                #expect(sharing.hits == own.hits, "\(name)")
                #expect(sharing.decisions == own.decisions, "\(name)")
                #expect(sharing.comments == own.comments && sharing.sectionMark == own.sectionMark)
                for i in lines.indices where !blank[i] {
                    checked += 1
                    let address = sharing.hits[i].withUnsafeBufferPointer { $0.baseAddress }
                    if (0..<shared.entryCount).contains(where: { shared.hits($0).withUnsafeBufferPointer { $0.baseAddress } == address }) {
                        sharedLines += 1
                    }
                }
            }
        }
        #expect(sharedLines > 20, "\(sharedLines) of \(checked) lines shared")
    }

    /// Step 391: a line on which only rules without a pattern fired gets its set's shared array
    /// (`RuleMatcher.SharedCandidates`), and every line's candidates stand in rule order, with
    /// those rules' candidates exactly the ones whose feature conditions hold (or hold but for
    /// the position of a comment-start rule), on the lines of real pages.
    @Test func featureOnlyLinesShareTheirCandidates() throws {
        let rules = Repo.rules
        let matcher = RuleMatcher(rules: rules)
        let index = Dictionary(uniqueKeysWithValues: rules.rules.enumerated().map { (ObjectIdentifier($1), $0) })
        var arrays: [[Int]: UnsafePointer<RuleMatcher.Candidate>?] = [:]
        var shared = 0, mixed = 0
        for name in ["tune/seed-000", "tune/seed-004", "tune/news-11328", "tune/news-141"] {
            let page = try PageReader.read(path: Repo.path("Fixtures/pages/\(name).txt"))
            let lines = page.lines, blank = lines.map(Page.isBlank)
            let features = Labeler(rules: rules).lineFeatures(lines, blank: blank)
            for i in lines.indices where !blank[i] {
                let candidates = matcher.match(lines[i], features: features[i], contextRules: false).candidates
                let order = candidates.map { index[ObjectIdentifier($0.rule)]! }
                #expect(order == order.sorted() && Set(order).count == order.count, "\(name) line \(i + 1): \(order)")
                let expected = rules.rules.filter { r in
                    r.pattern == nil && !r.isContextRule && (r.featuresHold(features[i])
                        || r.marksCommentStart && r.conditions.position != nil && r.featuresHold(features[i], ignoringPosition: true))
                }
                let featureOnly = candidates.filter { $0.rule.pattern == nil }
                #expect(featureOnly.map(\.rule.id) == expected.map(\.id), "\(name) line \(i + 1)")
                for c in featureOnly { #expect(c.inPosition == c.rule.featuresHold(features[i])) }
                guard !candidates.isEmpty else { continue }
                if featureOnly.count < candidates.count { mixed += 1; continue }
                guard candidates.count <= RuleMatcher.SharedCandidates.most else { continue }
                let key = order.map { 2 * $0 } .enumerated().map { $1 + (candidates[$0].inPosition ? 0 : 1) }
                let address = candidates.withUnsafeBufferPointer { UnsafePointer($0.baseAddress) }
                if let seen = arrays[key] {
                    #expect(seen == address, "\(name) line \(i + 1): \(candidates.map(\.rule.id)) not shared")
                    shared += 1
                } else {
                    arrays[key] = address
                }
            }
        }
        #expect(shared > 20 && mixed > 20, "\(shared) shared, \(mixed) with a pattern's candidate")
    }

    /// Step 393: `Page.nonBlankIndices` lists the lines `indices.filter` lists, for random pages
    /// of blank and non-blank lines (none, all, and runs of each).
    @Test func nonBlankIndicesAreTheFilteredOnes() {
        var g = Generator(state: 0x2545_F491_4F6C_DD1D)
        for n in [0, 1, 2, 7, 64, 300] {
            for _ in 0..<50 {
                let share = g.next(5)
                let blank = (0..<n).map { _ in g.next(4) < share }
                #expect(Page.nonBlankIndices(blank) == blank.indices.filter { !blank[$0] }, "\(blank)")
            }
        }
    }
}

extension EngineCostTests {
    /// Steps 380 and 410: a word of one to eight ASCII bytes is looked up by its packed key in
    /// its two slots (step 380's filter by length, first and last byte is gone); the answer stays
    /// `words.contains(word.lowercased())`, for every short bundled stop word in three cases,
    /// with its first or last byte changed, and random words of letters, digits, `'` and `-`.
    /// Failed when step 380's filter read another byte than the word's last, and fails when the
    /// lookup reads only the first slot (both checked once).
    @Test func shortASCIIStopwordsMatchStringLookup() {
        let table = Repo.rules.stopwords
        let short = table.words.filter { !$0.isEmpty && $0.utf8.count <= 8 && $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(short.count > 50)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'-")
        var g = Generator(state: 0x1357_9BDF_2468_ACE0)
        var words: [String] = []
        for w in short {
            words += [w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst()]
            let c = Array(w)
            words.append(String([letters[g.next(letters.count)]] + c.dropFirst()))
            words.append(String(c.dropLast() + [letters[g.next(letters.count)]]))
        }
        for length in 1...8 {
            for _ in 0..<400 { words.append(String((0..<length).map { _ in letters[g.next(letters.count)] })) }
        }
        var stop = 0
        for word in words {
            // The word amid other bytes: the filter must read its own first and last.
            for line in ["  " + word + " x", word, "ab" + word] {
                var line = line
                let start = line.utf8.count - word.utf8.count - (line.hasSuffix(" x") ? 2 : 0)
                let found = line.withUTF8 { table.contains(asciiLowercasing: $0, start, start + word.utf8.count) }
                #expect(found == table.words.contains(word.lowercased()), "\(word) in \(line.debugDescription)")
                if found { stop += 1 }
            }
        }
        #expect(stop >= 3 * 3 * short.count)
    }
}

extension EngineCostTests {
    /// An empty word is no stop word, and its lookup reads no byte outside it: step 380's filter
    /// read the word's last byte, `p[end - 1]`, before the line for an empty word at the line's
    /// start (no caller passes one; a line of the bytes `the` set right after a page the process
    /// may not read makes such a read a crash). Step 410's two-choice table keeps the guard.
    @Test func anEmptyWordIsNoStopwordAndReadsNothingBeforeTheLine() throws {
        let table = Repo.rules.stopwords
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped: UnsafeMutableRawPointer? = mmap(nil, 2 * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let raw = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(raw, 2 * pageSize) }
        // The first page unreadable, the line at the start of the second.
        #expect(mprotect(raw, pageSize, PROT_NONE) == 0)
        let line = (raw + pageSize).assumingMemoryBound(to: UInt8.self)
        for (i, b) in "the".utf8.enumerated() { line[i] = b }
        let buffer = UnsafeBufferPointer(start: UnsafePointer(line), count: 3)
        #expect(table.contains(asciiLowercasing: buffer, 0, 3))
        #expect(!table.contains(asciiLowercasing: buffer, 0, 0))
        #expect(!table.contains(asciiLowercasing: buffer, 2, 2))
        #expect(!table.contains(asciiLowercasing: buffer, 3, 3))
    }
}

extension EngineCostTests {
    /// Step 410: the two-choice table of the short stop words holds every key in one of its two
    /// slots (`StopwordTable.slot`, `otherSlot`), for sets of packed words of one to eight
    /// letters of every size up to 4,000 (keys whose first slot is taken are displaced to their
    /// other slot). Fails when a key is written over the one in its slot instead of displacing
    /// it (checked once).
    @Test func twoChoiceTableHoldsEveryKeyInOneOfItsSlots() {
        var g = Generator(state: 0x2468_1357_ACE0_BDF9)
        let letters = Array("abcdefghijklmnopqrstuvwxyz'-0123456789".utf8)
        for n in [0, 1, 2, 7, 60, 300, 486, 1000, 4000] {
            var keys = Set<UInt64>()
            while keys.count < n {
                let word = (0...g.next(8)).map { _ in letters[g.next(letters.count)] }
                keys.insert(word.withUnsafeBufferPointer { StopwordTable.pack($0.baseAddress!, count: $0.count, wholeWord: false) })
            }
            guard let (table, bits) = StopwordTable.twoChoiceTable(keys.sorted()) else {
                Issue.record("\(n) keys found no table")
                continue
            }
            #expect(table.count == 1 << bits && table.count >= 4 * n)
            #expect(table.filter { $0 != 0 }.count == n, "\(n) keys")
            let shift = 64 - bits
            for key in keys {
                #expect(table[StopwordTable.slot(key, shift: shift)] == key || table[StopwordTable.otherSlot(key, shift: shift)] == key,
                        "\(n) keys: \(key)")
            }
        }
    }
}

extension EngineCostTests {
    /// Step 411: the run of ASCII letters and digits found 16 bytes at once (`ws_ascii_run16`,
    /// SSE2) has the length the byte tables give it, for every byte value at every place of the
    /// 16 bytes and for 20,000 windows of bytes at the classes' edges (`/0 9:@A Z[`a z{`, bytes
    /// from 0x80 on); a line's ASCII letters and capitals counted 16 bytes at a time
    /// (`ws_ascii_letters`) are those the tables count, for lines of every length up to 80 (the
    /// last 16 bytes read with those counted already masked off). Fails when the capitals'
    /// range ends one byte late and when the last bytes' mask keeps one byte too many (both
    /// checked once).
    @Test func sixteenByteRunsAndLettersCountAsTheByteTables() {
        func classes(_ b: UInt8) -> UInt8 { b < 0x80 ? LineFeatures.asciiClass[Int(b)] : 0 }
        func expectRun(_ window: [UInt8]) {
            let length = window.withUnsafeBufferPointer { ws_ascii_run16($0.baseAddress!) }
            let expected = window.firstIndex { classes($0) & LineFeatures.word == 0 } ?? 16
            #expect(Int(length) == expected, "\(window)")
        }
        let fill = Array("aZ9bQxY0".utf8)
        for k in 0..<16 {
            for v in 0...255 {
                var window = (0..<16).map { fill[$0 % fill.count] }
                window[k] = UInt8(v)
                expectRun(window)
                // The same window as a line: its letters and capitals.
                var capitals: UInt64 = 0
                let counted = window.withUnsafeBufferPointer { ws_ascii_letters($0.baseAddress!, 16, &capitals) }
                #expect(Int(counted) == window.filter { classes($0) & LineFeatures.letter != 0 }.count)
                #expect(Int(capitals) == window.filter { classes($0) & LineFeatures.upper != 0 }.count)
            }
        }
        expectRun(Array(repeating: 0x7A, count: 16))
        let edges: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x20, 0x27, 0x2D,
                              0x00, 0x7F, 0x80, 0xAA, 0xC3, 0xE2, 0xFF, 0x61, 0x41, 0x35]
        var g = Generator(state: 0x4110_5EED_0016_0001)
        for _ in 0..<20_000 {
            // Mostly letters and digits, so that runs of every length up to 16 occur.
            expectRun((0..<16).map { _ in g.next(4) == 0 ? edges[g.next(edges.count)] : fill[g.next(fill.count)] })
        }
        for n in 0...80 {
            for _ in 0..<50 {
                // The line inside a larger buffer, so that a read past either end would count.
                let buffer = (0..<(n + 32)).map { _ in g.next(3) == 0 ? edges[g.next(edges.count)] : fill[g.next(fill.count)] }
                let line = Array(buffer[16..<(16 + n)])
                var capitals: UInt64 = 0
                let counted = buffer.withUnsafeBufferPointer { ws_ascii_letters($0.baseAddress! + 16, n, &capitals) }
                #expect(Int(counted) == line.filter { classes($0) & LineFeatures.letter != 0 }.count, "\(line)")
                #expect(Int(capitals) == line.filter { classes($0) & LineFeatures.upper != 0 }.count, "\(line)")
            }
        }
    }
}

extension EngineCostTests {
    /// `ws_ascii_letters` on a line of 2^32 letters and more: its counts are whole 64-bit sums.
    /// It read each 64-bit lane of its SSE2 sums through a signed 32-bit int
    /// (`_mm_cvtsi128_si32`) and packed letters and capitals into 32 bits each, so that a lane of
    /// 2^31 letters (a line of 2^32) came back as a huge count and spilt into the capitals. The
    /// line is one MiB file mapped over and over, so the test needs 4 GiB of address space
    /// and one MiB of memory; Linux only.
    @Test func lettersOfALineOverFourGiBAreCountedWhole() throws {
        #if os(Linux)
        let chunk = 1 << 20, copies = (1 << 12) + 1
        let total = chunk * copies
        // A file of its own in the temporary directory, unlinked at once: only the open
        // descriptor holds it.
        var template = Array((NSTemporaryDirectory() + "/winnow-letters-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        try #require(fd >= 0)
        unlink(template)
        defer { close(fd) }
        let pattern = Array("aB".utf8)
        let bytes = (0..<chunk).map { pattern[$0 % 2] }
        try #require(bytes.withUnsafeBytes { write(fd, $0.baseAddress, chunk) } == chunk)
        let region = mmap(nil, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        try #require(region != MAP_FAILED)
        defer { munmap(region, total) }
        for k in 0..<copies {
            let at = mmap(region! + k * chunk, chunk, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0)
            try #require(at != MAP_FAILED)
        }
        var capitals: UInt64 = 0
        let letters = ws_ascii_letters(region!.assumingMemoryBound(to: UInt8.self), total, &capitals)
        #expect(letters == UInt64(total))
        #expect(capitals == UInt64(total / 2))
        #endif
    }
}

extension EngineCostTests {
    /// A random page's decisions: fewer than `lines` lines, one in `undecided` of them (a blank
    /// line) with none, the others a decision of one random label.
    static func randomDecisions(_ g: inout Generator, lines: Int, undecided: Int) -> [Decision?] {
        (0..<g.next(lines)).map { _ in
            guard g.next(undecided) != 0 else { return nil }
            let label = Label.all[g.next(Label.all.count)]
            return Decision(hits: [RuleHit(ruleID: "r", description: "", scores: [LabelScore(label, 1)])],
                            commentsAllowed: true, inComment: true)
        }
    }

    /// Step 604: the decided labels' one array of places gives each line the nearest decided
    /// label before and after it, as a search of the decisions does, on random pages.
    @Test func decidedPlacesGiveNearestLabels() {
        var g = Generator(state: 0x0604_0604_1234_5678)
        for _ in 0..<500 {
            let decisions = EngineCostTests.randomDecisions(&g, lines: 40, undecided: 3)
            let decided = DecidedLabels(decisions)
            for i in decisions.indices {
                let before = decisions[..<i].last { $0 != nil }??.label
                let after = decisions[(i + 1)...].first { $0 != nil }??.label
                #expect(decided.previous(i) == before)
                #expect(decided.next(i) == after)
            }
        }
    }

    /// Step 603: the features-only tests that let a page skip reading its lines' bytes hold for
    /// every line `optionLine` reads as a sentence or a short line, and every line `listNumbers`
    /// reads a number on opens with a digit, over random lines of words, figures, dates and marks.
    @Test func byteSkippingGatesHoldForEveryKind() {
        var g = Generator(state: 0x0603_0603_8765_4321)
        let stop = StopwordTable(["the", "a", "of", "and"])
        let parts = ["Option", "Value", "the", "of", "On", "Off", "12", "3.", "1)", "03", "4,", "5.", "Jan", "pm", "10:30", "a",
                     "setting.", "values:", "http://x.example/y", "www.example.com", "...", "é", "“Quoted”", "-", "(b)", " ", "\t"]
        var sentences = 0, shorts = 0, numbered = 0
        for _ in 0..<20_000 {
            let line = (0..<g.next(12)).map { _ in parts[g.next(parts.count)] }.joined(separator: g.next(5) == 0 ? "  " : " ")
            guard !Page.isBlank(line) else { continue }
            let f = LineFeatures(text: line, stopwords: stop)
            switch StoryTable.optionLine(line, f) {
            case .sentence: sentences += 1; #expect(StoryTable.mayBeSentence(f), "\(line)")
            case .short: shorts += 1; #expect(StoryTable.mayBeShort(f), "\(line)")
            case .other: break
            }
            if Labeler.listNumbers(line) != nil {
                numbered += 1
                #expect(Labeler.opensWithDigit(line), "\(line)")
            }
        }
        #expect(sentences > 100 && shorts > 100 && numbered > 100)
    }
}

extension EngineCostTests {
    /// `Labeler.datePart` before step 608, on the `Substring.UTF8View`: the reference the byte
    /// reading is compared with.
    static func referenceDatePart(_ line: String) -> Labeler.DatePart? {
        var bytes = line.utf8[...]
        guard bytes.count <= 24 else { return nil }
        while let b = bytes.first, b == 32 || b == 9 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b == 32 || b == 9 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }
        let digits = bytes.prefix(while: isDigit)
        let rest = bytes.dropFirst(digits.count)
        var number = 0
        for b in digits.prefix(4) { number = number * 10 + Int(b - 48) }
        if digits.isEmpty {
            let word = rest.last == 46 ? rest.dropLast() : rest
            guard (3...9).contains(word.count), word.allSatisfy(isLetter) else { return nil }
            return Labeler.monthNames.contains(String(decoding: word.map { $0 | 32 }, as: UTF8.self)) ? .month : nil
        }
        if rest.isEmpty {
            if digits.count == 4 { return (1900...2099).contains(number) ? .year : nil }
            return digits.count <= 2 && (1...31).contains(number) ? .day : nil
        }
        guard digits.count <= 2 else { return nil }
        if rest.count == 2, rest.allSatisfy(isLetter) {
            let suffix = String(decoding: rest.map { $0 | 32 }, as: UTF8.self)
            return ["st", "nd", "rd", "th"].contains(suffix) && (1...31).contains(number) ? .day : nil
        }
        // "7:12am, EDT", "18:40", "6:15 pm": an hour, a colon, two digits of minutes, then at
        // most a short zone or am/pm.
        guard rest.first == 58 else { return nil }
        let minutes = rest.dropFirst().prefix(while: isDigit)
        guard minutes.count == 2 else { return nil }
        let zone = rest.dropFirst(3).filter { $0 != 32 && $0 != 44 && $0 != 46 }
        return zone.count <= 6 && zone.allSatisfy(isLetter) ? .time : nil
    }

    /// Step 608: `datePart` read on the line's bytes gives the part the `UTF8View` reading gave,
    /// on random short lines of digits, month names in any case, ordinal suffixes, clock times,
    /// zones, marks, spaces and non-ASCII letters.
    @Test func datePartOnBytesMatchesReference() {
        var g = Generator(state: 0x0608_0608_2468_1357)
        let parts = ["1", "3", "12", "31", "32", "2012", "1899", "20", "0", "7", ":", ":12", ":5", "am", "PM", "EDT", ",", ".", " ", "\t",
                     "st", "nd", "RD", "th", "xx", "Jan", "january", "SEPT", "September", "Sept.", "may", "Mayor", "dec", "é", "ü", "-",
                     "abcdefghij", "septembe", "octobers"]
        var found = 0
        for _ in 0..<50_000 {
            let line = (0..<(1 + g.next(4))).map { _ in parts[g.next(parts.count)] }.joined()
            let part = Labeler.datePart(line)
            #expect(part == EngineCostTests.referenceDatePart(line), "\(line)")
            if part != nil { found += 1 }
        }
        for line in Labeler.monthNames.flatMap({ [$0, $0.uppercased(), $0 + ".", " " + $0.capitalized + " "] }) {
            #expect(Labeler.datePart(line) == .month, "\(line)")
        }
        #expect(found > 2_000)
    }
}
