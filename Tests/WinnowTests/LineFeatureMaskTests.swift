import Testing
@testable import Winnow
import CWinnowScan

/// Step 450: a line's features counted from bit masks (`ws_line_features`, C, with the spans it
/// leaves to Swift) are those of the byte loop (`init(scalarUTF8:)`), for every ASCII byte and
/// many non-ASCII characters at every place of short lines, random lines of fragments (words,
/// stop words, joiners, quotes, accented and non-Latin words, links, long words, tabs) of 0 to
/// 300 bytes, lines over 4,096 bytes with and without a space to cut them at, and lines with
/// more spans than fit.
@Suite struct LineFeatureMaskTests {
    typealias Generator = EngineCostTests.Generator

    static let rules = Repo.rules
    static let shortWords = ShortWords(literals: ["u", "go", "a", "x1", "9"].map { Array($0.utf8) }, common: ["a"])

    /// Both ways, with and without a short-run table, the masks made with SSE2 and (when the
    /// processor has it) AVX2; the difference, if any.
    static func compare(_ text: String, shortWords: ShortWords = shortWords) -> String? {
        var line = text
        return line.withUTF8 { b -> String? in
            for table in [nil, shortWords] {
                let bytes = LineFeatures(scalarUTF8: b, stopwords: rules.stopwords, shortWords: table)
                for avx2 in [Int32(1), 0] {
                    let used = ws_features_set_avx2(avx2)
                    let masks = LineFeatures(utf8: b, stopwords: rules.stopwords, shortWords: table)
                    ws_features_set_avx2(1)
                    if masks != bytes { return "\(masks) (AVX2 \(used))\nbyte loop: \(bytes)" }
                }
            }
            return nil
        }
    }

    /// `compare` on one line of many: counts a difference, records the first four.
    static func check(_ text: String, _ failures: inout Int) {
        guard let d = compare(text) else { return }
        failures += 1
        if failures < 5 { Issue.record("\(text.debugDescription): \(d)") }
    }

    static let fragments: [String] = [
        "the", "The", "THE", "and", "of", "Hello", "world", "x", "I", "a", "A", "go", "GO", "u", "x1", "9", "42", "2024",
        "ourselves", "Themselves", "YOURSELVES", "something", "internationalization", "abcdefghijklmnopq",
        "don't", "it's", "well-known", "-", "'", "--", "''", "'tis", "end-", "rock'n'roll",
        "don’t", "It’s", "’", "“Quoted”", "“", "”", "—", "–", "…", "café", "Über", "naïve", "São", "ÉCOLE",
        "Москва", "привет", "日本語", "中文", "😀", "\u{00A0}", "\u{2009}", "\u{3000}", "â€™", "Ã©",
        "www.", "www.example.com", "http://example.com/a", "https://x.org", "example.com", "bit.ly/x", "a.b",
        "end.", "said:", "e.g.", "3.14", "10:30", "U.S.", "x.co", "ab.info",
        " ", " ", " ", "  ", "\t", "\r", "\u{0B}", "\u{0C}", ",", ".", "!", "?", ")", "\"", "*", "»", "(", "[", "]", "/", "_", "@", "#",
        "\u{7F}", "\u{01}", "\u{00}", "z", "Z", "0",
    ]

    static func randomLine(_ g: inout Generator, maxFragments: Int) -> String {
        var s = ""
        for _ in 0..<g.next(maxFragments + 1) {
            s += fragments[g.next(fragments.count)]
            if g.next(3) != 0 { s += " " }
        }
        return s
    }

    @Test func everyASCIIByteAndSomeScalarsAtEveryPlace() {
        let scalars: [Unicode.Scalar] = (0..<128).map { Unicode.Scalar(UInt8($0)) } + ["é", "É", "’", "“", "\u{00A0}", "ж", "Ж", "中", "😀", "\u{2028}", "²", "ß"]
        let fills = ["aZ9bQxY0cdEf", "the and of a", "it’s Café-au", "ab'cd-ef.gh:"]
        var failures = 0
        for fill in fills {
            let base = Array(fill.unicodeScalars)
            for length in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129] {
                for place in Set([0, 1, length / 2, length - 2, length - 1].filter { $0 >= 0 && $0 < length }) {
                    for s in scalars {
                        var line = (0..<length).map { base[$0 % base.count] }
                        line[place] = s
                        var text = ""
                        text.unicodeScalars.append(contentsOf: line)
                        Self.check(text, &failures)
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Step 741: a short run's second byte read when it is looked up (`ws_second_index`), no flag
    /// listed with it. Every run of one or two ASCII letters or digits (both cases), followed by
    /// every ASCII byte and some scalars, at the places around a block's edges and the piece's
    /// end, with a table that gives 62 of those runs bits of their own (the rest share bit 63).
    @Test func shortRunsByTheirSecondByte() {
        let runBytes = Array("09azAZmq".utf8)
        let literals = runBytes.map { [$0] } + runBytes.flatMap { a in runBytes.map { [a, $0] } }
        let table = ShortWords(literals: literals.prefix(62))
        let after: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) } + ["é", "’", "\u{00A0}", "中", "😀"]
        var failures = 0
        for run in literals.map({ String(decoding: $0, as: UTF8.self) }) {
            for tail in after {
                for lead in [0, 62, 63, 64] {
                    let text = String(repeating: " ", count: lead) + run + tail + " x"
                    if let d = Self.compare(text, shortWords: table) {
                        failures += 1
                        if failures < 5 { Issue.record("\(text.debugDescription): \(d)") }
                    }
                    // The run at the line's end, and one byte before it.
                    for end in [String(repeating: " ", count: lead) + run, String(repeating: " ", count: lead) + run + tail] {
                        if let d = Self.compare(end, shortWords: table) {
                            failures += 1
                            if failures < 5 { Issue.record("\(end.debugDescription): \(d)") }
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func randomLinesOfFragments() {
        var g = Generator(state: 0x450_5EED_0450_0001)
        var failures = 0
        for k in 0..<30_000 {
            let text = LineFeatureMaskTests.randomLine(&g, maxFragments: k % 3 == 0 ? 8 : 60)
            Self.check(text, &failures)
        }
        #expect(failures == 0)
    }

    @Test func longLinesAndManySpans() {
        var g = Generator(state: 0x450_5EED_0450_0002)
        var lines: [String] = []
        // Over 4,096 bytes: cut at spaces, at a tab, or not at all (no space in 4,096 bytes).
        for _ in 0..<40 {
            var s = ""
            while s.utf8.count < 4_096 + g.next(9_000) { s += LineFeatureMaskTests.randomLine(&g, maxFragments: 40) + " " }
            lines.append(s)
        }
        lines.append(String(repeating: "abcdefgh", count: 1_000))
        lines.append(String(repeating: "abcdefgh", count: 520) + " " + String(repeating: "The end. ", count: 600))
        lines.append(String(repeating: "a", count: 4_095) + " " + String(repeating: "b", count: 4_095) + "\tc")
        lines.append(String(repeating: "x", count: 4_096) + " y")
        lines.append(String(repeating: "x", count: 4_097) + " y")
        lines.append(String(repeating: "é", count: 3_000) + " the")
        // More spans than fit (256): the byte loop counts the line.
        lines.append(String(repeating: "café ", count: 300))
        lines.append(String(repeating: "a.b ", count: 300))
        lines.append(String(repeating: "internationalization ", count: 300))
        lines.append(String(repeating: "café ", count: 255) + "the")
        for text in lines {
            if let d = LineFeatureMaskTests.compare(text) { Issue.record("\(text.prefix(80).debugDescription) (\(text.utf8.count) bytes): \(d)") }
        }
    }

    /// Step 561: the labeller's span room (`LineFeatures.SpanRoom`), one for every line, gives
    /// each line the features of its own room and of the byte loop: random lines one after
    /// another through one room (its spans left from the last line, full ones among them), and
    /// lines with more spans than fit between lines that fit.
    @Test func oneSpanRoomForManyLines() {
        var g = Generator(state: 0x561_5EED_0561_0001)
        let room = LineFeatures.SpanRoom()
        var lines: [String] = []
        for k in 0..<4_000 { lines.append(LineFeatureMaskTests.randomLine(&g, maxFragments: k % 3 == 0 ? 8 : 120)) }
        for (k, many) in [String(repeating: "café ", count: 300), String(repeating: "a.b ", count: 300),
                          String(repeating: "internationalization ", count: 256), String(repeating: "café ", count: 255) + "the"].enumerated() {
            lines.insert(many, at: 1_000 * k + 7)
        }
        var failures = 0
        for text in lines {
            var line = text
            let d = line.withUTF8 { b -> String? in
                for table in [nil, LineFeatureMaskTests.shortWords] {
                    let bytes = LineFeatures(scalarUTF8: b, stopwords: LineFeatureMaskTests.rules.stopwords, shortWords: table)
                    let own = LineFeatures(utf8: b, stopwords: LineFeatureMaskTests.rules.stopwords, shortWords: table)
                    let roomed = LineFeatures(utf8: b, stopwords: LineFeatureMaskTests.rules.stopwords, shortWords: table, spans: room.spans)
                    if roomed != own || roomed != bytes { return "\(roomed)\nown room: \(own)\nbyte loop: \(bytes)" }
                }
                return nil
            }
            let viaText = LineFeatures(text: text, stopwords: LineFeatureMaskTests.rules.stopwords, shortWords: nil, spans: room)
            let plain = LineFeatures(text: text, stopwords: LineFeatureMaskTests.rules.stopwords)
            if let d = d ?? (viaText == plain ? nil : "\(viaText)\nplain: \(plain)") {
                failures += 1
                if failures < 5 { Issue.record("\(text.prefix(80).debugDescription): \(d)") }
            }
        }
        #expect(failures == 0)
    }

    /// Steps 510-513: blocks with more word edges or short runs than the lists' fixed writes
    /// (8, 16, 24 edges; 4 and 8 short runs), and link runs whose marks stand at every place
    /// around a block's edge ("www." cut by it, marks at its last and first byte, several marks
    /// in a run, a run over the whole block).
    @Test func denseBlocksAndMarksAtBlockEdges() {
        var lines: [String] = []
        for word in ["a", "go", "abc", "I", "x1 y", "a-b", "it's"] {
            for count in [1, 4, 5, 8, 9, 12, 13, 16, 17, 24, 25, 32, 33, 64, 65, 130] {
                lines.append(Array(repeating: word, count: count).joined(separator: " "))
                lines.append(Array(repeating: word, count: count).joined(separator: "  ") + ".")
            }
        }
        for run in ["www.", "WwW.", "www:", "wwww.", "ww.", "end.", "a.b", "www.x", "e.g.", ".", ":", "..", "x.co", "said:"] {
            for pad in 50..<70 {
                lines.append(String(repeating: "x", count: pad) + " " + run)
                lines.append(String(repeating: "x", count: pad) + " " + run + " tail")
                lines.append(String(repeating: "x ", count: pad / 2) + run + "\t" + run)
                lines.append(String(repeating: "q", count: pad) + run)
                lines.append(run + String(repeating: ".", count: pad - 50) + " " + run)
            }
            lines.append(String(repeating: run + " ", count: 40))
            lines.append(String(repeating: run, count: 40))
        }
        for text in lines {
            if let d = LineFeatureMaskTests.compare(text) { Issue.record("\(text.prefix(80).debugDescription) (\(text.utf8.count) bytes): \(d)") }
        }
    }

    /// Step 514: runs whose only non-ASCII characters are quotes, dashes, the ellipsis and the
    /// no-break space are counted in C, unless a right single quote joins two words ("don’t");
    /// each such run next to words, joiners, other scripts and the block's edge, alone and
    /// twice, against the byte loop.
    @Test func punctuationRegionsAtEveryPlace() {
        let runs = ["don’t", "“The", "said”", "2012–13", "a—b", "a’", "’a", "x’’y", "a’ b", "it’s”", "é’s", "“café”",
                    "a\u{00A0}b", "’\u{00A0}", "word’-x", "-’", "a-’b", "a’-b", "'’'", "…", "Wait…", "‘Q’", "’’", "A’B’C",
                    "x\u{2015}y", "x‚y", "’é", "e’é", "“", "I’m", "O’Neil’s"]
        var lines: [String] = []
        for run in runs {
            for pad in [0, 1, 57, 58, 59, 60, 61, 62, 63, 64, 65] {
                lines.append(String(repeating: "a", count: pad) + run)
                lines.append(String(repeating: "b", count: pad) + " " + run + " end")
                lines.append(String(repeating: "The ", count: pad / 4) + run + run)
                lines.append(run + String(repeating: "-", count: pad % 5) + run + " " + String(repeating: "c", count: pad))
            }
        }
        for text in lines {
            if let d = LineFeatureMaskTests.compare(text) { Issue.record("\(text.prefix(80).debugDescription) (\(text.utf8.count) bytes): \(d)") }
        }
    }

    /// The C counts alone, for lines without non-ASCII bytes: no region span, and the spans
    /// that do not fit make the call give up (-1).
    @Test func spansAndFallback() {
        var tables = LineFeatureMaskTests.rules.stopwords.featureTables
        func spans(_ text: String, capacity: Int) -> Int {
            var line = text
            var c = WSFeatureCounts()
            return line.withUTF8 { b in
                withUnsafeTemporaryAllocation(of: WSSpan.self, capacity: max(capacity, 1)) { s in
                    ws_line_features(b.baseAddress!, b.count, &tables, &c, s.baseAddress!, capacity)
                }
            }
        }
        #expect(spans("the cat sat on the mat", capacity: 4) == 0)
        #expect(spans("the café", capacity: 4) == 1)
        #expect(spans("the café", capacity: 0) == -1)
        #expect(spans("see http://example.com/a now", capacity: 4) == 1)
        #expect(spans(String(repeating: "x", count: 5_000), capacity: 4) == -1)
    }
}
