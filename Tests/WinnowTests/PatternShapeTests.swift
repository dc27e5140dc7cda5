import Testing
@testable import Winnow

/// `PatternShape` (step 370 in docs/performance.md): a pattern decided without PCRE2 must give
/// PCRE2's outcome and range on every line, and leave to PCRE2 only what it does not know.
@Suite struct PatternShapeTests {
    let scratch = MatchScratch()

    /// Every shape, with each case option it is recognised with, alone and followed by `.*`
    /// (the matched text then runs to the line's end: gaps23).
    func shapedPatterns() throws -> [Pattern] {
        var patterns: [Pattern] = []
        for shape in PatternShape.allCases {
            for caseless in [true, false] {
                for tail in ["", ".*"] {
                    let p = try Pattern(shape.rawValue + tail, caseless: caseless)
                    if p.shape != nil { patterns.append(p) }
                }
            }
        }
        return patterns
    }

    func pcre2(_ p: Pattern, _ text: String) -> MatchOutcome {
        var copy = text
        return copy.withUTF8 { p.pcre2Match(in: $0, scratch: scratch) }
    }

    func decided(_ p: Pattern, _ text: String) -> MatchOutcome? {
        var copy = text
        return copy.withUTF8 { p.shape!.decide($0) }
    }

    /// Bytes that are no valid UTF-8 (an overlong lead 0xC0 or 0xC1, a lone continuation byte)
    /// are unknown, never a trap: `decide` is public and may be handed any bytes.
    @Test func invalidLeadBytesAreUnknown() {
        for bytes: [UInt8] in [[0xC0, 0x80], [0xC1, 0xBF], [0x80], [0xE2, 0x80]] {
            bytes.withUnsafeBufferPointer { b in
                #expect(PatternShape.classify(b, at: 0).0 == PatternShape.unknown)
            }
        }
    }

    @Test func theBundledShapesAreRecognisedAndOnlyThem() throws {
        #expect(try Pattern(#"^\W*\p{L}"#).shape == .leadingLetter)
        #expect(try Pattern(#"^\W*\p{Lu}"#, caseless: false).shape == .leadingCapital)
        // Caseless `\p{Lu}` is not taken, nor a pattern that differs by a character.
        #expect(try Pattern(#"^\W*\p{Lu}"#).shape == nil)
        #expect(try Pattern(#"^\W+\p{L}"#).shape == nil)
        #expect(try Pattern(#"^(?!.*:\s*$).*\p{L}"#).shape == .lastLetterUnlessColon)
        #expect(try Pattern(#"^(?!\s*\d{1,3}[.)]\s)\P{L}*\p{L}"#).shape == .firstLetterUnlessNumbered)
        #expect(try Pattern(#"\p{L}"#).shape == .anyLetter)
        #expect(try shapedPatterns().count == 18)
        // A shape then `.*` is the shape, its match run to the line's end; `\.*` (dots) is none.
        let tail = try Pattern(#"^\W*\p{L}.*"#)
        #expect(tail.shape == .leadingLetter && tail.shapeRunsToLineEnd)
        #expect(try Pattern(#"^\W*\p{L}\.*"#).shape == nil)
        #expect(try Pattern(#"^\W*\p{L}"#).shapeRunsToLineEnd == false)
    }

    @Test func theShapesMatchAsPCRE2OnEveryLineOfTheirCases() throws {
        let lines = ["", " ", "a", "Politics", "  grub street", "— Home", "“Quoted” words", "123", "_under", "12 Days",
                     "1. First item", "12) Item", " 3.\tTabbed", "1234. Year", "3.5 stars", "12.", "2.x",
                     "Read this:", "Read this:  ", "Read this: now", "Time: 12:30", "ends in a colon : ", "¿Qué?",
                     "Émile Zola", "éclair", "ª", "²nd", "µ", "×", "a\u{A0}:\u{A0}", "Über:\u{2003}", "…and more",
                     "«Titre»", "‘quote’", "• item", "€5 off", "★ Rated", "Москва", "東京", "a\u{301}", "\u{301}a",
                     "x\u{203F}y", "\u{203F}y", "word\u{2028}", "١٢. item", "12.\u{A0}item", "12.\u{1680}item",
                     "a\nb", "a:\n", "\n", "1\n2. x", "ǅx", "ǅ", "Ⅻ b", "ﬁne", "x\u{FFFD}", "😀 Emoji", "Emoji 😀",
                     "Latest Articles", "Ab\rcd", "Ab\u{85}cd", "Ab\u{2028}cd", "Ab\u{2029}cd", "Ab\u{B}\u{C}cd", "Ab cd\nef"]
        for p in try shapedPatterns() {
            for line in lines {
                #expect(p.firstMatch(in: line, scratch: scratch) == pcre2(p, line), "\(p.source) on \(line.debugDescription)")
            }
        }
    }

    /// Each Unicode scalar in the places where the shapes classify a character. All scalars up to
    /// U+30FF (Latin, punctuation, the CJK symbols and spaces), every 499th above; one pattern
    /// per shape (the case option changes no class these test).
    @Test func everyScalarIsClassifiedAsPCRE2Does() throws {
        var scalars: [Unicode.Scalar] = []
        var v: UInt32 = 1
        while v <= 0x10FFFF {
            if let s = Unicode.Scalar(v) { scalars.append(s) }
            v += v < 0x3100 ? 1 : 499
        }
        let contexts: [PatternShape: [(String) -> String]] = [
            .leadingLetter: [{ $0 }, { $0 + "a" }, { "-" + $0 + "1" }],
            .leadingCapital: [{ $0 }, { $0 + "A" }, { "-" + $0 + "b" }],
            .firstLetterUnlessNumbered: [{ $0 + "12. a" }, { "12" + $0 + " a" }, { "12." + $0 + "a" }, { "1" + $0 + ". a" }, { $0 + "a" }],
            .lastLetterUnlessColon: [{ "a" + $0 }, { "a:" + $0 }, { "a" + $0 + ":" }, { $0 }],
            .anyLetter: [{ $0 }, { "1" + $0 }],
        ]
        var decidedCount = 0, cases = 0, mismatches = 0
        var seen = Set<PatternShape>()
        for p in try shapedPatterns() where !p.shapeRunsToLineEnd && seen.insert(p.shape!).inserted {
            for make in contexts[p.shape!]! {
                for s in scalars {
                    let line = make(String(s))
                    cases += 1
                    let expected = pcre2(p, line)
                    if decided(p, line) != nil { decidedCount += 1 }
                    if p.firstMatch(in: line, scratch: scratch) != expected {
                        mismatches += 1
                        if mismatches <= 20 { Issue.record("\(p.source) on U+\(String(s.value, radix: 16)) in \(line.debugDescription)") }
                    }
                }
            }
        }
        #expect(mismatches == 0)
        // The shapes decide most of these lines themselves (the scalars they know), not PCRE2.
        #expect(decidedCount > cases / 20)
    }

    @Test func randomLinesOfTheKnownAndUnknownCharacters() throws {
        let alphabet: [String] = ["a", "Z", "é", "É", "ß", "1", "9", "_", " ", "\t", ":", ".", ")", "-", "’", "“", "—",
                                  "…", "\u{A0}", "\u{2003}", "²", "ª", "×", "Ж", "\u{301}", "\u{203F}", "😀", "٣"]
        var rng = SystemRandomNumberGenerator()
        var decidedCount = 0
        let patterns = try shapedPatterns()
        for _ in 0..<4000 {
            let length = Int.random(in: 0...9, using: &rng)
            let line = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            for p in patterns {
                if decided(p, line) != nil { decidedCount += 1 }
                #expect(p.firstMatch(in: line, scratch: scratch) == pcre2(p, line), "\(p.source) on \(line.debugDescription)")
            }
        }
        #expect(decidedCount > 4000)
    }
}
