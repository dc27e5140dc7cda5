import CPCRE2
import Foundation
import Testing
@testable import Winnow

/// A prefilter only skips PCRE2 calls that cannot match: with it on and off, every fixture page
/// and every rule example must come out the same.
@Suite struct PrefilterTests {
    /// The bundled rules as loaded (literal prefilter, the default) and without a prefilter.
    static let filtered = Repo.rules
    static let plain = Repo.rules.withoutPrefilter()

    @Test func literalPrefilterIsTheDefaultAndCoversMostPatterns() throws {
        let prefilters = try #require(Self.filtered.prefilters)
        let withPattern = Repo.rules.rules.filter { $0.pattern != nil }.count
        #expect(prefilters.unfiltered.count < withPattern / 4)
        #expect(!prefilters.firstPass.longs.isEmpty && !prefilters.firstPass.triples.isEmpty)
    }

    /// A rule set past the tables' 16-bit indices (a big word list: 320 rules of 100 made-up
    /// words) loads without a prefilter instead of stopping at a precondition, and still labels.
    @Test func aRuleSetBeyondTheTablesLimitsRunsUnfiltered() throws {
        let yaml = (0..<320).map { r in
            let words = (0..<100).map { "zq\(r)w\($0)" }.joined(separator: "|")
            return "- id: big.r\(r)\n  description: word list \(r)\n  pattern: '\\b(?:\(words))\\b'\n  scores: {boilerplate.other: 1}\n"
        }.joined()
        let big = RuleSet(rules: try RuleLoader.parse(yaml: yaml, file: "big.yml"), config: Repo.rules.config)
        #expect(big.prefilters == nil)
        let page = try PageReader.decode(source: "test", bytes: Array("A line that names zq5w7 once.\nA line with none.\n".utf8))
        let result = Labeler(rules: big).label(page)
        #expect(result.lines[0].hits.contains { $0.ruleID == "big.r5" })
        #expect(!result.lines[1].hits.contains { $0.ruleID.hasPrefix("big.") })
    }

    /// The scan reads `literal[tripleAt[row, third]]` unchecked wherever `thirds` sets bit 0: the
    /// two tables must agree (`Prefilter.triplesAgree`, checked at load). They do for every bundled
    /// prefilter, and the check finds a -1, another triple's index, or an index where bit 0 is clear.
    @Test func thirdsAndTripleAtAgree() throws {
        let prefilters = try #require(Self.filtered.prefilters)
        for p in [prefilters.firstPass] + prefilters.wordClasses.map(\.prefilter) {
            let count = p.thirds.count
            let copy = UnsafeMutablePointer<Int16>.allocate(capacity: count)
            defer { copy.deallocate() }
            copy.initialize(from: p.tripleAt, count: count)
            #expect(Prefilter.triplesAgree(thirds: p.thirds, tripleAt: copy, pairRows: p.pairRows, classes: p.classes, triples: p.triples))
            let set = try #require((0..<count).filter { p.thirds[$0] & 1 != 0 }.first)
            let clear = try #require(((1 << p.classes.shift)..<count).first { p.thirds[$0] & 1 == 0 })
            for (at, value) in [(set, Int16(-1)), (set, copy[set] == 0 ? 1 : 0), (clear, 0)] {
                let saved = copy[at]
                copy[at] = value
                #expect(!Prefilter.triplesAgree(thirds: p.thirds, tripleAt: copy, pairRows: p.pairRows, classes: p.classes, triples: p.triples))
                copy[at] = saved
            }
        }
    }

    @Test func fixturePagesLabelTheSame() throws {
        let root = Repo.path("Fixtures/pages")
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count > 50)
        let plain = Labeler(rules: Self.plain), filtered = Labeler(rules: Self.filtered)
        for file in files {
            let page = try PageReader.read(path: root + "/" + file)
            let a = plain.label(page), b = filtered.label(page)
            #expect(AnnotatedFormat.render(a) == AnnotatedFormat.render(b), "\(file)")
            #expect(a.lines.map { $0.hits.map(\.ruleID) } == b.lines.map { $0.hits.map(\.ruleID) }, "\(file)")
            #expect(a.lines.map { $0.hits.map(\.matched) } == b.lines.map { $0.hits.map(\.matched) }, "\(file)")
        }
    }

    @Test func ruleExamplesMatchTheSame() {
        #expect(PrefilterTests.sameMatches(Self.plain, Self.filtered, lines: Repo.rules.rules.flatMap { $0.examples.match + $0.examples.noMatch }) > 100)
    }

    /// A word class's table (`Prefilters.wordClasses`) may leave out only rules whose feature
    /// conditions fail on every line of the class. Checked here against the rules' own tests
    /// (`FeatureTest.fails`) at every word count of each class up to 300, not against
    /// `Prefilters.mayHold`: a rule that may hold on some count of a class must be in its list,
    /// and in its table when the full table filters it.
    @Test func wordClassesLeaveOutOnlyRulesThatCannotHold() throws {
        let prefilters = try #require(Self.filtered.prefilters)
        let rules = Self.filtered.rules, first = rules.indices.filter { !rules[$0].isContextRule }
        let classes = prefilters.wordClasses
        #expect(classes.first?.lowest == 0 && classes.count == Prefilters.defaultWordBounds.count + 1)
        for (k, c) in classes.enumerated() {
            let highest = k + 1 < classes.count ? classes[k + 1].lowest - 1 : 300
            for words in c.lowest...highest {
                var f = LineFeatures()
                f.words = words
                for i in first where !rules[i].featureTests.contains(where: { $0.feature == .words && $0.fails(f) }) {
                    #expect(c.rules.contains(i), "\(rules[i].id) may hold on a line of \(words) words")
                    if prefilters.firstPass.branches[i] != nil {
                        #expect(c.prefilter.branches[i] != nil, "\(rules[i].id) left out of the table for \(words) words")
                    }
                }
            }
        }
        // The class of the longest lines keeps only the rules without a `max_words` of 40 or less.
        let long = try #require(classes.last)
        let kept = first.filter { i in !rules[i].featureTests.contains { $0.feature == .words && $0.high <= 40 } }
        #expect(long.lowest == 41 && long.rules == kept && kept.count < first.count / 2)
    }

    /// Lines on both sides of each class bound, against rules whose word limits fall on them:
    /// the same matches with the class tables as without any prefilter.
    @Test func wordClassesMatchAsWithoutPrefilter() throws {
        var yaml = ""
        let limits: [Int] = [-1] + Prefilters.defaultWordBounds.flatMap { [$0 - 1, $0, $0 + 1] }  // -1: none
        for (k, words) in limits.enumerated() {
            for key in ["max_words", "min_words"] where words >= 0 || key == "max_words" {
                yaml += """
                    - id: words.\(k).\(key)
                      description: a word test at a class bound
                      pattern: '\\bzebra\\b'
                      \(words >= 0 ? "when: {\(key): \(words)}" : "")
                      scores: {boilerplate.share: 3}

                    """
            }
        }
        let filtered = RuleSet(rules: try RuleLoader.parse(yaml: yaml, file: "words.yml"), config: Repo.rules.config)
        #expect(filtered.prefilters!.wordClasses.contains { $0.prefilter !== filtered.prefilters!.firstPass })
        let lines = (1...60).map { n in (1...n).map { $0 == n / 2 + 1 ? "zebra" : "word" }.joined(separator: " ") }
        #expect(PrefilterTests.sameMatches(filtered.withoutPrefilter(), filtered, lines: lines) == 60)
        let matcher = RuleMatcher(rules: filtered)
        let hits = lines.map { matcher.match($0, features: LineFeatures(text: $0, stopwords: []), contextRules: false).candidates.count }
        #expect(hits.contains { $0 > 0 } && hits.contains { $0 < filtered.rules.count })
    }

    /// Long s and the Kelvin sign match `s` and `k` in PCRE2's caseless mode: the literal scan
    /// must still let those lines through.
    @Test func foldedLettersStillReachPCRE2() {
        let lines = ["Advertiſement", "ADVERTI\u{017F}EMENT", "Leave a reply \u{212A}", "Sub\u{017F}cribe",
                     "Read more on \u{212A}eep reading", "ma\u{212A}e money working from home", "\u{212A}\u{017F}", "\u{017F}ponsored", "— \u{212A}eep reading"]
        #expect(PrefilterTests.sameMatches(Self.plain, Self.filtered, lines: lines) == lines.count)
        let hits = lines.map { RuleMatcher(rules: Self.filtered).match($0, features: LineFeatures(text: $0, stopwords: []), contextRules: false) }
        #expect(hits[3].candidates.contains { $0.rule.id == "subscribe.prompt" })
    }

    /// A split pattern runs only the alternatives whose literals are present: one-branch
    /// alternatives are tested by their rarest term first, the others by all their branches;
    /// either way the match is the whole pattern's (leftmost, the earlier alternative on a tie).
    @Test func splitAlternativesMatchAsTheWholePattern() throws {
        let filtered = try PrefilterTests.oneRule("split.one", "alternatives of one branch and of several", pattern: #"xyzzy|plugh\s+now|(fee|fie)\s+foe|(?=.*\bend$)ab(c|d)|qq\s+(ab\s+cd|ef\s+gh)"#)
        let plain = filtered.withoutPrefilter()
        let pattern = try #require(filtered.rules[0].pattern)
        #expect((Prefilter.splitAlternatives(pattern)?.count ?? 0) >= 5)
        let lines = ["xyzzy", "say plugh now", "plugh", "fie  foe xyzzy", "FEE foe", "fee", "abc end", "abd the end",
                     "abc ending", "now plugh", "foe fee", "", "x abd plugh  now end", "xyzzy abc end",
                     "QQ ef gh", "qq ab  cd", "qq ab gh", "qq cd ab"]
        #expect(PrefilterTests.sameMatches(plain, filtered, lines: lines) == lines.count)
        let hits = lines.map { RuleMatcher(rules: filtered).match($0, features: LineFeatures(text: $0, stopwords: []), contextRules: false) }
        #expect(hits.map { $0.candidates.first?.hit.matched } == ["xyzzy", "plugh now", nil, "fie  foe", "FEE foe", nil, "abc", "abd",
                                                                  nil, nil, nil, nil, "abd", "xyzzy", "QQ ef gh", "qq ab  cd", nil, nil])
    }

    /// A literal at a word's edge lets through every line where PCRE2 can match (the byte next to
    /// it non-ASCII, punctuation, a space or none) and rules out the lines where it stands
    /// inside a word (an ASCII letter, digit or underscore next to it).
    @Test func literalsAtAWordsEdgeMatchAsPCRE2() throws {
        let filtered = try PrefilterTests.oneRule("edge.one", "a word between boundaries and spaces", pattern: #"\bsub(\s+to)?\s+(me|us)\b|\W(plugh)\W|thanks\s+(?:xyzzy)\b"#)
        let lines = ["sub to me", "SUB  US", "«sub to me»", "ésub to me", "_sub to me", "9sub me", "subsub me", "a sub\u{00A0}me",
                     "sub\u{2003}to\u{3000}us", "x sub,me", "(plugh)", "plugh!", "xplugh!", "«plugh»", "_plugh.", "a plugh_",
                     "thanks xyzzy", "thanks xyzzy_", "thanks xyzzyé", "thanks xyzzy9", "thanks xyzzy’", "thanks ſub xyzzy"]
        // The prefilter rules out a line whose literals stand only inside words, and not one
        // where they stand at edges.
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["xsub to me", "_sub us", "9sub me", "9plugh.", "-plugh9", "thanks xyzzyx", "thanks axyzzy"],
                                        kept: ["sub to me", "«sub me", "ésub us", "(plugh)", "plugh", "thanks xyzzy", "thanks  xyzzy’"])
    }

    /// A whole word of one or two bytes (`\bu\b`, `\bgo\b`) counts only where a run of ASCII
    /// letters and digits of its bytes stands alone (step 300): the line's bits of short words
    /// settle it, set by `LineFeatures` with the rule set's table, or found by the scan (features
    /// without the table, a line it folds). PCRE2's caseless Unicode letters count as theirs:
    /// "o\u{212A}" is the word "ok", "uſ" the word "us", "uſe" no short word. A word with one
    /// edge (`\bno` before `w`) is found anywhere, as before. An underscore splits runs (as in
    /// `LineFeatures`), so "go_to" holds the words "go" and "to" for the prefilter (PCRE2 says no):
    /// never a word fewer than PCRE2 sees.
    @Test func wholeShortWordsMatchAsPCRE2() throws {
        let filtered = try PrefilterTests.oneRule("word.short", "short whole words",
                                                  pattern: #"\bu\s+(can|should)\b|\bgo\s+(to|up)\b|\b(ok|us)\b|\bnow\b|\bno\w"#)
        #expect(RequiredLiteralsTests.branches(#"\bu\s+(can|should)\b"#) == [[["\0\u{13}can", "\0\u{13}should"], ["\0\u{13}u"]]])
        #expect(RequiredLiteralsTests.branches(#"\bno\w"#) == [[["no"]]])
        let words: [String] = ["u can", "U  should", "go to", "GO UP", "ok", "us", "(go) up", "o\u{212A}", "OK uſ", "uſ",
                               "ſ u can", "éu can", "u’ can", "a-u can", "ok.", "u\u{2003}can", "go\u{00A0}to", "nowhere", "knot"]
        let others: [String] = ["you can", "ago to", "gout up", "okay", "user", "bus", "u_can", "2u can", "o\u{212A}ay",
                                "uſer", "uſe can", "\u{212A}o", "xok", "ok2", "goto up", "gō to", "u"]
        try PrefilterTests.expectFilter(filtered, lines: words + others + ["", "go_to"], ruledOut: others, kept: words + ["go_to"])
        // The same through the features' bits (the labeller's path), and those bits are the
        // scan's own.
        let table = try #require(filtered.prefilters?.shortWords)
        let plain = RuleMatcher(rules: filtered.withoutPrefilter()), matcher = RuleMatcher(rules: filtered)
        for text in words + others + ["a b c d e f", "x1 2y zz_ab ___ a9 é9 9é", "don’t u-turn a_b ab", "ab", "abc", "\u{212A}\u{212A}"] {
            let features = LineFeatures(text: text, stopwords: filtered.stopwords, shortWords: table)
            #expect(features.shortWordsKey == table.key)
            var line = text
            #expect(features.shortWords == line.withUTF8 { table.bits(in: $0) }, "\(text)")
            #expect(plain.match(text, features: features, contextRules: false).candidates.map(\.hit.matched)
                    == matcher.match(text, features: features, contextRules: false).candidates.map(\.hit.matched), "\(text)")
        }
        // Each word of the line sets its bit, and a run of three bytes or more none.
        var line = "u go  us ok.now"
        let bits = line.withUTF8 { table.bits(in: $0) }
        for word in ["u", "go", "us", "ok"] {
            let bytes = Array(word.utf8)
            #expect(bits & table.bit(bytes, 0, bytes.count) != 0, "\(word)")
        }
        #expect(bits & ~table.used == 0 && bits.nonzeroBitCount == 4)
        #expect(LineFeatures(text: "now here", stopwords: filtered.stopwords, shortWords: table).shortWords == 0)
        #expect(LineFeatures(text: "no way", stopwords: filtered.stopwords, shortWords: table).shortWords == 1 << UInt64(ShortWords.spare))
    }

    /// One rule: a unit (short and long literals) after a number.
    static func unitAfterANumber() throws -> RuleSet {
        let rules = try RuleLoader.parse(yaml: #"""
            - id: number.one
              description: a unit after a number
              pattern: '\d(?<!\w\d)[\d,.]*+\s*+(k\b|qr\b|%|plughs?)'
              scores: {boilerplate.share: 3}
            """#, file: "number.yml")
        return RuleSet(rules: rules, config: Repo.rules.config)
    }

    /// A literal right after a number (`\d`, then digits, `,`, `.`, spaces) lets through every
    /// line where PCRE2 can match (a Unicode digit or space before it included) and rules out
    /// the lines where it follows no digit (`Edges.number`): the short ones after the scan's
    /// loop (`markShortPlaced`), the longer ones in the gram tables.
    @Test func literalsAfterANumberMatchAsPCRE2() throws {
        let filtered = try Self.unitAfterANumber()
        let lines = ["5k", "5 k", "1,5.k", "10 %", "a 12qr", "٣k", "٣ plugh", "5\u{00A0}k", "5\u{2003}plughs", "x5k", "work 5",
                     "kit 9", "10 a k", "qr 5", "5, plugh", "plugh 5", "é k 5", "15K", "3 Plugh", "5kk", "5 ſ k"]
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["work 5", "kit 9", "10 a k", "qr 5 x", "plugh 5", "the plughs", "k", "%"],
                                        kept: ["5k", "5 k", "1,5.k", "10 %", "٣k", "5\u{00A0}k", "5\u{2003}plughs", "5, plugh", "15K", "3 Plugh", "a\u{2003}k 9"])
    }

    /// The pass for short literals after a number skips to the next digit (or byte that is not
    /// ASCII) sixteen bytes at a time (`ws_mark_short`, SSE2): a number at every offset of a long
    /// line, each digit and a Unicode one, is found, and a literal right before a number or one
    /// letter past it is not taken for one after it.
    @Test func literalsAfterANumberFarIntoALine() throws {
        let filtered = try Self.unitAfterANumber()
        let plain = filtered.withoutPrefilter()
        let mayMatch = try PrefilterTests.firstRuleMayMatch(filtered)
        var lines: [String] = [], found = 0, ruledOut = 0
        for offset in 0..<50 {
            let pad = String(String(repeating: "ab ", count: 20).prefix(offset))
            let digit: String = offset % 11 == 10 ? "٣" : String(offset % 10), ascii = String(offset % 10)
            // (A line without an ASCII digit takes the short literals as present: ASCII digits
            // in the lines that must be ruled out.)
            let cases: [(line: String, present: Bool)] = [
                (pad + digit + " k and more words after it", true), (pad + digit + "% " + pad, true),
                (pad + "k" + ascii + " x " + pad, false), (pad + ascii + "a k " + pad, false),
            ]
            for (line, present) in cases {
                lines.append(line)
                guard mayMatch(line) == present else { continue }
                if present { found += 1 } else { ruledOut += 1 }
            }
        }
        #expect(found == 100)
        #expect(ruledOut == 100)
        #expect(PrefilterTests.sameMatches(plain, filtered, lines: lines) == lines.count)
    }

    /// A literal that ends the line lets through every line where PCRE2 can match (whatever
    /// the suffix skips after it: punctuation, non-ASCII symbols and spaces, a final newline) and
    /// rules out the lines where it stands elsewhere.
    @Test func literalsAtTheLinesEndMatchAsPCRE2() throws {
        let filtered = try PrefilterTests.oneRule("end.one", "words that end the line", pattern: #"\d+\s+(mins?|hours?)\s+ago\W*$|\s(plugh|xyzzy)$|\sq\s*$"#)
        let lines = ["5 mins ago", "5 MINS AGO.", "5 hours ago »", "5 mins ago\u{00A0}", "5 mins ago!!!", "5 mins agox", "5 mins ago x",
                     "5 mins ago_", "5 mins ago…", "x plugh", "x plugh ", "x plugh\n", "x plugh\n\n", "x plughs", "x xyzzy\u{2003}",
                     "x xyzzy.", "x xyzzyé", "ago", "", "a q", "a Q \u{00A0}", "a qq", "q"]
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["5 mins ago then", "ago, 5 mins", "x plugh x", "5 mins ago9", "x xyzzy.", "a q x"],
                                        kept: ["5 mins ago", "5 mins ago »", "5 mins ago\u{00A0}", "x plugh\n", "x PLUGH  ", "a q "])
    }

    /// Checks that both rule sets give the same candidates, matched text and authors on every
    /// line; returns the number of lines checked.
    /// Whether the first-pass prefilter lets the set's first rule through for a line.
    /// A rule set of one rule (scoring `boilerplate.share`) with the bundled configuration.
    static func oneRule(_ id: String, _ description: String, pattern: String) throws -> RuleSet {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        let yaml = "- id: \(id)\n  description: \(quoted(description))\n  pattern: \(quoted(pattern))\n  scores: {boilerplate.share: 3}\n"
        return RuleSet(rules: try RuleLoader.parse(yaml: yaml, file: "\(id).yml"), config: Repo.rules.config)
    }

    /// Step 250: a set of single bytes is required beyond the three sets of longer literals, so
    /// a line with "at", "co" and "." but no bracket no longer reaches PCRE2 for a pattern that
    /// needs one, and the matches stay those of PCRE2 alone.
    @Test func setsOfSingleBytesAreRequiredPastTheThreeBest() throws {
        let rules = try Self.oneRule("t.bracketed-at", "an address written around a link filter",
                                     pattern: #"\w(?:\s*[\[(]\s*at\s*[\])]\s*)[\w-]+(\s*\.\s*|\s+dot\s+)(com|co|de)\b"#)
        let mayMatch = try Self.firstRuleMayMatch(rules)
        #expect(!mayMatch("Look at the code. It does what it says."))
        #expect(mayMatch("write to anna (at) example.com today"))
        #expect(mayMatch("write to anna [at] example dot de"))
        let lines = ["Look at the code. It does what it says.", "write to anna (at) example.com today",
                     "write to anna [at] example dot de", "anna(at)example. co", "(at) at co.", "x (at] y.de"]
        #expect(Self.sameMatches(rules.withoutPrefilter(), rules, lines: lines) == lines.count)
    }

    static func firstRuleMayMatch(_ rules: RuleSet) throws -> (String) -> Bool {
        let matcher = RuleMatcher(rules: rules)
        let prefilter = try #require(rules.prefilters?.firstPass)
        return { text in
            var line = text
            return line.withUTF8 { bytes in
                #expect(prefilter.scan(bytes, scratch: matcher.prefilterScratch!))
                return prefilter.mayMatch(rule: 0, scratch: matcher.prefilterScratch!)
            }
        }
    }

    /// The prefilter changes no match on `lines` (it on and off), rules out the first rule on
    /// each line of `ruledOut` and lets it through on each line of `kept`.
    static func expectFilter(_ filtered: RuleSet, lines: [String], ruledOut: [String], kept: [String],
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(sameMatches(filtered.withoutPrefilter(), filtered, lines: lines) == lines.count, sourceLocation: sourceLocation)
        let mayMatch = try firstRuleMayMatch(filtered)
        for line in ruledOut { #expect(!mayMatch(line), "ruled out: \(line)", sourceLocation: sourceLocation) }
        for line in kept { #expect(mayMatch(line), "kept: \(line)", sourceLocation: sourceLocation) }
    }

    static func sameMatches(_ a: RuleSet, _ b: RuleSet, lines: [String]) -> Int {
        let plain = RuleMatcher(rules: a), filtered = RuleMatcher(rules: b)
        for text in lines {
            let features = LineFeatures(text: text, stopwords: a.config.stopwords)
            for context in [false, true] {
                let x = plain.match(text, features: features, contextRules: context)
                let y = filtered.match(text, features: features, contextRules: context)
                #expect(x.candidates.map(\.rule.id) == y.candidates.map(\.rule.id), "\(text)")
                #expect(x.candidates.map(\.hit.matched) == y.candidates.map(\.hit.matched), "\(text)")
                #expect(x.candidates.map(\.author) == y.candidates.map(\.author), "\(text)")
            }
        }
        return lines.count
    }
}

@Suite struct RequiredLiteralsTests {
    static func branches(_ pattern: String, caseless: Bool = false) -> [[Set<String>]]? {
        RequiredLiterals.branches(of: pattern, caseless: caseless)?.map { $0.map { Set($0.map { String(decoding: $0, as: UTF8.self) }) } }
    }

    @Test func alternationsAndSequences() {
        // Single-set alternatives merge into one set; a concatenation requires each of its parts.
        #expect(Self.branches(#"^\W*(advertisements?|sponsored|skip)\W*$"#) == [[["\0\u{3}advertisement", "\0\u{3}sponsored", "\0\u{3}skip"]]])
        #expect(Self.branches(#"^\W*(sponsored\s+content|skip\s+ad)\W*$"#) == [[["\0\u{3}sponsored"], ["\0\u{23}content"]], [["\0\u{3}skip"], ["\0\u{23}ad"]]])
        // As `winnow rules list --literals` writes them, with their places.
        // As the rule compiles it: caseless (the default), `(?<![a-z0-9_])` is a word's edge
        // for the prefilter, and `rules list --literals` says so (it read every pattern as case-sensitive).
        #expect(RequiredLiterals.describe(#"(?<![a-z0-9_])foo"#, caseless: true) == [#"\bfoo"#])
        #expect(RequiredLiterals.describe(#"(?<![a-z0-9_])foo"#, caseless: false) == ["foo"])
        #expect(RequiredLiterals.describe(#"^\W*(sponsored\s+content|skip\s+ad)\W*$"#) == [#"^\W*sponsored & content\W*$"#, #"^\W*skip & ad\W*$"#])
        #expect(RequiredLiterals.describe(#"\bsub\s+(me|us)\b|\d\s*%|^x\s+y$|…"#) == [#"\bsub\b & \bme\b | \bus\b"#, "#% & " + ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(String.init) + ["\\xd9", "\\xdb", "\\xdf", "\\xe0", "\\xe1", "\\xea", "\\xef", "\\xf0"]).joined(separator: " | "), "^x & y\\s*$", "\\xe2\\x80\\xa6"])
        #expect(Self.branches(#"\b(pay[Pp]al|ko-?fi)\b"#) == [[["\0\u{13}paypal", "\0\u{13}kofi", "\0\u{13}ko-fi"]]])
        #expect(Self.branches(#"[!]{2,}"#) == [[["!!"]]])
        #expect(Self.branches(#"^\s*(?<author>\S.{0,60}?)\s+(said|wrote)\s*:"#) == [[["\0\u{13}said", "\0\u{13}wrote"], [":"]]])
        // A literal that contains another one is dropped: "comments" always contains "comment".
        #expect(Self.branches(#"(comments?|reply)"#) == [[["comment", "reply"]]])
        // A positive lookahead or lookbehind requires its literals too, and, zero-width, leaves
        // the run around it whole; a negative one requires nothing (`(?!\w)` after a run only
        // puts a word's edge after it: step 722).
        #expect(Self.branches(#"(?=.*x)read(?!\w)"#) == [[["\0\u{12}read"], ["x"]]])
        #expect(Self.branches(#"(?=.*x)read(?!\d)"#) == [[["read"], ["x"]]])
        #expect(Self.branches(#"(?!.*x)read(?<!\w)"#) == [[["read"]]])
        #expect(Self.branches(#"re(?=a)ad(?<=(ad|bd))"#) == [[["read"], ["ad", "bd"], ["a"]]])
        #expect(Self.branches(#"^(?=.*\b\w+\.(com|org)\b)\p{Lu}\w+\s+is"#) == [[["\0\u{12}.com", "\0\u{12}.org"], ["is"]]])
        #expect(Self.branches(#"(?=a|bc)x"#) == [[["x"], ["a", "bc"]]])
        // An optional or repeated assertion requires nothing; an assertion in one branch of an
        // alternation joins that branch's set; a positive one inside a negative one requires nothing.
        #expect(Self.branches(#"(?=foo)?bar"#) == [[["bar"]]])
        #expect(Self.branches(#"(?:(?=foo)|qux)baz"#) == [[["baz"], ["foo", "qux"]]])
        #expect(Self.branches(#"(?!(?=abc)x)yz"#) == [[["yz"]]])
        // At most three sets per alternative, the longest literals first, then every set of
        // single bytes (step 250: the scan finds a byte in its table of the bytes present).
        #expect(Self.branches(#"a\s+bb\s+ccc\s+dddd"#) == [[["\0\u{11}dddd"], ["\0\u{13}ccc"], ["\0\u{13}bb"], ["a"]]])
        #expect(Self.branches(#"a\s+bb\s+ccc\s+dddd\s+eeeee"#) == [[["\0\u{11}eeeee"], ["\0\u{13}dddd"], ["a"]]])
        #expect(Self.branches(#"[\[(]\s*at\s*\)\s*\w+\.(co|de)\b"#) == [[["\0\u{12}.co", "\0\u{12}.de"], ["\0\u{13}at"], [")"], ["(", "["]]])
    }

    /// A branch's third set is kept only when the scan finds it without the gram tables (step 260
    /// in docs/performance.md): one- or two-byte literals, or literals anchored at the line's start.
    @Test func aThirdSetOfGramLiteralsIsNotRequired() throws {
        #expect(Self.branches(#"a\s+bbb\s+cccc\s+ddddd"#) == [[["\0\u{11}ddddd"], ["\0\u{13}cccc"], ["a"]]])
        #expect(Self.branches(#"a\s+bb\s+cccc\s+ddddd"#) == [[["\0\u{11}ddddd"], ["\0\u{13}cccc"], ["\0\u{13}bb"], ["a"]]])
        #expect(Self.branches(#"(x|yyy)\s+cccc\s+ddddd"#) == [[["\0\u{11}ddddd"], ["\0\u{13}cccc"]]])
        #expect(Self.branches(#"^bb\s+ccccc\s+dddddd"#)?.first?.count == 3)  // "bb" anchored, third
        // The rule still runs where only its two better sets stand, and PCRE2 decides.
        let rules = try PrefilterTests.oneRule("third.set", "three words in a row", pattern: #"\bfox\s+jumps\s+quickly"#)
        let mayMatch = try PrefilterTests.firstRuleMayMatch(rules)
        #expect(mayMatch("jumps quickly") && mayMatch("the dog jumps quickly"))
        #expect(!mayMatch("fox jumps") && !mayMatch("fox quickly"))
        let lines = ["fox jumps quickly", "Fox  Jumps Quickly!", "jumps quickly", "afox jumps quickly", "fox jumps"]
        #expect(PrefilterTests.sameMatches(rules.withoutPrefilter(), rules, lines: lines) == lines.count)
    }

    /// A literal of three bytes or more between `\b`, `\s` or `\W` and its word characters
    /// stands at a word's edge (tag bytes 0 and 0x10 | 1 before, 2 after): the scan marks it
    /// only there.
    @Test func literalsAtAWordsEdge() {
        #expect(Self.branches(#"\b(?:sub)(\s+to)?\s+(me|my)\b"#) == [[["\0\u{13}sub"], ["\0\u{13}me", "\0\u{13}my"]]])
        // A group between edges (not optional, not repeated) passes them on to its branches'
        // ends, exact or not.
        #expect(Self.branches(#"\bi\s+(rap|sing|make\s+beats)\b"#)
                == [[["\0\u{13}beats"], ["\0\u{13}make"], ["\0\u{13}i"]], [["\0\u{13}rap", "\0\u{13}sing"], ["\0\u{13}i"]]])
        #expect(Self.branches(#"\s(rap|make\s+beats)?\s"#) == nil)
        #expect(Self.branches(#"\s(rap|make\s+beats)x"#) == [[["\0\u{11}rap"], ["x"]], [["\0\u{11}beats"], ["\0\u{13}make"], ["x"]]])
        #expect(Self.branches(#"(?:lunch|make\s+beats)\b"#) == [[["\0\u{12}lunch"]], [["\0\u{13}beats"], ["\0\u{12}make"]]])
        #expect(Self.branches(#"\W(word)\W+"#) == [[["\0\u{13}word"]]])
        // Only where the literal's own byte is a word character, and only at the run's ends.
        #expect(Self.branches(#"\b\.com\b"#) == [[["\0\u{12}.com"]]])
        #expect(Self.branches(#"\bfoo\b\.bar\b"#) == [[["\0\u{13}foo.bar"]]])
        #expect(Self.branches(#"\b(s)?foo(s)?\s"#) == [[["\0\u{13}foo", "\0\u{13}sfoo", "\0\u{13}foos", "\0\u{13}sfoos"]]])
        #expect(Self.branches(#"x\bfoo"#) == [[["xfoo"]]])
        #expect(Self.branches(#"\s*foo\w"#) == [[["foo"]]])
        #expect(Self.branches(#"(\s+foo)barx"#) == [[["barx"], ["\0\u{11}foo"]]])
        // Not after a zero-width piece that is not `\b`, not after `\B`, not after a quantifier
        // that may match nothing.
        #expect(Self.branches(#"\Bfoo\B"#) == [[["foo"]]])
        #expect(Self.branches(#"\s?foo\w*"#) == [[["foo"]]])
        #expect(Self.branches(#"(?<!x)\bfoo(?=y)"#) == [[["\0\u{11}foo"], ["y"]]])
        // Anchored at the line's start, the anchor is the one tag.
        #expect(Self.branches(#"^\W*foo\b"#) == [[["\0\u{3}foo"]]])
        // A literal with edges implies its bytes, not the other way round.
        let sub: [UInt8] = Array("sub".utf8), subs: [UInt8] = Array("subs".utf8)
        #expect(RequiredLiterals.minimal([[0, 0x13] + subs, sub]) == [sub])
        #expect(RequiredLiterals.minimal([[0, 0x13] + sub, subs]) == [[0, 0x13] + sub, subs])
        #expect(RequiredLiterals.minimal([[0, 0x13] + sub, [0, 0x12] + subs]) == [[0, 0x13] + sub, [0, 0x12] + subs])
    }

    /// The edge before a literal passes through a piece that may match nothing when each of its
    /// other matches ends with a character that is not a word character (`EdgeOut`): an
    /// optional group ending in `\s+`, a class of spaces and punctuation; after `(?<!\w)`, the
    /// line's start, or an exact run ending in punctuation. Not through one that may end in a
    /// word character.
    @Test func edgesPassThroughOptionalPieces() throws {
        #expect(Self.branches(#"\s+(de\s+)?(januar|august)"#) == [[["\0\u{11}august", "\0\u{11}januar"]]])
        #expect(Self.branches(#"\b(?:posted\s+|on\W+)*today"#) == [[["\0\u{11}today"]]])
        #expect(Self.branches(#"x[\s,;]+august\b"#) == [[["\0\u{13}august"], ["x"]]])
        #expect(Self.branches(#"(?<!\w)august"#) == [[["\0\u{11}august"]]])
        #expect(Self.branches(#"(?<![\w"])august"#) == [[["\0\u{11}august"]]])
        #expect(Self.branches(#"^\s?august"#) == [[["\0\u{11}august"]]])
        #expect(Self.branches(#"\bécrit"#) == [[["\0\u{11}crit"]]])
        #expect(Self.branches(#"\bſcrit"#) == [[["crit"]]])
        #expect(Self.branches(#"foo, (bar|baz\d)"#)?.allSatisfy { $0.contains(["\0\u{11}bar"]) || $0.contains(["\0\u{11}baz"]) } == true)
        // Not when a path may end in a word character, or no edge stood before the optional piece.
        #expect(Self.branches(#"\s+(de\s*)?august"#) == [[["august"]]])
        #expect(Self.branches(#"\s+(de\s+|x)?august"#) == [[["august"]]])
        #expect(Self.branches(#"(de\s+)?august"#) == [[["august"]]])
        #expect(Self.branches(#"x[\s,a]+august"#) == [[["august"], ["x"]]])
        #expect(Self.branches(#"x[^\w]+august"#) == [[["august"], ["x"]]])
        #expect(Self.branches(#"(?<!\w\d)august"#) == [[["august"]]])
        // And the prefilter lets through every line PCRE2 matches.
        let filtered = try PrefilterTests.oneRule("edge.optional", "a month after an optional word and spaces", pattern: #"\s+(de\s+)?(januar|august)|(?<!\w)(?:posted\s+)?plugh|écrit|ſcrit"#)
        let lines = ["3 de august", "3 august", " de_august", " deaugust", " de august9", "x dexaugust", "é de\u{00A0}august",
                     "plugh", "xplugh", "_plugh", "éplugh", "posted plugh", "xposted plugh", "(posted  plugh)", " de ſeptember august", "écrit", "ÉCRIT", "xcrit", "ſcrit"]
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["x dexaugust", " de_august", "xplugh", "9plugh"],
                                        kept: ["3 de august", " august", "plugh", "(posted plugh"])
    }

    /// A group repeated at least once starts its first repetition where it stands: its literals
    /// keep the `before` edge and the anchor there, not the edge after it (another repetition
    /// may follow). Under caseless matching `(?<![a-z0-9_])` is a `before` edge (not with case,
    /// nor inside `(?-i:...)`, where a capital may stand before the literal).
    @Test func edgesOfRepeatedGroupsAndCaselessLookBehinds() throws {
        #expect(Self.branches(#"\s((reply|share)\W*){2,5}"#) == [[["\0\u{11}reply", "\0\u{11}share"]]])
        #expect(Self.branches(#"\s(?:reply\W*)+x"#) == [[["\0\u{11}reply"], ["x"]]])
        #expect(Self.branches(#"^\W*((reply|share)\b\W*){1,3}$"#) == [[["\0\u{3}reply", "\0\u{3}share"]]])
        #expect(Self.branches(#"(?<![a-z0-9_])plugh"#, caseless: true) == [[["\0\u{11}plugh"]]])
        // Not when the group may be absent, nothing stood before it, or case counts.
        #expect(Self.branches(#"\s((reply|share)\W*){0,5}plugh"#) == [[["plugh"]]])
        #expect(Self.branches(#"\s((reply|share)\W*)*plugh"#) == [[["plugh"]]])
        #expect(Self.branches(#"x((reply|share)\W*){2,5}"#) == [[["reply", "share"], ["x"]]])
        #expect(Self.branches(#"(?<![a-z0-9_])plugh"#) == [[["plugh"]]])
        #expect(Self.branches(#"(?-i:(?<![a-z0-9_])plugh)"#, caseless: true) == [[["plugh"]]])
        // And the prefilter lets through every line PCRE2 matches.
        let filtered = try PrefilterTests.oneRule("edge.repeated", "buttons in a row, or a word after no letter", pattern: #"^\W*((reply|share)\b\W*){2,5}$|\s((flag|vote)\W*)+!|(?<![a-z0-9_])plugh"#)
        let lines = ["Reply Share", "reply share reply", "xreply share", "- Share · Reply", " flag!", " voteflag!", " xflag!", "xflag vote!",
                     "plugh", "Xplugh", "_plugh", "éplugh", "9plugh", " PLUGH", "replyshare", "Reply, share"]
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["xreply share", " xflag!", "Xplugh", "_plugh", "9plugh", "a reply share"],
                                        kept: ["Reply Share", " flag vote!", "plugh", " PLUGH", "éplugh"])
    }

    /// Step 252: the `after` edge looks past pieces that may match nothing and whose other
    /// matches begin with a byte that is not an ASCII word character (`(\s+to)?`, `,?`, `\s*`, a
    /// lookaround), also into a group's branches and out of the sequence (`Parser.edgeAhead`).
    @Test func afterEdgesLookPastOptionalPieces() throws {
        #expect(Self.branches(#"sub(\s+to)?\s+me"#) == [[["\0\u{12}sub"], ["me"]]])
        #expect(Self.branches(#"(sub|dub)(\s+to)?\s*:?\s*$"#) == [[["\0\u{12}sub", "\0\u{12}dub"]]])
        #expect(Self.branches(#"plugh(?=x)?(?:\s|[.,]|$)"#) == [[["\0\u{12}plugh"]]])
        #expect(Self.branches(#"plughé"#) == [[["\0\u{12}plugh"]]])
        #expect(Self.branches(#"(?:a|(plugh))\s"#) == [[["\0\u{12}plugh", "a"]]])
        // Not when some path may go on with a word character, or the pattern ends.
        #expect(Self.branches(#"sub(\s*to)?\s+me"#) == [[["sub"], ["me"]]])
        #expect(Self.branches(#"sub(\s+to|x)?\s+me"#) == [[["sub"], ["me"]]])
        #expect(Self.branches(#"sub(?:\s+to)?x"#) == [[["sub"], ["x"]]])
        #expect(Self.branches(#"plugh(?=\s)x"#) == [[["plughx"]]])
        #expect(Self.branches(#"plughſ"#) == [[["plugh"]]])
        #expect(Self.branches(#"plugh\s*"#) == [[["plugh"]]])
        #expect(Self.branches(#"a(,plugh){1,}c"#)?.first?.contains(["\0\u{12}a,plugh"]) == false)
        let filtered = try PrefilterTests.oneRule("edge.after-optional", "a word, an optional phrase, spaces",
                                                  pattern: #"\bsub(\s+to)?\s+(me|us)\b|plugh(,\s*x)?[.;]"#)
        let lines = ["sub to me", "SUB  US", "sub\u{00A0}me", "sub\u{2003}to\u{3000}us", "subject to me", "subs to us",
                     "sub_ me", "sub9 us", "plugh.", "plugh, x;", "plughx.", "plugh,x.", "plugh_;", "PLUGH, X."]
        try PrefilterTests.expectFilter(filtered, lines: lines,
                                        ruledOut: ["subject to me", "subs to us", "sub_ me", "sub9 us", "plughx.", "plugh_;"],
                                        kept: ["sub to me", "sub\u{00A0}me", "plugh.", "plugh, x;", "PLUGH, X."])
    }

    /// `(?<![\\w])` is no `(?<!\w)`: its class holds a backslash and "w", so a letter may stand
    /// before the literal; the literal has no `before` edge and the prefilter keeps "xaugust".
    /// `(?!\w)` (caseless also `(?![a-z0-9_])`, or a class holding `\w`) right after a run: no word
    /// character follows, so the run ends at a word's edge, as before a `\s` (perf73, step 722):
    /// "rs" is then the whole word "rs". Not a negated class, not `[a-z0-9_]` with case, not before
    /// a run, and only where the run's last byte is a word character.
    @Test func negativeLookAheadsOfWordCharactersAreEdgesAfter() throws {
        #expect(Self.branches(#"(?<!\w)rs(?!\w)\s?\d"#)?.first?.contains(["\0\u{13}rs"]) == true)
        #expect(Self.branches(#"(?<![a-z0-9_])rs(?![a-z0-9_])"#, caseless: true) == [[["\0\u{13}rs"]]])
        #expect(Self.branches(#"(?<![a-z0-9_])rs(?![a-z0-9_])"#, caseless: false) == [[["rs"]]])
        #expect(Self.branches(#"foobar(?![\w"])"#) == [[["\0\u{12}foobar"]]])
        #expect(Self.branches(#"foobar(?![^\w])"#) == [[["foobar"]]])
        #expect(Self.branches(#"foo,(?!\w)"#) == [[["foo,"]]])
        #expect(Self.branches(#"(?!\w)foobar"#) == [[["foobar"]]])
        // And the prefilter lets through every line PCRE2 matches.
        let filtered = try PrefilterTests.oneRule("edge.ahead", "a short word before no word character",
                                                  pattern: #"(?<![a-z0-9_])(?<!\w)rs(?![a-z0-9_])\s?\d|plugh(?!\w)"#)
        let lines = ["rs 5", "Rs\u{00A0}5", "rs\u{0665}", "(rs 50)", "rs5", "rsx 5", "xrs 5", "rſ 5", "plugh", "plugh.", "plughé",
                     "plugh9", "plugh_", "xplugh "]
        try PrefilterTests.expectFilter(filtered, lines: lines, ruledOut: ["rs5", "rsx 5", "xrs 5", "plugh9", "plugh_"],
                                        kept: ["rs 5", "Rs\u{00A0}5", "rs\u{0665}", "rſ 5", "plugh", "plughé"])
    }

    /// A class with a range between two plain ASCII characters, of at most ten members in all, is
    /// its members (step 771): `rs[0-9]` needs what `rs(?:0|1|…|9)` needs. Not a range from a class
    /// (`[\d-z]`), to an escape, over ten members, nor one that PCRE2 reads as a literal `-`.
    @Test func smallRangesAreTheirMembers() throws {
        let digits = Set((0...9).map { "rs\($0)" })
        #expect(Self.branches(#"(?<!\w)rs[0-9]"#) == [[Set(digits.map { "\0\u{11}" + $0 })]])
        #expect(Self.branches(#"(?<!\w)rs[0-9]"#) == Self.branches(#"(?<!\w)rs(?:0|1|2|3|4|5|6|7|8|9)"#))
        #expect(Self.branches(#"plugh[a-c]"#) == [[["plugha", "plughb", "plughc"]]])
        #expect(Self.branches(#"plugh[A-Cx]"#) == [[["plugha", "plughb", "plughc", "plughx"]]])
        #expect(Self.branches(#"plugh[1-3-]"#) == [[["plugh1", "plugh2", "plugh3", "plugh-"]]])
        #expect(Self.branches(#"plugh[1-3-5]"#) == [[["plugh"]]])
        #expect(Self.branches(#"plugh[a\d-z]"#) == [[["plugh"]]])
        #expect(Self.branches(#"plugh[a-\x7a]"#) == nil)
        #expect(Self.branches(#"plugh[a-k]"#) == [[["plugh"]]])
        #expect(Self.branches(#"plugh[0-9a-z]"#) == [[["plugh"]]])
        #expect(Self.branches(#"plugh[a-]"#) == [[["plugh-", "plugha"]]])
        // And the prefilter lets through every line PCRE2 matches.
        let filtered = try PrefilterTests.oneRule("range.small", "a short word and a digit", pattern: #"(?<!\w)rs[0-9]|\bplugh[a-c]\b"#)
        let lines = ["rs5", "Rs0", "RS9", "rs 5", "rs\u{0665}", "xrs5", "rſ5", "plugha", "PLUGHB", "plughd", "plugh", "plughc9"]
        try PrefilterTests.expectFilter(filtered, lines: lines, ruledOut: ["rs 5", "rs\u{0665}", "xrs5", "plughd", "plugh"],
                                        kept: ["rs5", "Rs0", "RS9", "rſ5", "plugha", "PLUGHB"])
    }

    /// Step 773: a set of only single bytes or only common whole words triggers its branch only
    /// when the branch has no other set: "^qz" triggers `^qz.*\bthe\b`, not "the" (whose
    /// literal is the longer, the trigger before); a line with "the" alone triggers nothing.
    @Test func weakSetsTriggerLast() throws {
        let filtered = try PrefilterTests.oneRule("trigger.weak", "a word at the start, then a common one", pattern: #"^qz.*\bthe\b"#)
        let matcher = RuleMatcher(rules: filtered)
        let prefilter = try #require(filtered.prefilters?.firstPass)
        func triggered(_ text: String) -> Bool {
            var line = text
            return line.withUTF8 { bytes in
                #expect(prefilter.scan(bytes, scratch: matcher.prefilterScratch!))
                return matcher.prefilterScratch!.isTriggered(0)
            }
        }
        #expect(!triggered("the cat and the hat"))
        #expect(triggered("Qz went to the shop") && triggered("qz alone"))
        let lines = ["the cat", "qz the", "QZ, then the end", "xqz the", "qz there"]
        #expect(PrefilterTests.sameMatches(filtered.withoutPrefilter(), filtered, lines: lines) == lines.count)
    }

    @Test func lookBehindClassWithEscapedBackslashGivesNoEdge() throws {
        #expect(Self.branches(#"(?<![\\w])august"#) == [[["august"]]])
        #expect(Self.branches(#"(?<![\\\w])august"#) == [[["\0\u{11}august"]]])
        let filtered = try PrefilterTests.oneRule("edge.escaped-backslash", "a month after anything but a backslash or w", pattern: #"(?<![\\w])august"#)
        let lines = ["xaugust", "august", " august", "waugust", "\\august"]
        #expect(PrefilterTests.sameMatches(filtered.withoutPrefilter(), filtered, lines: lines) == lines.count)
        #expect(try PrefilterTests.firstRuleMayMatch(filtered)("xaugust"))
    }

    /// A literal right after `\d` (then only pieces of digits, `,`, `.` and spaces) follows a
    /// number (tag bytes 0 and 0x10 | 4), also under three bytes; not after a class that may
    /// match a letter, nor after one that only may start with a digit.
    @Test func literalsAfterANumber() {
        #expect(Self.branches(#"\d[\d,.]*+\s*+(k|qr)"#)?[0].contains(["\0\u{14}k", "\0\u{14}qr"]) == true)
        #expect(Self.branches(#"\d+\s?(days?|%)"#)?[0].contains(["\0\u{14}day", "\0\u{14}days", "\0\u{14}%"]) == true)
        #expect(Self.branches(#"[0-9]\s*k"#) == [[["k"], Set((0...9).map(String.init))]])
        #expect(Self.branches(#"[\d,]\s*k"#) == [[["k"]]])
        #expect(Self.branches(#"\w\s*k"#) == [[["k"]]])
        #expect(Self.branches(#"\d\w*k"#)?[0].contains(["k"]) == true)
        #expect(Self.branches(#"\d\s*x\s*k"#)?[0].contains(["\0\u{14}x"]) == true)
        #expect(Self.branches(#"\d\s*x\s*k"#)?[0].contains(["k"]) == true)
    }

    /// A literal right after a leading `^`, `^\s*` or `^\W*` is anchored: it must start at the
    /// first byte such a prefix cannot consume (tag bytes 0 and 1, 2 or 3 in front).
    @Test func anchoredLiterals() {
        #expect(Self.branches(#"^\s*[.#][\w-]+$"#) == [[["\0\u{2}.", "\0\u{2}#"]]])
        #expect(Self.branches(#"^\W*(foo|bar)\s"#) == [[["\0\u{3}foo", "\0\u{3}bar"]]])
        #expect(Self.branches(#"^(ab|cd)\s"#) == [[["\0\u{1}ab", "\0\u{1}cd"]]])
        // A prefix that may consume the literal's first byte cannot anchor it.
        #expect(Self.branches(#"^\W*[=]{2,}x"#) == [[["=="], ["x"]]])
        #expect(Self.branches(#"x^\s*ab\s"#) == [[["ab"], ["x"]]])
        #expect(RequiredLiterals.minimal([[0, 3] + Array("abc".utf8), [0, 3] + Array("ab".utf8), Array("bc".utf8)])
                == [[0, 3] + Array("ab".utf8), Array("bc".utf8)])
    }

    /// A group right after a leading `^`, `^\s*` or `^\W*` (not optional, not an assertion)
    /// starts there, and so does each of its branches: the run that opens a branch
    /// is anchored too, also when the branch is not exact ("in" and "home" below were required
    /// anywhere in a line, and a line of twelve words holding "in" reached PCRE2).
    @Test func anchoredLiteralsInAGroupAtTheStart() {
        #expect(Self.branches(#"^\W*(in\s*,?\s*|home\s*[›»>/|].*|.{1,30}\s[›»]\s.{1,60})\W*$"#)
                == [[["\0\u{3}home"], ["›", "»", ">", "/", "|"]], [["\0\u{3}in", "›", "»"]]])
        #expect(Self.branches(#"^\s*(hi|hello\s+there)\b"#) == [[["\0\u{2}hi"]], [["\0\u{2}hello"], ["\0\u{13}there"]]])
        #expect(Self.branches(#"^(?:ab\s+x|cd)"#) == [[["\0\u{1}ab"], ["x"]], [["\0\u{1}cd"]]])
        // Nested: the inner group starts where the outer one does.
        #expect(Self.branches(#"^\W*((foo|bar)\s+x|baz)"#) == [[["\0\u{3}foo", "\0\u{3}bar"], ["x"]], [["\0\u{3}baz"]]])
        // A group repeated at least once: its first repetition starts there (step 230).
        #expect(Self.branches(#"^\W*(foo\s+x|baz)+"#) == [[["\0\u{3}foo"], ["x"]], [["\0\u{3}baz"]]])
        // Not an optional group, not after other text, not a first byte the prefix may consume.
        #expect(Self.branches(#"^\W*(foo\s+x|baz)*yyy"#) == [[["yyy"]]])
        #expect(Self.branches(#"^\W*(foo\s+x|baz)?yyy"#) == [[["yyy"]]])
        #expect(Self.branches(#"^\W*(\.foo\s+x|baz)"#)?.joined().joined().contains { $0.hasPrefix("\0\u{3}") && $0.hasSuffix("foo") } == false)
        // The prefilter on and off: the same matches, here and not there.
        let rules = try! RuleLoader.parse(yaml: #"""
            - id: anchored.group
              description: a line that is only "in" or a crumb trail
              pattern: '^\W*(in\s*,?\s*|home\s*[›»>/|].*)\W*$'
              scores: {boilerplate.navigation: 3}
            """#, file: "test.yml")
        let set = RuleSet(rules: rules, config: Repo.rules.config)
        let lines = ["in", " - In , ", "begin", "in the home", "Home > News", "«home / x", "éin", "the home › x", "xin"]
        #expect(PrefilterTests.sameMatches(set.withoutPrefilter(), set, lines: lines) == lines.count)
    }

    /// A literal right before `$`, `\s*$` or `\W*$` ends the line: it must end at the last byte
    /// such a suffix cannot consume (tag bytes 0 and 0x20 | 2 for `\s*`, read for `$` too, or
    /// 0x20 | 3 for `\W*`), also in a group before the suffix or one that ends such a group.
    @Test func literalsAtTheLinesEnd() {
        #expect(Self.branches(#"foo\W*$"#) == [[["\0\u{23}foo"]]])
        #expect(Self.branches(#"foo\s*$"#) == [[["\0\u{22}foo"]]])
        #expect(Self.branches(#"\bfoo$"#) == [[["\0\u{22}foo"]]])
        #expect(Self.branches(#"(a|bcd\s+de)\W*$"#) == [[["\0\u{23}a"]], [["\0\u{12}bcd"], ["\0\u{23}de"]]])
        #expect(Self.branches(#"x\s(?:yyy|(?-i:qq+(zz|yr)))\W*$"#)
                == [[["\0\u{23}yyy"], ["x"]], [["qq"], ["\0\u{23}zz", "\0\u{23}yr"], ["x"]]])
        // Not when the suffix could consume the literal's last byte, nor before an optional one.
        #expect(Self.branches(#"foo\.\W*$"#) == [[["foo."]]])
        #expect(Self.branches(#"foo\s+$"#) == [[["\0\u{12}foo"]]])
        #expect(Self.branches(#"(foo)?\W*$"#) == nil)
        #expect(Self.branches(#"(foo|bar)+\W*$"#) == [[["foo", "bar"]]])
        // Only the run right before the suffix; an anchor at the start comes first.
        #expect(Self.branches(#"abcd\s+foo\W*$"#) == [[["\0\u{12}abcd"], ["\0\u{23}foo"]]])
        #expect(Self.branches(#"^\W*foo\W*$"#) == [[["\0\u{3}foo"]]])
        #expect(RequiredLiterals.minimal([[0, 0x23] + Array("ago".utf8), Array("go".utf8)]) == [Array("go".utf8)])
        #expect(RequiredLiterals.minimal([[0, 0x23] + Array("go".utf8), Array("ago".utf8)]).count == 2)
    }

    /// A digit right before `$`, `\s*$` or `\W*$` (`\d`, `\d{4}`, `\d+`; also at the end of a
    /// group before the suffix) ends the line, the mirror of a digit right after `^\W*` (step
    /// 350): its ASCII digits are anchored to the line's end, the lead bytes of other digits stay
    /// anywhere (their last byte is not the digit's).
    @Test func digitsAtTheLinesEnd() {
        func end(_ anchor: UInt8) -> Set<RequiredLiterals.Literal> {
            Set(RequiredLiterals.digitBytes.map { $0 < 0x80 ? [0, 0x20 | anchor, $0] : [$0] })
        }
        let anywhere = Set(RequiredLiterals.digitBytes.map { [$0] })
        #expect(RequiredLiterals.branches(of: #"\d{4}\W*$"#) == [[end(3)]])
        #expect(RequiredLiterals.branches(of: #"\d+$"#) == [[end(2)]])
        #expect(RequiredLiterals.branches(of: #"(xy\s+\d)\s*$"#) == [[[Array("xy".utf8)], end(2)]])
        // Not before anything else, nor a digit that may be absent.
        #expect(RequiredLiterals.branches(of: #"\d\.\W*$"#)?.count == 1)
        #expect(RequiredLiterals.branches(of: #"\d\.\W*$"#)?[0].contains(anywhere) == true)
        #expect(RequiredLiterals.branches(of: #"\d(x)?\W*$"#) == [[anywhere]])
        #expect(RequiredLiterals.branches(of: #"a\d?\W*$"#) == [[[Array("a".utf8)]]])
        // The prefilter on and off: the same matches, here and not there.
        let rules = try! RuleLoader.parse(yaml: #"""
            - id: digit.at.end
              description: a line that ends in a number
              pattern: '\s\d{3}\W*$|^x\d+$'
              scores: {boilerplate.other: 3}
            """#, file: "test.yml")
        let set = RuleSet(rules: rules, config: Repo.rules.config)
        let lines = ["Call 555", "Call 555.", "Call 555 x", "Call 555 é", "Call ٣٣٣", "Call 55٣", "Call 555\u{A0}", "x12", "x12 ",
                     "x12\n", "x12.", "555 call", "Call 5555", "Call 555 - 12", "Call 555_"]
        #expect(PrefilterTests.sameMatches(set.withoutPrefilter(), set, lines: lines) == lines.count)
    }

    /// `\K` moves only the reported start: the line must hold the same literals. A pattern with
    /// it is not split into alternatives, whose leftmost reported start could then differ from
    /// the whole pattern's match (here `Y` would start before the `c` that `aXY\Kc` reports).
    @Test func resetMatchStartKeepsItsLiteralsAndIsNotSplit() throws {
        #expect(Self.branches(#"^(?!x).*?\K\b(pray|amen)\b"#) == [[["\0\u{13}pray", "\0\u{13}amen"]]])
        let pattern = try Pattern(#"aXY\Kc|Y"#, caseless: true)
        #expect(Prefilter.splitAlternatives(pattern) == nil)
        #expect(Prefilter.splitAlternatives(try Pattern(#"aXYc|Y"#, caseless: true)) != nil)
    }

    @Test func nothingToRequire() {
        #expect(Self.branches(#"^\W*\p{L}"#) == nil)
        #expect(Self.branches(#"(share|\w+)"#) == nil)       // one branch has no literal
        #expect(Self.branches(#"(ab)?c*"#) == nil)
        #expect(Self.branches(#"(é|copyright)"#) == nil)     // most non-ASCII characters are never literals
        #expect(Self.branches(#"(©|copyright)"#) == [[["©", "copyright"]]])
        #expect(Self.branches(#"[a-z]+ing"#) == [[["ing"]]])
        // A digit is an ASCII digit or starts with a lead byte of a non-ASCII digit.
        // After `^\W*`, the ASCII digits are anchored; the lead bytes of other digits, which the
        // prefix may consume (a non-ASCII byte), are looked for anywhere.
        #expect(RequiredLiterals.branches(of: #"^\W*\d{1,3}\W*$"#) == [[Set(RequiredLiterals.digitBytes.map { $0 < 0x80 ? [0, 3, $0] : [$0] })]])
        #expect(RequiredLiterals.branches(of: #"^\W*(?:ab|«c)\s"#) == [[[[0, 3] + Array("ab".utf8), [0, 0x12] + Array("«c".utf8)]]])
    }

    /// A literal after a number that starts with a separator (`,`, `.`) is looked for at every
    /// byte of a run of separators after a number: its number edge was found by walking back over
    /// the run each time, so a hostile line ("1" and then ", ." for 600 KB) took minutes. It is
    /// one pass now, and the literals are found where they were.
    @Test func aRunOfSeparatorsAfterANumberIsScannedInOnePass() throws {
        let filtered = try PrefilterTests.oneRule("number.separator", "a separator and a letter after a number", pattern: #"\d\s*+(,x|\.y)"#)
        let mayMatch = try PrefilterTests.firstRuleMayMatch(filtered)
        #expect(["5,x", "5 .y", "5 ,x 7"].allSatisfy { mayMatch($0) })
        #expect(["a,x 5", "5a .y", "b ,x 7"].allSatisfy { !mayMatch($0) })
        let lines = ["1" + String(repeating: ", .", count: 1000) + ",x", "1" + String(repeating: ", .", count: 1000) + "a,x 2"]
        #expect(PrefilterTests.sameMatches(filtered.withoutPrefilter(), filtered, lines: lines) == lines.count)
        // The hostile line runs on a thread of its own with a deadline that only reports: the
        // scan is never timed (a loaded machine cannot fail it), but a scan that does not end
        // (the walk back at every byte took minutes) fails with a message instead of hanging.
        let hostile = "1" + String(repeating: ", .", count: 200_000) + ",x"
        let outcome = Outcome()
        nonisolated(unsafe) let scanLine = mayMatch
        let scan = Thread { outcome.finish(scanLine(hostile)) }
        scan.stackSize = 8 << 20
        scan.start()
        let result = outcome.wait(deadline: Date(timeIntervalSinceNow: 300))
        #expect(result != nil, "the scan of 600 KB of separators after a number did not end in 5 minutes")
        #expect(result == true)
    }

    /// A result handed over from another thread, waited for until a deadline.
    final class Outcome: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Bool?
        func finish(_ v: Bool) { condition.lock(); value = v; condition.broadcast(); condition.unlock() }
        /// The value, or nil when the deadline passed first.
        func wait(deadline: Date) -> Bool? {
            condition.lock()
            defer { condition.unlock() }
            while value == nil { if !condition.wait(until: deadline) { break } }
            return value
        }
    }

    /// `group` reads a group's body once, with the context its close gives, where the quick
    /// read of escapes, classes and nested groups finds that close; the parser checks it.
    @Test func groupCloseIsGuessedPastEscapesClassesAndNestedGroups() {
        func close(_ pattern: String) -> Int? { RequiredLiterals.Parser(Array(pattern.unicodeScalars)).guessClose(from: 1) }
        #expect(close("(ab)c") == 3)
        #expect(close("((a)(b))") == 7)
        #expect(close(#"(\)x)"#) == 4)
        #expect(close("([)]x)") == 5)
        #expect(close("([]])") == 4)
        #expect(close("([^]])") == 5)
        #expect(close(#"([\]])"#) == 5)
        #expect(close("(ab") == nil)
        // Nested groups between edges keep them at every level (read once each).
        #expect(Self.branches(#"\b((?:(sing)|(rap)))\b"#) == [[["\0\u{13}rap", "\0\u{13}sing"]]])
        #expect(Self.branches(#"\s(((rap|make\s+beats)))x"#) == [[["\0\u{11}rap"], ["x"]], [["\0\u{11}beats"], ["\0\u{13}make"], ["x"]]])
    }

    /// Split only at the top level: not in groups or classes, not an escaped bar.
    @Test func topLevelAlternatives() {
        #expect(RequiredLiterals.topLevelAlternatives(of: #"a(b|c)|[|]d|\|e|"#) == [#"a(b|c)"#, "[|]d", #"\|e"#, ""])
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?<author>x|y)z"#) == nil)   // one alternative, a named group
        // One group of alternatives between fixed parts is distributed over them.
        #expect(RequiredLiterals.topLevelAlternatives(of: #"\b(ab|c(d|e))\b"#) == [#"\b(?:ab)\b"#, #"\b(?:c(d|e))\b"#])
        #expect(RequiredLiterals.topLevelAlternatives(of: #"^(?:a|b)\s*c?"#) == [#"^(?:a)\s*c?"#, #"^(?:b)\s*c?"#])
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(a|b)+c"#) == nil)            // a repeated group
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?>a|b)c"#) == nil)           // atomic: B never follows a matched A
        #expect(RequiredLiterals.topLevelAlternatives(of: #"\s*(a|b)c"#) == nil)         // a prefix with choices
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(ab)c"#) == nil)
        #expect(RequiredLiterals.topLevelAlternatives(of: #"\b(a|b)\b|(^|\s)c"#) == [#"\b(?:a)\b"#, #"\b(?:b)\b"#, #"(?:^)c"#, #"(?:\s)c"#])
        // Lookaround assertions before the group are part of its prefix (step 372): atomic, no choice.
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?<![a-z0-9_])(?<!\w)(ab|cd)\b"#)
            == [#"(?<![a-z0-9_])(?<!\w)(?:ab)\b"#, #"(?<![a-z0-9_])(?<!\w)(?:cd)\b"#])
        #expect(RequiredLiterals.topLevelAlternatives(of: #"^(?=[ac])(?!a(?:x|y))(?:ab|cd)"#) == [#"^(?=[ac])(?!a(?:x|y))(?:ab)"#, #"^(?=[ac])(?!a(?:x|y))(?:cd)"#])
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?<n>x)(a|b)"#) == nil)       // a named group, not an assertion
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?=x)*(a|b)"#) == nil)          // a repeated assertion is no prefix
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(a)\1|b"#) == nil)          // a back reference ties them
        #expect(RequiredLiterals.topLevelAlternatives(of: #"(?i)a|b"#) == nil)           // so does an inline option
    }

    /// A group that turns case on or off requires its literals like any group (the scan is caseless).
    @Test func caseGroups() {
        #expect(Self.branches(#"ab(?i:cd|ef)"#) == [[["abcd", "abef"]]])
        #expect(Self.branches(#"x(?-i:Yz)"#) == [[["xyz"]]])
    }

    @Test func unsupportedSyntaxGivesUp() {
        for p in [#"(a)\1b"#, #"(?i)abc"#, #"\Qa.b\E"#, #"\x41bc"#, #"a{x"#, #"[[:alpha:]]abc"#, #"(abc"#, #"abc)"#] {
            #expect(Self.branches(p) == nil, "\(p)")
        }
    }

    /// The fold the literal scan applies (`LiteralFold`) must cover every non-ASCII character that
    /// PCRE2 (UTF, UCP, caseless) matches against an ASCII letter.
    @Test func onlyLongSAndKelvinMatchASCIILetters() throws {
        let letters = try Pattern("^[a-z]$")
        let scratch = MatchScratch()
        var partners: [UInt32] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if case .matched = letters.firstMatch(in: String(s), scratch: scratch) { partners.append(v) }
        }
        #expect(partners == [0x017F, 0x212A])
        // The symbols allowed in literals match nothing but themselves.
        let symbols = try Pattern("^[" + String(String.UnicodeScalarView(RequiredLiterals.caselessSingletons)) + "]$")
        var matched: Set<Unicode.Scalar> = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if case .matched = symbols.firstMatch(in: String(s), scratch: scratch) { matched.insert(s) }
        }
        #expect(matched == RequiredLiterals.caselessSingletons)
    }

    /// Every character PCRE2 (UTF, UCP) matches with `\d` starts with one of `digitBytes`.
    @Test func digitBytesCoverEveryDigit() throws {
        let digit = try Pattern(#"^\d$"#)
        let scratch = MatchScratch()
        var leads: Set<UInt8> = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if case .matched = digit.firstMatch(in: String(s), scratch: scratch) { leads.insert(String(s).utf8.first!) }
        }
        #expect(leads == RequiredLiterals.digitBytes)
        var line = "\u{017F}\u{212A}x"
        let folded = line.withUTF8 { LiteralFold.folded($0) }
        #expect(folded == Array("skx".utf8))
    }

    /// Step 630: a term implies another when each of its literals, whatever its tags, holds one
    /// of the other's plain literals (ASCII letters in either case); a tagged literal (an edge,
    /// an anchor, a number before it) is implied by none. Step 634: a term with a common
    /// letter alone among its literals is `common`; step 772: or two of them, plain ("ad", "On",
    /// not "mo" nor a whole word "ad").
    @Test func aTermImpliesThePlainTermsItsLiteralsHold() {
        typealias R = RequiredLiterals
        let share = Array("Share".utf8), e = Array("e".utf8), ad = Array("ad".utf8)
        let wholeAd = R.Edges.tag(ad, [.before, .after]), startShare = [0, R.Anchor.afterNonWord.rawValue] + share
        let terms: [[[UInt8]]] = [[share], [e], [ad], [Array("adblock".utf8), Array("Advert".utf8)], [wholeAd], [startShare],
                                  [Array("blocked".utf8), Array("sharing".utf8)], [Array("q".utf8)], [e, Array("x".utf8)],
                                  [Array("mo".utf8)], [Array("x".utf8), Array("On".utf8)], [Array("a1".utf8)]]
        let implication = Prefilter.Implication(terms)
        #expect(implication.implies(0, 1))  // "e" in "Share"
        #expect(implication.implies(5, 1))  // an anchored "share" has its "e" too
        #expect(implication.implies(3, 2))  // both of "adblock | advert" hold "ad"
        #expect(!implication.implies(3, 4))  // a whole word "ad" is not plain
        #expect(!implication.implies(1, 0) && !implication.implies(2, 3))
        #expect(!implication.implies(6, 1))  // "blocked" holds "e", "sharing" does not
        #expect(implication.implies(0, 8))  // "e | x": "Share" holds "e"
        #expect(implication.common == [false, true, true, false, false, false, false, false, true, false, true, false])
    }
}
