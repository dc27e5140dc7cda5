import Foundation
import PropertyBased
import Testing
@testable import Winnow

/// Properties of labelling that hold for any input bytes. Pages are built from fragments that
/// stress the page model and the rules: every line-break form, blank lines, comment headers and
/// section marks, share prompts, invalid UTF-8, NUL, combining marks, right-to-left text.
@Suite struct LabelPropertyTests {
    static let fragments: [[UInt8]] = [
        "\n", "\r\n", "\r", "\n\n", "  \t", "The council said the budget would pass. ", "schools ",
        "12 Comments", "Leave a Reply", "Anna says:", "Bob on March 3, 2024 at 9:14 am said:",
        "Share this:", "Facebook", "Subscribe to our newsletter", "Buy cheap watches at example.com ",
        "\u{0301}", "مرحبا بالعالم ", "שלום ", "\u{202E}", "😀", "\0", "Reply", "Donate now",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    static let pages = Gen<[UInt8]?>.element(of: fragments).array(of: 0...80)

    let labeler = Labeler(rules: Repo.rules)

    static func bytes(_ parts: [[UInt8]?]) -> [UInt8] { parts.compactMap { $0 }.flatMap { $0 } }

    @Test func segmentsNeverOverlapAndCoverEveryNonBlankLine() async {
        await propertyCheck(count: 200, input: Self.pages) { parts in
            let page = Page(source: "p", bytes: Self.bytes(parts))
            let result = labeler.label(page)
            #expect(result.lines.count == page.lines.count)
            var covered = Set<Int>()
            var last = 0
            for s in result.segments {
                #expect(s.lines.lowerBound > last, "segments overlap or go backwards")
                #expect(s.lines.lowerBound >= 1 && s.lines.upperBound <= page.lines.count)
                last = s.lines.upperBound
                covered.formUnion(s.lines)
            }
            for line in result.lines {
                #expect((line.label == nil) == Page.isBlank(line.text))
                if line.label != nil { #expect(covered.contains(line.number), "line \(line.number) in no segment") }
            }
        }
    }

    @Test func cleanOutputIsExactlyTheArticleLines() async {
        await propertyCheck(count: 200, input: Self.pages) { parts in
            let result = labeler.label(Page(source: "p", bytes: Self.bytes(parts)))
            // Split on bytes: a combining mark after "\n" forms one Character with it.
            let clean = CleanText.render(result).utf8.split(separator: 0x0A, omittingEmptySubsequences: true)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(clean == result.lines.filter { $0.label == .article }.map(\.text))
        }
    }

    /// Same input, same output: twice in a row, and on several threads at once, each with its
    /// own labeler (its own PCRE2 scratch).
    @Test func labellingIsDeterministicAcrossRunsAndThreads() async {
        await propertyCheck(count: 40, input: Self.pages) { parts in
            let bytes = Self.bytes(parts)
            let reference = JSONReport.render(labeler.label(Page(source: "p", bytes: bytes)))
            #expect(JSONReport.render(labeler.label(Page(source: "p", bytes: bytes))) == reference)
            let rules = Repo.rules
            let outputs = await withTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask { JSONReport.render(Labeler(rules: rules).label(Page(source: "p", bytes: bytes))) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outputs.allSatisfy { $0 == reference })
        }
    }

    /// Batch labelling gives the same records with one job or several (the records are the
    /// generated pages, as CSV fields: quotes doubled, bytes decoded as UTF-8).
    /// The check runs in a plain throwing function, called from the async closure: with its body
    /// in the closure, `swift test -c release` crashed the compiler (signal 11, LLVM "While
    /// splitting coroutine" of this closure, Swift 6.3.1; docs/fuzzing.md, "Release tests").
    @Test func batchLabellingIsTheSameWithOneOrSeveralJobs() async {
        let pages = Self.pages.array(of: 12...12)
        await propertyCheck(count: 5, input: pages) { generated in try Self.batchIsTheSameWithOneOrThreeJobs(generated) }
    }

    @inline(never)
    static func batchIsTheSameWithOneOrThreeJobs(_ generated: [[[UInt8]?]]) throws {
        let fields = generated.map { String(decoding: bytes($0), as: UTF8.self).replacingOccurrences(of: "\"", with: "\"\"") }
        let csv = "id,content\n" + fields.enumerated().map { "\($0.offset),\"\($0.element)\"" }.joined(separator: "\n") + "\n"
        let one = try runBatch(try csvSource(csv), task: .label, jobs: 1)
        let three = try runBatch(try csvSource(csv), task: .label, jobs: 3)
        #expect(one.stats.recordsIn == 12 && one.stats.recordsOut == 12)
        #expect(three.output == one.output)
    }
}
