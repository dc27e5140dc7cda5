import Foundation
import Testing
@testable import Winnow

/// Hostile pages: each case gets a clear warning or error, a label for every other line, and
/// no crash. Big inputs are generated here, never committed.
@Suite struct HostilePageTests {
    let labeler = Labeler(rules: Repo.rules)

    func page(_ bytes: [UInt8]) throws -> Page { try PageReader.decode(source: "test", bytes: bytes) }

    /// Every non-blank line has a label, blank lines none, and segments cover the labelled lines in order.
    func expectComplete(_ result: PageResult, lineCount: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.lines.count == lineCount, sourceLocation: sourceLocation)
        #expect(result.lines.allSatisfy { ($0.label == nil) == Page.isBlank($0.text) }, sourceLocation: sourceLocation)
        var last = 0
        var covered = 0
        for s in result.segments {
            #expect(s.lines.lowerBound > last, sourceLocation: sourceLocation)
            last = s.lines.upperBound
            covered += result.lines[(s.lines.lowerBound - 1)...(s.lines.upperBound - 1)].filter { $0.label != nil }.count
        }
        #expect(covered == result.lines.filter { $0.label != nil }.count, sourceLocation: sourceLocation)
    }

    @Test func emptyFileWarnsAndLabelsNothing() throws {
        let result = labeler.label(try page([]))
        #expect(result.lines.isEmpty && result.segments.isEmpty)
        #expect(result.warnings == ["empty page: nothing to label"])
    }

    @Test func onlyBlankLinesWarn() throws {
        let result = labeler.label(try page(Array("\n  \n\t\r\n\u{00A0}\n\n".utf8)))
        expectComplete(result, lineCount: 5)
        #expect(result.segments.isEmpty)
        #expect(result.warnings.contains("page has only blank lines: nothing to label"))
    }

    // Labelling cost in a debug build is dominated by per-scalar line features, not by the
    // number of rules; the two size cases use a one-rule set so the suite stays within seconds
    // per case while still running the whole page model and engine on the full-size input.
    static let oneRule: RuleSet = {
        let rule = try! RuleLoader.parse(yaml: """
            - id: share.prompt
              description: a share prompt
              pattern: '^share this'
              scores: {boilerplate.share: 3}
            """, file: "one.yml")
        return RuleSet(rules: rule, config: Repo.rules.config)
    }()

    @Test func singleFiftyMegabyteLine() throws {
        let words = Array("the council said the budget would pass ".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(50 << 20 + 1)
        while bytes.count < 50 << 20 { bytes += words }
        bytes.append(0x0A)
        let result = Labeler(rules: Self.oneRule).label(try page(bytes))
        expectComplete(result, lineCount: 1)
        #expect(result.lines[0].text.utf8.count == bytes.count - 1)
        #expect(result.segments.map(\.label) == [.article])
    }

    @Test func oneMillionShortLines() throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(20_000_000)
        for i in 0..<1_000_000 { bytes += Array("line \(i) of text\n".utf8) }
        let result = Labeler(rules: Self.oneRule).label(try page(bytes))
        expectComplete(result, lineCount: 1_000_000)
        #expect(result.lines.last?.text == "line 999999 of text")
    }

    @Test func invalidUTF8InManyPlacesIsRepairedAndCounted() throws {
        var bytes = [UInt8]()
        for i in 0..<200 { bytes += Array("line \(i) ".utf8) + [0xFF, 0xC3, 0x41, 0xE2, 0x82] + Array(" end\n".utf8) }
        let p = try page(bytes)
        #expect(p.lines.count == 200)
        // 0xFF, a lone lead byte 0xC3 and a truncated 3-byte sequence: three repairs per line.
        #expect(p.warnings.contains("600 invalid UTF-8 sequence(s) replaced with U+FFFD"))
        #expect(p.lines[7] == "line 7 \u{FFFD}\u{FFFD}A\u{FFFD} end")
        expectComplete(labeler.label(p), lineCount: 200)
    }

    @Test func nulBytesAreRemovedWithAWarning() throws {
        let p = try page(Array("The mayor\0 spoke.\nSecond\0\0 line of the article.\n".utf8))
        #expect(p.lines == ["The mayor spoke.", "Second line of the article."])
        #expect(p.warnings.contains("3 NUL byte(s) removed"))
        expectComplete(labeler.label(p), lineCount: 2)
    }

    @Test(arguments: [true, false])
    func utf16WithByteOrderMarkIsDecoded(bigEndian: Bool) throws {
        let text = "Le maire a parlé.\r\nSecond line ✓\n"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let p = try page(bytes)
        #expect(p.lines == ["Le maire a parlé.", "Second line ✓"])
        #expect(p.warnings.first?.hasPrefix("decoded as UTF-16") == true)
        expectComplete(labeler.label(p), lineCount: 2)
    }

    @Test func mixedLineEndingsGiveOneLineEach() throws {
        let p = try page(Array("one\ntwo\r\nthree\rfour\r\r\nsix\n\rseven".utf8))
        #expect(p.lines == ["one", "two", "three", "four", "", "six", "", "seven"])
        expectComplete(labeler.label(p), lineCount: 8)
    }

    @Test func rightToLeftAndCombiningTextIsKeptExactly() throws {
        let lines = ["מזג האוויר היום חם מאוד והעירייה הודיעה על סגירת הפארק.",
                     "\u{0301}\u{0301}a line that starts with combining acute accents",
                     "e\u{0301}te\u{0301} \u{202E}reversed\u{202C} اللغة العربية جميلة جدا",
                     "Z\u{0351}\u{0352}\u{0353}\u{0354}a\u{0355}\u{0356}l\u{0357}g\u{0358}o"]
        let p = try page(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(p.lines == lines)
        let result = labeler.label(p)
        expectComplete(result, lineCount: 4)
        #expect(result.lines.map(\.text) == lines)
    }

    @Test func pageOfOnlyComments() throws {
        var text = ""
        for i in 0..<40 { text += "reader\(i) says:\nI think the council budget is a good idea, number \(i).\n\n" }
        let result = labeler.label(try page(Array(text.utf8)))
        expectComplete(result, lineCount: 120)
        #expect(result.segments.contains { $0.label.family == .comment })
    }

    @Test func commentSectionWithNoArticle() throws {
        let text = "12 Comments\n\nAnna says:\nGreat points about the schools.\n\nBob says:\nBuy cheap watches now at example dot com\n"
        let result = labeler.label(try page(Array(text.utf8)))
        expectComplete(result, lineCount: 7)
        #expect(result.segments.filter { $0.label.family == .comment }.count == 2)
    }

    @Test func thousandsOfCommentHeaders() throws {
        let text = (0..<5000).map { "user\($0) says:\n" }.joined() + "The final line of text here.\n"
        let result = labeler.label(try page(Array(text.utf8)))
        expectComplete(result, lineCount: 5001)
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG image"),
        ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "ELF executable"),
        ([0x1F, 0x8B, 8, 0, 0, 0, 0, 0], "gzip archive"),
    ] as [([UInt8], String)])
    func binaryFileWithKnownSignatureIsRefused(bytes: [UInt8], kind: String) throws {
        let error = try #require(throws: PageReader.ReadError.self) { try page(bytes + Array(repeating: 0x41, count: 100)) }
        #expect(error.message == "binary file, not labelled (looks like a \(kind))")
    }

    @Test func binaryDataWithoutSignatureIsRefused() throws {
        // Every byte value once per 256 bytes, in a scrambled order (167 is odd, so i * 167 runs
        // through all residues): 28 of 256 are control bytes, 10.9%, always over the 10% limit.
        // (Random bytes sit too close to the limit: a random draw fell under it now and then.)
        let bytes = (0..<4096).map { UInt8(($0 * 167) % 256) }
        let error = try #require(throws: PageReader.ReadError.self) { try page([0x01] + bytes) }
        #expect(error.message.hasPrefix("binary file, not labelled ("))
        #expect(error.message.contains("control bytes"))
    }

    @Test func pageOverTheSizeLimitIsRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "winnow-big-\(UUID().uuidString).txt"
        try Data(repeating: 0x61, count: 4096).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: PageReader.ReadError.self) { try PageReader.read(path: path, maxBytes: 1000) }
        #expect(error.message == "page too large (4096 bytes): the limit is 1000 bytes; raise it with --max-page-bytes")
        #expect(try PageReader.read(path: path, maxBytes: 4096).lines.count == 1)
    }
}
