import Testing
@testable import Winnow

@Suite struct PatternTests {
    let scratch = MatchScratch()

    @Test func matchReturnsByteSpanAndNamedGroups() throws {
        let p = try Pattern(#"^(?<author>\S+) said\.\.\.$"#)
        guard case .matched(let m) = p.firstMatch(in: "Caver said...", scratch: scratch) else {
            Issue.record("expected a match"); return
        }
        #expect(m.range == 0..<13)
        #expect(m.groups["author"] == 0..<5)
    }

    @Test func aGroupOfAnotherAlternativeIsNotReported() throws {
        // "Like · Reply · 3y" matches the footer alternative of a header rule: no author. The
        // same scratch first matched the alternative that sets the group, so stale offsets of
        // that match must not leak either.
        let p = try Pattern(#"^(?<author>\w+) • \d+y$|^reply · \d+y$"#)
        guard case .matched(let named) = p.firstMatch(in: "jane • 3y", scratch: scratch) else {
            Issue.record("no match"); return
        }
        #expect(named.groups["author"] == 0..<4)
        guard case .matched(let footer) = p.firstMatch(in: "Reply · 3y", scratch: scratch) else {
            Issue.record("no match"); return
        }
        #expect(footer.groups["author"] == nil)
    }

    @Test func spansAreUTF8ByteOffsets() throws {
        let p = try Pattern("Zürich")
        guard case .matched(let m) = p.firstMatch(in: "Grüße aus Zürich", scratch: scratch) else {
            Issue.record("expected a match"); return
        }
        // "Grüße aus " is 12 bytes in UTF-8 (ü and ß take two each).
        #expect(m.range == 12..<19)
    }

    @Test func caselessByDefaultAndUnicodeAware() throws {
        #expect(try Pattern("patreon").firstMatch(in: "Support us on PATREON", scratch: scratch) != .noMatch)
        #expect(try Pattern("patreon", caseless: false).firstMatch(in: "PATREON", scratch: scratch) == .noMatch)
        // UCP: \w matches non-ASCII letters.
        #expect(try Pattern(#"^\w+$"#).firstMatch(in: "Éloïse", scratch: scratch) != .noMatch)
    }

    @Test func noMatch() throws {
        #expect(try Pattern("donate").firstMatch(in: "The army advanced.", scratch: scratch) == .noMatch)
    }

    @Test func emptySubject() throws {
        #expect(try Pattern("^$").firstMatch(in: "", scratch: scratch) != .noMatch)
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        do {
            _ = try Pattern("abc(def")
            Issue.record("expected a compile error")
        } catch {
            #expect(error.message.contains("missing closing parenthesis"))
            #expect(error.offset == 7)
        }
    }

    @Test func catastrophicPatternStopsAtLimitInsteadOfHanging() throws {
        let p = try Pattern(#"^(\w+\s?)*$"#)
        let hostile = String(repeating: "a", count: 5000) + "!"
        let tight = MatchScratch(limits: MatchLimits(matchLimit: 10_000, depthLimit: 1_000))
        guard case .limitHit(let message) = p.firstMatch(in: hostile, scratch: tight) else {
            Issue.record("expected a limit hit"); return
        }
        #expect(message.contains("limit"))
    }

    @Test func sharedPatternIsSafeAcrossThreads() async throws {
        let p = try Pattern(#"\bsaid\b"#)
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let scratch = MatchScratch()
                    var n = 0
                    for i in 0..<2000 where p.firstMatch(in: "line \(i) he said so", scratch: scratch) != .noMatch { n += 1 }
                    return n
                }
            }
            return await group.reduce(0, +)
        }
        #expect(results == 16_000)
    }

    /// A caseless pattern whose first letter is s or k has an ASCII-first variant (step 474 in
    /// docs/performance.md): on the line `beginLine` names, and only when that line holds neither
    /// long s nor the Kelvin sign. Every pattern here gives the same outcome either way, on
    /// subjects of every length up to 12 drawn from letters, spaces, digits, long s, the Kelvin
    /// sign and other characters of two and three bytes.
    @Test func asciiFirstVariantMatchesAsThePatternDoes() throws {
        let sources = [#"\bso\s+(everyone|people)\b"#, #"(?<![a-z0-9_])(?<!\w)sub(\s+to)?\s+(me|my)\b"#,
                       #"\b(?:see\s+ya)\b"#, #"(?<![a-z0-9_])(?<!\w)(?:keep\s+(it\s+up|coming))\b"#, "k+m?",
                       #"(s)\w*|ks"#, #"(?<=\bs)kip"#, "S?u"]
        let alphabet: [String] = ["s", "S", "k", "K", "u", "b", "o", " ", "1", "\u{17F}", "\u{212A}", "é", "—", "e", "y", "a", "m", "t"]
        var generator = SystemRandomNumberGenerator()
        for source in sources {
            let p = try Pattern(source)
            #expect(p.hasASCIIFirst, "\(source)")
            for _ in 0..<3000 {
                let length = Int.random(in: 0...12, using: &generator)
                var line = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                let plain = line.withUTF8 { p.pcre2Match(in: $0, scratch: scratch) }
                let viaLine = line.withUTF8 { bytes -> MatchOutcome in
                    scratch.beginLine(bytes)
                    defer { scratch.endLine() }
                    return p.pcre2Match(in: bytes, scratch: scratch)
                }
                #expect(plain == viaLine, "\(source) on \(line)")
            }
        }
        #expect(try Pattern(#"\bsub"#).hasASCIIFirst)
        #expect(try Pattern(#"(?<![a-z0-9_])(?<!\w)(?:keep)"#).hasASCIIFirst)
        #expect(try !Pattern(#"\bsub"#, caseless: false).hasASCIIFirst)
        #expect(try !Pattern(#"\bthe"#).hasASCIIFirst)
        #expect(try !Pattern(#"\ssub"#).hasASCIIFirst)
        #expect(try !Pattern(#"[s]ub"#).hasASCIIFirst)
    }

    /// `MatchScratch.isASCII` (eight bytes at a time) against the plain test of each byte: every
    /// length from 0 to 64, all ASCII, then every byte value at every place of the line.
    @Test func isASCIIAgreesWithTheByteTest() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
            bytes.withUnsafeBufferPointer { #expect(MatchScratch.isASCII($0), "length \(length)") }
            for place in 0..<length {
                let old = bytes[place]
                for value in 0...255 {
                    bytes[place] = UInt8(value)
                    bytes.withUnsafeBufferPointer { b in
                        #expect(MatchScratch.isASCII(b) == b.allSatisfy { $0 < 0x80 }, "length \(length), byte \(value) at \(place)")
                    }
                }
                bytes[place] = old
            }
        }
        // Not from the buffer's start: unaligned loads.
        let line = Array("Harbour ferry times, 9:15 and 10:40 (weekdays only) – see the board".utf8)
        line.withUnsafeBufferPointer { b in
            for from in 0..<b.count {
                let tail = UnsafeBufferPointer(rebasing: b[from...])
                #expect(MatchScratch.isASCII(tail) == tail.allSatisfy { $0 < 0x80 })
            }
        }
    }

    /// A JIT-compiled pattern has a variant without PCRE2_UCP for lines of ASCII only (step 593 in
    /// docs/performance.md), used on the line `beginLine` names when it is all ASCII. Every pattern
    /// here (the classes UCP changes, word edges, caseless letters, named groups)
    /// gives the same outcome and groups either way on random ASCII lines of up to 16 characters,
    /// and every bundled rule's pattern and split alternative on its ASCII examples.
    @Test func asciiLineVariantMatchesAsThePatternDoes() throws {
        let sources = [#"\b\w+\s+\d{2,}\b"#, #"^\W*(?<author>\w[\w ]{0,8})\s*[:|]"#, #"\B\d\D\S\s"#,
                       #"\bso\s+(everyone|people)\b"#, #"k\w+|(?i)S\w"#, #"[^\W\d]{3}"#, #"\p{Lu}\p{Ll}+"#]
        let alphabet: [String] = ["s", "S", "k", "K", "o", "e", "y", "p", "l", " ", "\t", "1", "2", "_", ":", "|", ".", "-", "!"]
        var generator = SystemRandomNumberGenerator()
        for source in sources {
            for caseless in [true, false] {
                let p = try Pattern(source, caseless: caseless)
                #expect(p.hasASCIILine, "\(source)")
                for _ in 0..<2000 {
                    let length = Int.random(in: 0...16, using: &generator)
                    var line = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                    #expect(same(p, on: &line), "\(source) on \(line)")
                }
            }
        }
        // Caseless, `[[:upper:]]` folds without UCP (`\p{Lu}` with it does not): no variant with a
        // POSIX class (a line of `sk` matched without UCP only).
        #expect(try !Pattern(#"[[:upper:]][[:lower:]]+"#).hasASCIILine)
        #expect(try !Pattern(#"[[:alpha:]]+[[:punct:]]"#, caseless: false).hasASCIILine)
        #expect(try !Pattern(#"[[:^digit:]x]"#).hasASCIILine)
        #expect(try Pattern(#"[:|]\s*[:;]x:]"#).hasASCIILine)
        for rule in Repo.rules.rules {
            // Each rule's pattern compiled with the variant, whether its rule asks for it or not
            // (`ascii_copy`: a rule may be given it later).
            guard let loaded = rule.pattern, let pattern = try? Pattern(loaded.source, caseless: loaded.caseless, asciiLine: true) else { continue }
            let alternatives = Prefilter.splitAlternatives(pattern)?.map(\.pattern) ?? []
            for p in [pattern] + alternatives {
                #expect(p.hasASCIILine == p.isJIT, "\(rule.id)")
                for example in rule.examples.match + rule.examples.noMatch where example.utf8.allSatisfy({ $0 < 0x80 }) {
                    var line = example
                    #expect(same(p, on: &line), "\(rule.id) on \(example)")
                }
            }
        }
    }

    /// A rule's `ascii_copy` gives its pattern and its split alternatives the variant for ASCII
    /// lines; without it they have none (step 690 in docs/performance.md).
    @Test func asciiCopyIsAskedForByTheRule() throws {
        let yaml = """
        - id: t.copy
          description: d
          pattern: '\\b(foo|bar)\\s+\\d+|^\\s*baz\\b'
          ascii_copy: true
          scores: {article: 1}
        - id: t.plain
          description: d
          pattern: '\\b(foo|bar)\\s+\\d+|^\\s*qux\\b'
          scores: {article: 1}
        """
        let rules = try RuleLoader.parse(yaml: yaml, file: "t.yml")
        let copied = try #require(rules[0].pattern), plain = try #require(rules[1].pattern)
        #expect(copied.hasASCIILine && copied.wantsASCIILine)
        #expect(!plain.hasASCIILine && !plain.wantsASCIILine)
        #expect(Prefilter.splitAlternatives(copied)?.allSatisfy(\.pattern.hasASCIILine) == true)
        #expect(Prefilter.splitAlternatives(plain)?.allSatisfy { !$0.pattern.hasASCIILine } == true)
        #expect(throws: RuleLoadError.self) {
            try RuleLoader.parse(yaml: "- id: t.x\n  description: d\n  when: {max_words: 3}\n  ascii_copy: true\n  scores: {article: 1}\n", file: "t.yml")
        }
    }

    /// `ascii_copy: true` on a pattern whose copy cannot differ (no `\d \s \w \b`, which alone
    /// UCP changes, or a POSIX class, which gets no copy) is a lint warning (session 28, gaps32);
    /// an escaped backslash or a `\Q…\E` run holds no such escape. No bundled rule with the key
    /// is one.
    @Test func anASCIICopyThatCannotPayIsFoundFromThePattern() throws {
        for source in [#"^(home|about)$"#, #"\\d+ items"#, #"\Q\d\E and more"#, #"\p{Lu}\.?\x{2019}"#] {
            #expect(Pattern.asciiCopyCannotPay(source)?.contains("none of") == true, "\(source)")
        }
        #expect(Pattern.asciiCopyCannotPay("[[:alpha:]]+\\d")?.contains("POSIX") == true)
        for source in [#"\d{4}"#, #"^\s*by\b"#, #"\W+$"#, #"\Q.\E\w"#, #"a\Bb"#] {
            #expect(Pattern.asciiCopyCannotPay(source) == nil, "\(source)")
        }
        let stale = Repo.rules.rules.filter { $0.pattern?.wantsASCIILine == true && Pattern.asciiCopyCannotPay($0.pattern!.source) != nil }
        #expect(stale.map(\.id) == [])
        #expect(Repo.rules.rules.contains { $0.pattern?.wantsASCIILine == true })
    }

    /// Whether `p` gives `line` the same outcome as the line `beginLine` names as on any subject.
    private func same(_ p: Pattern, on line: inout String) -> Bool {
        let plain = line.withUTF8 { p.pcre2Match(in: $0, scratch: scratch) }
        let viaLine = line.withUTF8 { bytes -> MatchOutcome in
            scratch.beginLine(bytes)
            defer { scratch.endLine() }
            return p.pcre2Match(in: bytes, scratch: scratch)
        }
        return plain == viaLine
    }

    /// The variant's letter is the pattern's first literal only (not escaped, not in a class).
    @Test func asciiFirstLetterRewritesOnlyTheFirstLiteral() {
        #expect(Pattern.asciiFirstLetter(#"\bso\s+see"#) == #"\b(?-i:[sS])o\s+see"#)
        #expect(Pattern.asciiFirstLetter(#"(?<![a-z0-9_])(?<!\w)(?:keep)"#) == #"(?<![a-z0-9_])(?<!\w)(?:(?-i:[kK])eep)"#)
        #expect(Pattern.asciiFirstLetter(#"(?<!\)[(]s)x"#) == nil)
        #expect(Pattern.asciiFirstLetter(#"(?<!\)[(]s)s"#) == #"(?<!\)[(]s)(?-i:[sS])"#)
        #expect(Pattern.asciiFirstLetter(#"\sk"#) == nil)
        #expect(Pattern.asciiFirstLetter(#"(?i)sub"#) == nil)
        #expect(Pattern.asciiFirstLetter(#"(?<author>s)"#) == nil)
        #expect(Pattern.asciiFirstLetter("") == nil)
    }

    /// Long s and the Kelvin sign are found wherever they stand, and curly quotes (0xE2 …) are not them.
    @Test func holdsFoldableFindsLongSAndKelvin() {
        for (text, holds) in [("plain", false), ("\u{17F}", true), ("a \u{212A}", true), ("“quoted” — dash", false),
                              ("“x” \u{17F}ub", true), ("", false), ("Å", false), ("é\u{212A}", true)] {
            var line = text
            #expect(line.withUTF8 { LiteralFold.holdsFoldable($0) } == holds, "\(text)")
        }
    }
}

/// One compiled copy per distinct source and case option, and the last call's answer reused for
/// the same code on the same line (step 520 in docs/performance.md).
@Suite struct SharedPatternCodeTests {
    @Test func aSourceIsCompiledOnce() throws {
        let p = try Pattern(#"^\W*by\s+(?<author>\p{Lu}\w+)"#), q = try Pattern(#"^\W*by\s+(?<author>\p{Lu}\w+)"#)
        #expect(p !== q && p.code == q.code && p.groupNames == q.groupNames)
        #expect(try Pattern(#"^\W*by\s+(?<author>\p{Lu}\w+)"#, caseless: false).code != p.code)
        #expect(try Pattern(#"^\W*by\s+(?<author>\p{Lu}\w+)x"#).code != p.code)
        #expect(p.threadCopy().code == p.code)
        // The variant is shared with the code (both patterns alive: the code is freed with its
        // last pattern, and a later compile may then reuse its address).
        let s = try Pattern(#"\bsub"#), t = try Pattern(#"\bsub"#)
        #expect(s.asciiFirst != nil && s.asciiFirst == t.asciiFirst)
    }

    /// Every sequence of calls on a line, with shared and distinct patterns, other subjects and
    /// empty lines between them: each answer is the pattern's own on a fresh scratch.
    @Test func aLinesAnswersAreEachPatternsOwn() throws {
        let sources = [#"^\W*by\s+(?<author>\p{Lu}\w+)"#, #"\bsub\w*"#, #"\d+"#, #"^\W*by\s+(?<author>\p{Lu}\w+)"#, #"x{3,}"#, #"\d+"#]
        let patterns = try sources.map { try Pattern($0) }
        let lines = ["By Jane Doe", "subscribe 12 now", "", "xxxx 7 By Ann", "ſub 3", "by bob", "Kelvin K 99"]
        let fresh = MatchScratch()
        func alone(_ p: Pattern, _ s: String) -> MatchOutcome {
            var copy = s
            return copy.withUTF8 { p.pcre2Match(in: $0, scratch: fresh) }
        }
        let scratch = MatchScratch()
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let text = lines.randomElement(using: &rng)!
            var line = text
            line.withUTF8 { bytes in
                scratch.beginLine(bytes)
                defer { scratch.endLine() }
                for _ in 0..<6 {
                    let p = patterns.randomElement(using: &rng)!
                    if Int.random(in: 0..<5, using: &rng) == 0 {
                        // Another subject between two calls on the line.
                        let other = lines.randomElement(using: &rng)!
                        #expect(p.firstMatch(in: other, scratch: scratch) == alone(p, other))
                    }
                    let expected = alone(p, text)
                    #expect(p.pcre2Match(in: bytes, scratch: scratch) == expected, "\(p.source) on \(text)")
                    #expect(p.firstMatch(in: bytes, scratch: scratch) == expected, "\(p.source) on \(text)")
                }
            }
        }
    }
}
