/// One input record of a batch run: a row of a CSV file, a line of a JSON Lines file or a file
/// of a directory. A record that could not be read still exists, with its `error`, so that
/// every input record produces exactly one output record.
public struct BatchRecord: Sendable {
    /// 1-based position in the input.
    public let number: Int
    /// The record's id: a string, a number, or null when the input has none.
    public var id: JSONValue
    /// The page text, as raw bytes (decoded by `Page`, which repairs invalid UTF-8).
    public var text: [UInt8]
    /// CSV only: every input field, passed through unchanged to CSV output.
    public var columns: [[UInt8]]
    /// Why the record could not be processed; nil when it can be.
    public var error: String?
    /// What reading had to repair.
    public var warnings: [String]
    /// Input bytes the record took, for progress and the in-flight memory budget.
    public var size: Int

    public init(number: Int, id: JSONValue = .null, text: [UInt8] = [], columns: [[UInt8]] = [],
                error: String? = nil, warnings: [String] = [], size: Int = 0) {
        self.number = number
        self.id = id
        self.text = text
        self.columns = columns
        self.error = error
        self.warnings = warnings
        self.size = size
    }
}

/// A stream of batch records in input order.
public protocol BatchSource: AnyObject {
    /// The next record, or nil when the input is exhausted.
    func next() -> BatchRecord?
    /// CSV only: the header row, passed through to CSV output.
    var header: [[UInt8]]? { get }
    /// Input bytes read so far and in total (when known), for progress.
    var bytesRead: Int { get }
    var totalBytes: Int? { get }
}

extension BatchSource {
    public var header: [[UInt8]]? { nil }
}

/// Decodes an id or field, replacing invalid UTF-8 and saying so.
func decodeField(_ bytes: [UInt8], name: String, warnings: inout [String]) -> String {
    let invalid = Page.countInvalidUTF8(bytes)
    if invalid > 0 { warnings.append("\(name): \(invalid) invalid UTF-8 sequence(s) replaced with U+FFFD") }
    return String(decoding: bytes, as: UTF8.self)
}
