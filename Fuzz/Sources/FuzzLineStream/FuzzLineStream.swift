import FuzzDriver
import Winnow

/// `LineStream` (`ReaderChecks.lineStream`): the lines of a plain split at LF, CRLF and lone CR,
/// in order, and under the limit the first byte sets, each line or its length alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    if let failure = ReaderChecks.lineStream(Array(bytes.dropFirst()), limit: Int(first)) { fatalError("line-stream: \(failure)") }
    return 0
}

@_cdecl("FuzzLineStream_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzLineStream)
}
