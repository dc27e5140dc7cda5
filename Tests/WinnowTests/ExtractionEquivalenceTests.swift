import Testing
@testable import Winnow

/// The start-up's shortcuts in the prefilter's extraction (steps 611 and 614 in
/// docs/performance.md) give what the walker gave without them.
@Suite struct ExtractionEquivalenceTests {
    /// Every bundled pattern, as compiled and as written, and every one of its split
    /// alternatives: the split found by syntax is the walker's, and the literals read with runs of
    /// plain characters as one piece are those read character by character.
    @Test func bundledPatternsSplitAndFilterAsBefore() {
        var alternatives = 0
        for rule in Repo.rules.rules {
            guard let pattern = rule.pattern else { continue }
            for source in Set([pattern.source, rule.writtenPattern ?? pattern.source]) {
                let merged = RequiredLiterals.branches(of: source, caseless: pattern.caseless)
                #expect(merged == RequiredLiterals.branches(of: source, caseless: pattern.caseless, mergingRuns: false), "\(rule.id)")
                guard merged != nil else { continue }
                let split = RequiredLiterals.topLevelAlternatives(of: source, parsed: true)
                #expect(split == RequiredLiterals.topLevelAlternatives(of: source), "\(rule.id)")
                for alternative in split ?? [] {
                    #expect(RequiredLiterals.branches(of: alternative, caseless: pattern.caseless)
                            == RequiredLiterals.branches(of: alternative, caseless: pattern.caseless, mergingRuns: false), "\(rule.id): \(alternative)")
                    alternatives += 1
                }
            }
        }
        #expect(alternatives > 500)
    }

    /// Step 660: the extraction reads the top-level alternatives' literals in its walk of the
    /// whole pattern; each is what `branches(of:)` gives the alternative's text alone, on every
    /// bundled pattern (as compiled and as written) and on made-up ones whose alternatives look
    /// ahead past their `|` (an edge, a line end, an optional group, a group ending them).
    @Test func alternativesReadInTheWholeWalkAreReadAsAlone() {
        var compared = 0
        var sources = Repo.rules.rules.compactMap(\.pattern).flatMap { p in [(p.source, p.caseless)] }
        sources += Repo.rules.rules.compactMap { r in r.writtenPattern.map { ($0, r.pattern?.caseless ?? false) } }
        sources += [#"ab\s*|cd\b"#, #"ab$|\d+\s*$|x"#, #"(ab|cd)|ef(?:gh)?"#, #"foo(?= bar)|baz\W"#, #"(?:ab)+|\bcd(e|f)"#,
                    #"x(?i)ab|(?i)cd|ef"#, #"\d{2}|ab(?:c|d)\s+"#, #"(?<![a-z0-9_])ab|c[d|]e|f\|g"#].map { ($0, true) }
        for (source, caseless) in sources {
            let walked = RequiredLiterals.branchesWithAlternatives(of: source, caseless: caseless)
            #expect(walked?.whole == RequiredLiterals.branches(of: source, caseless: caseless), "\(source)")
            for (alternative, required) in walked?.alternatives ?? [:] {
                #expect(required == RequiredLiterals.branches(of: alternative, caseless: caseless), "\(source): \(alternative)")
                compared += 1
            }
        }
        #expect(compared > 300)
    }

    @Test func syntaxSplitMatchesTheWalkersOnItsCases() {
        for source in [#"a(b|c)|[|]d|\|e|"#, #"\b(ab|c(d|e))\b"#, #"^(?:a|b)\s*c?"#, #"(a|b)+c"#, #"(?>a|b)c"#, #"\s*(a|b)c"#,
                       #"\b(a|b)\b|(^|\s)c"#, #"(?<![a-z0-9_])(?<!\w)(ab|cd)\b"#, #"^(?=[ac])(?!a(?:x|y))(?:ab|cd)"#, #"(?=x)*(a|b)"#,
                       #"[]|]x|(?:y|[^]|])"#] {
            #expect(RequiredLiterals.topLevelAlternatives(of: source, parsed: true) == RequiredLiterals.topLevelAlternatives(of: source), "\(source)")
        }
        // The walker does not know `(?i)`; `branches(of:caseless:)` reads past a leading one.
        #expect(RequiredLiterals.topLevelAlternatives(of: "(?i)a|b", parsed: true) == nil)
    }

    @Test func aPlainRunIsOnePieceUpToAQuantifiedCharacter() {
        var parser = RequiredLiterals.Parser(Array("ab-c?d".unicodeScalars))
        #expect(parser.plainRun()?.exact == [Array("ab-".utf8)])
        #expect(parser.i == 3)
        #expect(parser.plainRun() == nil)   // `c?`: one character, quantified
    }
}
