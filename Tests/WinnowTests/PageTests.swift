import Foundation
import Testing
@testable import Winnow

@Suite struct PageTests {
    /// `isBlank` answers ASCII characters by value: the same as Unicode's White_Space.
    @Test func blankMeansUnicodeWhitespaceOnly() {
        for v in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let line = String(scalar)
            #expect(Page.isBlank(line) == scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
            #expect(!Page.isBlank(line + "a") && Page.isBlank(" \t" + (scalar.properties.isWhitespace ? line : "")))
        }
        #expect(Page.isBlank(""))
    }

    @Test func linesAreNumberedAsInTheInputWithAnyLineEnding() {
        let page = Page(source: "t", bytes: Array("one\r\ntwo\rthree\nfour".utf8))
        #expect(page.lines == ["one", "two", "three", "four"])
    }

    @Test func finalNewlineDoesNotAddALineButBlankLinesCount() {
        #expect(Page(source: "t", bytes: Array("a\n\nb\n".utf8)).lines == ["a", "", "b"])
        #expect(Page(source: "t", bytes: Array("a\n\n".utf8)).lines == ["a", ""])
    }

    @Test func emptyPageHasNoLinesAndNoSegments() throws {
        let page = Page(source: "t", bytes: [])
        #expect(page.lines.isEmpty)
        let result = Labeler(rules: Repo.rules).label(page)
        #expect(result.segments.isEmpty)
        #expect(result.lineCount == 0)
    }

    /// Lines split from the bytes are those split from the whole decoded text, line breaks,
    /// invalid sequences (one cut by a line break too) and NULs alike.
    @Test func linesSplitFromBytesAreThoseOfTheDecodedText() {
        let samples: [[UInt8]] = [Array("a\r\r\nb\rc\n\nd".utf8), [0x61, 0xE2, 0x82, 0x0A, 0xAC, 0x62, 0x0D], [0x00, 0x0A, 0xF0, 0x9F, 0x98, 0x80, 0x0A],
                                  Array("\n".utf8), Array("x\r".utf8), [0xC3, 0x0D, 0x0A, 0xA9]]
        for bytes in samples {
            #expect(Page.splitLines(utf8: bytes[...]) == Page.splitLines(String(decoding: bytes, as: UTF8.self)), "\(bytes)")
        }
    }

    /// A one-line page costs about twice its size, not four times: its bytes were decoded whole,
    /// then copied byte by byte into a buffer, then into the line (a 50 MB line took 269 MB,
    /// 151 MB now, with 53 MB for the rules alone).
    @Test func aOneLinePageIsNotCopiedFourTimes() throws {
        let path = NSTemporaryDirectory() + "winnow-one-line-" + UUID().uuidString + ".txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = 16 << 20
        let sentence = Array("The council said on Tuesday that the harbour road would reopen once the storm had passed. ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        while bytes.count < size { bytes += sentence }
        bytes += [0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let none = try CLI.peakMB(["clean", "--rules", Repo.path("rules"), "/dev/null"])
        let one = try CLI.peakMB(["clean", "--rules", Repo.path("rules"), path])
        #expect(none.status == 0 && one.status == 0)
        #expect(one.mb - none.mb < 3 * Double(size >> 20), "a \(size >> 20) MB line took \(Int(one.mb - none.mb)) MB over the rules")
    }

    @Test func invalidUTF8IsReplacedAndCounted() {
        let page = Page(source: "t", bytes: [0x61, 0xFF, 0x62, 0x0A, 0xC3, 0x0A, 0x63])
        #expect(page.lines == ["a\u{FFFD}b", "\u{FFFD}", "c"])
        #expect(page.warnings == ["2 invalid UTF-8 sequence(s) replaced with U+FFFD"])
    }

    /// NUL bytes are removed, the text around them kept (they were kept in the line, and printed
    /// raw by `clean`, the annotated format and the text audit), in UTF-8 and in UTF-16.
    @Test func nulBytesAreRemovedAndTruncateNothing() {
        let page = Page(source: "t", bytes: Array("ab\0cd\n\0\nef\0".utf8))
        #expect(page.lines == ["abcd", "", "ef"])
        #expect(page.warnings == ["3 NUL byte(s) removed"])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Hé\0!\nyo".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let decoded = Page(source: "t", bytes: utf16)
        #expect(decoded.lines == ["Hé!", "yo"] && decoded.warnings.last == "1 NUL byte(s) removed")
    }

    @Test func utf16WithByteOrderMarkIsDecoded() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Hé\nyo".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let page = Page(source: "t", bytes: bytes)
        #expect(page.lines == ["Hé", "yo"])
        #expect(page.warnings.first?.contains("UTF-16") == true)
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        #expect(Page(source: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("x".utf8)).lines == ["x"])
    }

    @Test func featuresOfALine() {
        let f = LineFeatures(text: "Visit www.example.com for THE news.", stopwords: ["for", "the"])
        #expect(f.words == 7)
        #expect(f.links == 1)
        #expect(f.endsWithPunctuation)
        #expect(abs(f.stopwordRatio - 2.0 / 7.0) < 1e-9)
        let g = LineFeatures(text: "“A quoted sentence.”", stopwords: [])
        #expect(g.endsWithPunctuation)
        #expect(!LineFeatures(text: "Related headline here", stopwords: []).endsWithPunctuation)
    }

    /// Curly quotes and ellipses whose UTF-8 bytes were read as Latin-1 or Windows-1252 end a
    /// sentence as the characters do (web-t121's paragraphs end "arrives.â\u{80}\u{9D}"); the
    /// same sequences after a word, and an opening quote's or a dash's, do not.
    @Test func misDecodedClosingQuotesEndASentence() {
        func ends(_ t: String) -> Bool { LineFeatures(text: t, stopwords: []).endsWithPunctuation }
        #expect(ends("the wolf arrives.\u{E2}\u{80}\u{9D}"))
        #expect(ends("the wolf arrives.\u{E2}\u{20AC}\u{9D}"))
        #expect(ends("it\u{E2}\u{80}\u{99}s the wolf.\u{E2}\u{20AC}\u{2122}"))
        #expect(ends("and then\u{E2}\u{80}\u{A6}"))
        #expect(ends("He said: \u{E2}\u{80}\u{9C}Go.\u{E2}\u{80}\u{9D} (Photo)."))
        #expect(!ends("the wolf arrives\u{E2}\u{80}\u{9D}"))
        #expect(!ends("the wolf arrives.\u{E2}\u{80}\u{9C}"))
        #expect(!ends("the wolf arrives.\u{E2}\u{80}\u{93}"))
        #expect(!ends("Smart\u{E2}\u{80}\u{9D}er"))
        #expect(!ends("Le ch\u{E2}teau \u{E2}"))
    }

    /// Stop words of every length up to the packed table's eight bytes, the pair table's sixteen
    /// (step 192 in docs/performance.md) and past it, looked up in lines where the word is
    /// followed by other bytes or ends the line, in any case.
    @Test func stopWordsOfEveryLengthAreFoundAsInASetOfLowercasedWords() {
        let stopwords: Set<String> = ["a", "of", "the", "with", "about", "before", "between", "don't-a", "yourself",
                                      "themselves", "notwithstanding", "Capital", "zz", "nevertheless", "whatsoever1234567",
                                      "counterrevolutionaries"]
        let words = stopwords.sorted() + ["capital", "THEMSELVES", "Yourself", "yourselfs", "yoursel", "AbOuT", "z", "zzz",
                                          "thema", "ofthe", "WITH", "dON'T-A", "themselve", "notwithstandinG", "b",
                                          "NeverTheLess", "neverthelest", "nevertheles", "notwithstandings", "whatsoever123456",
                                          "WhatSoever1234567", "counterrevolutionarie", "COUNTERREVOLUTIONARIES"]
        for word in words {
            for line in [word, "\(word) tail of the line", "x \(word)", "x \(word).", "\(word)–é", "\(word)é"] {
                let f = LineFeatures(text: line, stopwords: stopwords)
                let tokens = Tokens.words(line)
                let stop = tokens.filter { stopwords.contains($0.lowercased()) }.count
                #expect(f.stopwordRatio == (tokens.isEmpty ? 0 : Double(stop) / Double(tokens.count)), "\(line)")
            }
        }
    }

    /// The one-pass byte version of the features counts words as `Tokens.words` does and looks
    /// stop words up as a `Set<String>` of lowercased words would.
    @Test func featuresAgreeWithTheWordTokens() {
        let stopwords: Set<String> = ["the", "don't", "über", "a", "i", "THE"]
        let lines = ["The cat's don't-stop anti-ISIS 'quoted' -dash- end-", "ÜBER über Über straße ſtop \u{212A}elvin",
                     "I a A THE the", "née\u{0301} ٣ 三 ⅳ x²", "😀 emoji, tab\there’s it’s", "", "—", "a-", "'a", "x''y", "\0b"]
        for text in lines {
            let f = LineFeatures(text: text, stopwords: stopwords)
            expectWordCounts(f, text: text, stopwords: stopwords)
            #expect(f.chars == text.unicodeScalars.filter { !$0.properties.isWhitespace }.count, "\(text)")
        }
    }

    /// Letters, capitals, characters and first capitals as the Unicode properties count them,
    /// on random lines of ASCII letter and digit runs of every length (the loop of their own
    /// that sums them, step 170 in docs/performance.md) against accented letters, spaces,
    /// joining marks and the line's end.
    @Test func asciiRunsCountLettersAndCapitalsAsTheScalarPropertiesDo() {
        let pieces = ["a", "Z", "q", "7", "Ab", "xY9", "HELLO", "world", " ", " ", "\t", "-", "'", ".", "é", "É", "’", "ß", "—", "http://x.com", "™"]
        expectScalarCounts(pieces: pieces, upTo: 15, stopwords: ["a"], seed: 0x5EED_1700_A5C1_0001)
    }

    /// Runs of ASCII letters and digits on lines whose last byte ends every run (the run loop
    /// without a test of the line's end, step 190 in docs/performance.md) and on lines that end
    /// inside a run, next to every byte value around the letters and digits, and stop words of one
    /// to eight bytes packed with the line's bytes after them or without (step 191): counts and
    /// the stop-word share as the Unicode properties and a set of lowercased words give them.
    @Test func runsAndStopWordsAtTheLinesEndCountAsTheScalarsDo() {
        let pieces = ["a", "Z", "the", "The", "OF", "x9", "About", "abcdefg", "ABCDEFGH", "abcdefghi", "abcdefghijklmnopq",
                      "@", "[", "`", "{", "/", ":", "\u{7F}", "0", "9", " ", " ", "'", "-", "don't", ".", "é", "’", "\u{80}"]
        expectScalarCounts(pieces: pieces, upTo: 12, stopwords: ["a", "of", "the", "about", "abcdefgh", "abcdefg", "don't", "x9"],
                           seed: 0x5EED_1900_A5C1_0002)
    }

    /// Words the byte loop counts itself (ASCII, first letter seen) and those it hands to
    /// `LineFeatures.otherWord` (a non-ASCII byte anywhere in the word, a non-ASCII first letter,
    /// the line's last word), joined across `'`, `-` and `’` before ASCII and non-ASCII letters
    /// (step 220 in docs/performance.md).
    @Test func wordsInAndOutOfTheByteLoopCountAsTheScalarsDo() {
        let pieces = ["the", "The", "x", "t", "don", "É", "é", "über", "Über", "ß", "Ω", "1", "-", "'", "’", " ", " ", ".",
                      "\u{A0}", "\u{2003}", "\u{1F600}", "a"]
        expectScalarCounts(pieces: pieces, upTo: 10, stopwords: ["the", "über", "don't", "don’t", "x", "t", "é", "a-a", "the-é"],
                           seed: 0x5EED_2200_A5C1_0003)
    }

    /// The written-out classes of the common non-ASCII scalars are those the Unicode tables give
    /// (step 330 in docs/performance.md); on a difference (another Unicode version), the digits
    /// to write are printed.
    @Test func commonScalarClassTableIsTheUnicodeProperties() {
        let computed = LineFeatures.computedCommonScalarClass()
        #expect(LineFeatures.commonScalarClass.count == LineFeatures.commonScalarClassCount)
        let differing = computed.indices.filter { computed[$0] != LineFeatures.commonScalarClass[$0] }
        #expect(differing.isEmpty, "\(differing.count) scalars differ, first at index \(differing.first ?? 0); digits: \(computed.map { String($0, radix: 16, uppercase: true) }.joined())")
    }

    /// On 3,000 random lines of up to `upTo` `pieces`: letters, capitals, characters, words,
    /// first capitals and stop words as the Unicode properties, `Tokens.words` and a set of
    /// lowercased words count them. Seeded, so a failing line comes back on a rerun.
    /// Words, stop-word share and title share as `Tokens.words` and a `Set` of lowercased stop
    /// words give them.
    func expectWordCounts(_ f: LineFeatures, text: String, stopwords: Set<String>) {
        let tokens = Tokens.words(text)
        #expect(f.words == tokens.count, "\(text)")
        let stop = tokens.filter { stopwords.contains($0.lowercased()) }.count
        #expect(f.stopwordRatio == (tokens.isEmpty ? 0 : Double(stop) / Double(tokens.count)), "\(text)")
        let titled = tokens.filter { $0.unicodeScalars.first!.properties.isUppercase }.count
        #expect(f.titleRatio == (tokens.isEmpty ? 0 : Double(titled) / Double(tokens.count)), "\(text)")
    }

    func expectScalarCounts(pieces: [String], upTo: Int, stopwords: Set<String>, seed: UInt64) {
        var g = EngineCostTests.Generator(state: seed)
        for _ in 0..<3_000 {
            let text = (0..<g.next(upTo)).map { _ in pieces[g.next(pieces.count)] }.joined()
            let f = LineFeatures(text: text, stopwords: stopwords)
            let visible = text.unicodeScalars.filter { !$0.properties.isWhitespace }
            let letters = visible.filter { $0.properties.isAlphabetic }
            let capitals = letters.filter { $0.properties.isUppercase }.count
            #expect(f.capsRatio == (letters.isEmpty ? 0 : Double(capitals) / Double(letters.count)), "\(text)")
            #expect(f.chars == visible.count, "\(text)")
            expectWordCounts(f, text: text, stopwords: stopwords)
        }
    }

    /// Web addresses among tokens that end a sentence or a label ("end.", "said:": the mark
    /// only as the last byte, step 194 in docs/performance.md) and those with marks inside.
    @Test func linksAreTheAddressFormsWhereverTheMarkStands() {
        let links = ["www.", "WWW.", "www.x", "http://x", "HTTPS://a.b", "example.com", "example.com.", "example.co", "bit.ly/x",
                     "a-b.org:", "x.io."]
        let others = ["end.", "said:", "ww.", "wwww", "http:", "e.g.", "U.S.", "3.5", "x.comm", "a:b", ".com", "com.", "www", "w.",
                      ".", ":", "..", "http:/x", "end.)"]
        for token in links { #expect(LineFeatures.countLinks(token) == 1, "\(token)") }
        for token in others { #expect(LineFeatures.countLinks(token) == 0, "\(token)") }
        // The line's own pass (`runIsLink`, step 331) counts them alike, inside a line and at its
        // end, after a space or a tab.
        for token in links + others + ["wWw.", "www:", "www.:", "xwww.", "ww.w."] {
            let expected = LineFeatures.countLinks(token)
            for text in ["see \(token) now", "see\t\(token)", token, "\(token)\t\(token) x"] {
                let f = LineFeatures(text: text, stopwords: [])
                #expect(f.links == LineFeatures.countLinks(text) && f.links == expected * (text.hasPrefix(token + "\t") ? 2 : 1), "\(text)")
            }
        }
    }

    @Test func positionAndGapsComeFromThePage() {
        let result = Labeler(rules: Repo.rules).label(Page(source: "t", lines: ["a b", "", "c d", "e f"]))
        #expect(result.lines[0].features.position == 0)
        #expect(result.lines[3].features.position == 1)
        #expect(result.lines[2].features.gapBefore && !result.lines[2].features.gapAfter)
    }
}
