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
