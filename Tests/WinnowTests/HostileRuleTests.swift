import Foundation
import Testing
@testable import Winnow

/// Hostile rule files and patterns, beyond the loader's own checks in RuleLoaderTests: each gives
/// a precise error (file, line, rule id) or works, and a catastrophic pattern never stalls a page.
@Suite struct HostileRuleTests {
    /// A rule directory with the bundled config.yml (its real PCRE2 limits), the models it names,
    /// and the given rule files.
    func directory(_ files: [String: String]) throws -> String {
        let config = try String(contentsOfFile: Repo.path("rules/config.yml"), encoding: .utf8)
        let dir = try temporaryRuleDirectory(files, config: config)
        try FileManager.default.createSymbolicLink(atPath: dir + "/models", withDestinationPath: Repo.path("rules/models"))
        return dir
    }

    @Test func bundledConfigSetsPCRE2Limits() {
        #expect(Repo.rules.config.limits == MatchLimits(matchLimit: 1_000_000, depthLimit: 10_000))
    }

    /// Nested quantifiers over long lines that almost match: with the bundled limits each line
    /// stops at a PCRE2 limit, is reported in the warnings and the audit, and the page goes on.
    /// (The backtracking is exponential in characters, so the short lines stay under the limit.)
    @Test func catastrophicPatternIsBoundedReportedAndTheRunContinues() throws {
        let dir = try directory(["slow.yml": """
            - id: slow.nested
              description: nested quantifiers, exponential on a near miss
              pattern: '^(\\w+\\s?)+$'
              scores: {boilerplate.other: 5}
            - id: share.prompt
              description: a share prompt
              pattern: '^share this'
              scores: {boilerplate.share: 3}
            """])
        let labeler = Labeler(rules: try RuleLoader.load(directory: dir))
        let hostile = String(repeating: "ab ", count: 20_000) + "!"
        let page = Page(source: "t", lines: [hostile, "Share this now!", hostile, "Thanks."])
        let result = labeler.label(page)
        #expect(result.lines[0].limitHits == ["slow.nested"] && result.lines[2].limitHits == ["slow.nested"])
        let limitWarnings = result.warnings.filter { $0.contains("rule 'slow.nested' stopped at a PCRE2 limit") }
        #expect(limitWarnings.map { $0.prefix(7) } == ["line 1:", "line 3:"], "\(limitWarnings)")
        #expect(AuditReport.render(result).contains("limit   rule 'slow.nested' stopped at a PCRE2 limit"))
        #expect(result.lines.map(\.label) == [.article, Label(.boilerplate, "share"), .article, .article])
    }

    @Test func tenMegabytePatternIsAPreciseError() throws {
        let pattern = String(repeating: "abcdefghij", count: 1 << 20)
        let errors = loadErrors(directory: try directory(["big.yml": """
            - id: big.pattern
              description: a ten-megabyte literal
              pattern: '\(pattern)'
              scores: {article: 1}
            """]))
        let e = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(e.file.hasSuffix("big.yml") && e.line == 3 && e.ruleID == "big.pattern")
        #expect(e.message.contains("regular expression is too large"))
        // The message quotes the start of the pattern, not all ten megabytes.
        #expect(e.description.utf8.count < 1000)
    }

    @Test func tenThousandRulesLoadAndLabel() throws {
        let yaml = (0..<10_000).map { i in
            "- id: many.r\(i)\n  description: rule \(i)\n  pattern: '\\bword\(i)\\b'\n  scores: {boilerplate.other: 3}\n"
        }.joined()
        let set = try RuleLoader.load(directory: try directory(["many.yml": yaml]))
        #expect(set.rules.count == 10_000)
        #expect(set.rules[9_999].line == 39_997)
        let result = Labeler(rules: set).label(Page(source: "t", lines: ["this has word9999 in it", "plain text"]))
        #expect(result.lines[0].hits.map(\.ruleID).contains("many.r9999"))
        #expect(result.lines.map(\.label) == [Label(.boilerplate, "other"), .article])
    }

    @Test func duplicateKeyInOneRuleNamesTheLine() throws {
        let errors = try loadErrors(["a.yml": """
            - id: x
              description: d
              pattern: 'a'
              pattern: 'b'
              scores: {article: 1}
            """])
        let e = try #require(errors.first)
        #expect(e.file.hasSuffix("a.yml") && e.line >= 1)
        #expect(e.message.contains("duplicate"))
    }

    @Test(arguments: [
        ("pattern: [a, b]", "pattern"), ("scores: 5", "scores"), ("description: {a: 1}", "description"),
        ("id: [x]", "id"),
    ])
    func wrongTypeOfAFieldIsAnError(field: String, key: String) throws {
        var lines = ["id: r1", "description: d", "pattern: 'a'", "scores: {article: 1}"]
        lines[lines.firstIndex { $0.hasPrefix(key + ":") }!] = field
        let errors = try loadErrors(["a.yml": "- " + lines.joined(separator: "\n  ") + "\n"])
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.file.hasSuffix("a.yml") && $0.line >= 1 })
        #expect(errors.contains { $0.message.contains(key) })
    }

    /// "Billion laughs": aliases nested twelve deep would expand to 10^12 nodes if copied out or
    /// walked. The reader never walks into a value it does not use: the bomb under unknown keys
    /// is one "unknown key" error per key, and inside `examples.match`, which wants a list of
    /// strings, one type error at the list's first item, within the time limit.
    @Test(.timeLimit(.minutes(1))) func aliasBombGivesOneErrorPerKeyWithoutExpanding() throws {
        let head = "- id: bomb\n  description: d\n  pattern: 'a'\n  scores: {article: 1}\n"
        let levels = 12
        func level(_ i: Int) -> String {
            i == 0 ? "&x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
                : "&x\(i) [" + Array(repeating: "*x\(i - 1)", count: 10).joined(separator: ", ") + "]"
        }
        var unknownKeys = head
        for i in 0..<levels { unknownKeys += "  x\(i): \(level(i))\n" }
        let errors = try loadErrors(["a.yml": unknownKeys])
        #expect(errors.count == levels)
        #expect(errors.allSatisfy { $0.ruleID == "bomb" && $0.message.contains("unknown key 'x") })

        let inExamples = head + "  examples:\n    match: [" + (0..<levels).map(level).joined(separator: ", ") + ", *x\(levels - 1)]\n"
        let typeErrors = try loadErrors(["a.yml": inExamples])
        #expect(typeErrors.count == 1)
        #expect(typeErrors.first?.message.contains("'examples.match' must be a list of strings") ?? false)
    }

    @Test func invalidUTF8InConfigNamesTheLine() throws {
        let dir = try temporaryRuleDirectory(["a.yml": "- id: x\n  description: d\n  pattern: 'a'\n  scores: {article: 1}\n"], config: nil)
        try Data(Array("priors:\n  body: {article: 1}\n# caf".utf8) + [0xE9] + Array("\n".utf8))
            .write(to: URL(fileURLWithPath: dir + "/config.yml"))
        let e = try #require(loadErrors(directory: dir).first)
        #expect(e.file.hasSuffix("config.yml") && e.line == 3)
    }
}

extension HostileRuleTests {
    /// Three stop words that share both their slots of the short words' two-choice table at
    /// every size it may take (`StopwordTable.maxExtraBits`): found here among the words of four
    /// letters, as a hostile list would be made (with more bits to share, each doubling only
    /// put off); the table grew until they parted, without a bound. The list is a load error
    /// that names config.yml and the setting; words that differ only by trailing NUL bytes
    /// (one key) load.
    @Test func stopWordsMadeToCollideAreALoadErrorNotAnEndlessTable() throws {
        // Three words: the table's least size is 16 slots (bits 4), the most 2^(4 + maxExtraBits).
        let bits = 4 + StopwordTable.maxExtraBits
        var byPair: [Int: [String]] = [:]
        var colliding: [String] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        search: for a in letters { for b in letters { for c in letters { for d in letters {
            let word = [a, b, c, d]
            let key = word.withUnsafeBufferPointer { StopwordTable.pack($0.baseAddress!, count: 4, wholeWord: false) }
            let pair = StopwordTable.slot(key, shift: 64 - bits) << 32 | StopwordTable.otherSlot(key, shift: 64 - bits)
            byPair[pair, default: []].append(String(decoding: word, as: UTF8.self))
            if byPair[pair]!.count == 3 { colliding = byPair[pair]!; break search }
        } } } }
        try #require(colliding.count == 3)
        let list = colliding.map { "'\($0)'" }.joined(separator: ", ")
        let dir = try temporaryRuleDirectory(["a.yml": "- id: x\n  description: d\n  pattern: 'a'\n  scores: {article: 1}\n"],
                                             config: "priors: {body: {article: 1}}\nstopwords: [\(list)]\n")
        let e = try #require(loadErrors(directory: dir).first)
        #expect(e.file.hasSuffix("config.yml") && e.line == 2)
        #expect(e.message.contains("'stopwords'") && e.message.contains("do not fit"), "\(e.message)")

        let nul = try temporaryRuleDirectory(["a.yml": "- id: x\n  description: d\n  pattern: 'a'\n  scores: {article: 1}\n"],
                                             config: "priors: {body: {article: 1}}\nstopwords: [the, \"the\\0\", \"the\\0\\0\", \"\\0\"]\n")
        #expect(loadErrors(directory: nul).isEmpty)
        let table = try RuleLoader.load(directory: nul).stopwords
        #expect(LineFeatures(text: "the the cat", stopwords: table).stopwordRatio > 0.6)
    }
}
