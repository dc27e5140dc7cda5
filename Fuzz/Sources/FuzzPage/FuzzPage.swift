import FuzzDriver
import Winnow

/// The page model: any bytes decode to lines without losing or inventing a line break.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let page = Page(source: "fuzz", bytes: bytes)
    for line in page.lines {
        precondition(!line.utf8.contains(0x0A) && !line.utf8.contains(0x0D), "line break inside a line")
        _ = Page.isBlank(line)
        _ = LineFeatures(text: line, stopwords: ["the", "a"])
    }
    return 0
}

@_cdecl("FuzzPage_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzPage)
}
