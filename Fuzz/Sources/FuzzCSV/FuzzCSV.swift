import FuzzDriver
import Winnow

/// The CSV reader (`ReaderChecks`): the first byte picks raw bytes (every byte in one row, rows
/// and records in order, none over the limit the second byte sets) or a round trip (fields
/// written as RFC 4180 CSV and as JSON Lines come back the same, in order).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let failure: String?
    if mode & 1 == 0 {
        let limit = 1 + Int(bytes.dropFirst().first ?? 0)
        failure = ReaderChecks.csv(Array(bytes.dropFirst(2)), limit: limit)
    } else {
        failure = ReaderChecks.roundTrip(Array(bytes.dropFirst()))
    }
    if let failure { fatalError("csv: \(failure)") }
    return 0
}

@_cdecl("FuzzCSV_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzCSV)
}
