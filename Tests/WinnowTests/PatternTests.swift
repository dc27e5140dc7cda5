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
}
