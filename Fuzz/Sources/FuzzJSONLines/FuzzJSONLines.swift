import FuzzDriver
import Winnow

/// The JSON Lines reader (`ReaderChecks.jsonLines`): a record for every line that is not blank,
/// from the line it stands on, in order, every byte read, none over the limit the first byte sets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    if let failure = ReaderChecks.jsonLines(Array(bytes.dropFirst()), limit: 1 + Int(first)) { fatalError("jsonl: \(failure)") }
    return 0
}

@_cdecl("FuzzJSONLines_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzJSONLines)
}
