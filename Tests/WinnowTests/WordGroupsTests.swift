import Foundation
import Testing
@testable import Winnow

@Suite struct WordGroupsTests {
    @Test func groupsWordsByFirstThenSecondLetter() {
        #expect(WordGroups.grouped("^(facebook|twitter|tweet|flipboard|telegram)$")
                == "^(f(?:acebook|lipboard)|t(?:w(?:itter|eet)|elegram))$")
        // All share their second letter: one prefix of two.
        #expect(WordGroups.grouped("(yes|yeah|yep|no)") == "(ye(?:s|ah|p)|no)")
        // A word that is its letter alone would leave an empty alternative: the words stay.
        #expect(WordGroups.grouped("(al|a|ao|be|by)") == "(al|a|ao|b(?:e|y))")
        // Nested groups are grouped too, inside out.
        #expect(WordGroups.grouped("x(?=s(?:at|un|ep|aid))") == "x(?=s(?:a(?:t|id)|un|ep))")
    }

    @Test func otherAlternativesStayAndEndARun() {
        // `google\+?`, `pin\s+it` and a word with a non-ASCII letter stand where they are; words
        // are grouped on each side of them only.
        #expect(WordGroups.grouped(#"(print|pin\s+it|pinterest|pocket|google\+?|gab|gif)"#)
                == #"(print|pin\s+it|p(?:interest|ocket)|google\+?|g(?:ab|if))"#)
        #expect(WordGroups.grouped("(mai|mars|août|mayo|marzo)") == "(ma(?:i|rs)|août|ma(?:yo|rzo))")
    }

    @Test func neverMovesAWordPastItsLetterInTheOtherCase() {
        // Under `(?i)` "Par" and "par" both match at one place: "par" stays after "Por".
        #expect(WordGroups.grouped("(?-i:(Por|par|Par|pour))") == "(?-i:(Por|par|Par|pour))")
        #expect(WordGroups.grouped("(?-i:(von|par|por|Von|Par|Por))") == "(?-i:(von|p(?:ar|or)|Von|P(?:ar|or)))")
    }

    @Test func leavesTheTopLevelAndLookbehindsAsWritten() {
        // The prefilter splits the top level; a lookbehind's own alternatives may differ in length.
        #expect(WordGroups.grouped("cat|cow|dog") == "cat|cow|dog")
        #expect(WordGroups.grouped("(?<=ab|acd)x") == "(?<=ab|acd)x")
        #expect(WordGroups.grouped("(?<!ab|acd)(ab|acd)") == "(?<!ab|acd)(a(?:b|cd))")
    }

    @Test func leavesSyntaxItDoesNotReadAsWritten() {
        for source in [#"\Q(ab|ac)\E"#, "(?x)(ab|ac)", "(*UCP)(ab|ac)", "(ab|ac)(?1)", "(ab|ac", "(ab|ac))", "[(](ab|ac"] {
            #expect(WordGroups.grouped(source) == source, "\(source)")
        }
        // Classes, escapes, named groups and option settings are read past.
        #expect(WordGroups.grouped(#"[|(]\((?<w>ab|ac)(?i)(?#c|d)(x|y)"#) == #"[|(]\((?<w>a(?:b|c))(?i)(?#c|d)(x|y)"#)
    }

    /// Every bundled rule: the grouped pattern compiles, gives the prefilter the same literals,
    /// and matches each of the rule's examples as the written one does (range and named groups).
    @Test func bundledRulesMatchAndFilterAsWritten() throws {
        let rules = Repo.rules
        var grouped = 0
        for rule in rules.rules {
            guard let pattern = rule.pattern, let written = rule.writtenPattern else { continue }
            #expect(pattern.source == WordGroups.grouped(written))
            guard pattern.source != written else { continue }
            grouped += 1
            let plain = try Pattern(written, caseless: pattern.caseless)
            #expect(RequiredLiterals.describe(pattern.source, caseless: pattern.caseless)
                    == RequiredLiterals.describe(written, caseless: pattern.caseless), "\(rule.id)")
            let scratch = MatchScratch()
            for line in rule.examples.match + rule.examples.noMatch {
                #expect(pattern.firstMatch(in: line, scratch: scratch) == plain.firstMatch(in: line, scratch: scratch), "\(rule.id): \(line)")
            }
        }
        #expect(grouped >= 9)
    }

    @Test func aBadPatternIsReportedAsWritten() {
        let yaml = """
            - id: t.bad
              description: A bad pattern
              pattern: '(ab|ac|ad'
              scores: {article: 1}
            """
        #expect(throws: RuleLoadError.self) { try RuleLoader.parse(yaml: yaml, file: "t.yml") }
        do {
            _ = try RuleLoader.parse(yaml: yaml, file: "t.yml")
        } catch {
            #expect(error.errors.first?.message.contains("in '(ab|ac|ad'") == true)
        }
    }
}
