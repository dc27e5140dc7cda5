import FuzzDriver
import Winnow

/// The whole label pipeline with the bundled rules: any page gets one label per non-blank line,
/// segments that never overlap, and a clean output made of exactly the article lines.
nonisolated(unsafe) let labeler: Labeler = {
    guard let rules = try? RuleSet.bundled() else { fatalError("bundled rules not found; set WINNOW_RULES") }
    return Labeler(rules: rules)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    // Through the reader's checks, as the command line does: binary input is refused there.
    guard let page = try? PageReader.decode(source: "fuzz", bytes: bytes) else { return 0 }
    let result = labeler.label(page)
    precondition(result.lines.count == page.lines.count)
    for line in result.lines { precondition((line.label == nil) == Page.isBlank(line.text)) }
    var last = 0
    for segment in result.segments {
        precondition(segment.lines.lowerBound > last && segment.lines.upperBound <= page.lines.count, "segments overlap")
        last = segment.lines.upperBound
    }
    // Split on bytes: a combining mark after "\n" makes one Character, not a line break.
    let clean = CleanText.render(result).utf8.split(separator: 0x0A, omittingEmptySubsequences: true)
    precondition(clean.map { String(decoding: $0, as: UTF8.self) } == result.articleLines.map(\.text), "clean != article lines")
    return 0
}

@_cdecl("FuzzLabel_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzLabel)
}
