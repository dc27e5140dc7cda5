#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor (standard output by default), flushed only at a record's
/// end (`endRecord`), so output cut short (Ctrl-C, a kill) ends with a whole record: a CSV row is
/// written field by field, and a flush at every 64 KB left half a row at the end of the file.
public final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    public private(set) var failed = false
    /// Why the last write failed (`errno`, such as EPIPE when the reader of a pipe has gone), 0 while none has.
    public private(set) var failure: Int32 = 0
    /// `failure` in words ("Broken pipe"), or nil while no write has failed.
    public var failureReason: String? { failed ? (failure == 0 ? "nothing could be written" : String(cString: strerror(failure))) : nil }

    public init(fileDescriptor: Int32 = 1) {
        fd = fileDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    public func write<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Ends a record: what is buffered is written once it reaches 64 KB.
    public func endRecord() {
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(_ text: String) { write(text.utf8) }

    public func flush() {
        var offset = 0
        while offset < buffer.count, !failed {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failed = true; failure = n < 0 ? errno : 0 } else { offset += n }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The batch output formats (docs/output.md, "Batch input and output").
public enum BatchFormat: String, Sendable, CaseIterable {
    /// One JSON object per record.
    case jsonl
    /// Every input column, then the result columns.
    case csv
}

/// Writes batch results in one of the `BatchFormat`s.
public struct BatchWriter {
    public let format: BatchFormat
    public let task: BatchTask
    public let sink: OutputSink
    /// CSV output's byte between fields: the input's (`--delimiter`), a comma by default.
    public let delimiter: UInt8

    public init(format: BatchFormat, task: BatchTask, sink: OutputSink, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.format = format
        self.task = task
        self.sink = sink
        self.delimiter = delimiter
    }

    var resultColumn: String { task == .clean ? "cleaned_text" : "segments" }

    /// The result columns CSV output adds after the input's.
    public var resultColumns: [String] { [resultColumn, "line_count", "warnings", "error"] }

    /// The result columns that the input header already names (a file an earlier run wrote):
    /// CSV output would hold two columns of one name, which CSV readers do not tell apart.
    public func clashingColumns(input: [[UInt8]]) -> [String] {
        guard format == .csv else { return [] }
        let names = Set(input.map { String(decoding: $0, as: UTF8.self) })
        return resultColumns.filter(names.contains)
    }

    /// CSV only: the input header (or `id` when the input has none) and the result columns.
    public func writeHeader(input: [[UInt8]]?) {
        guard format == .csv else { return }
        let names = (input ?? [Array("id".utf8)]) + resultColumns.map { Array($0.utf8) }
        writeRow(names)
    }

    public func write(_ result: BatchResult) {
        switch format {
        case .jsonl: sink.write(jsonValue(result).serialized() + "\n")
        case .csv: writeRow(csvFields(result))
        }
        sink.endRecord()
    }

    func jsonValue(_ r: BatchResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("record", .int(r.record.number)), ("id", r.record.id)]
        if let cleaned = r.cleaned { pairs.append(("text", .string(cleaned))) }
        if let segments = r.segments { pairs.append(("segments", segments)) }
        if let lineCount = r.lineCount { pairs.append(("line_count", .int(lineCount))) }
        pairs.append(("warnings", .array(r.warnings.map { .string($0) })))
        if let error = r.error { pairs.append(("error", .string(error))) }
        return .object(pairs)
    }

    func csvFields(_ r: BatchResult) -> [[UInt8]] {
        var fields = r.record.columns
        if fields.isEmpty {
            switch r.record.id {
            case .string(let s): fields = [Array(s.utf8)]
            case .null: fields = [[]]
            case let other: fields = [Array(other.serialized().utf8)]
            }
        }
        let result = r.cleaned ?? r.segments?.serialized() ?? ""
        fields.append(Array(result.utf8))
        fields.append(Array((r.lineCount.map(String.init) ?? "").utf8))
        fields.append(Array(r.warnings.joined(separator: "; ").utf8))
        fields.append(Array((r.error ?? "").utf8))
        return fields
    }

    /// RFC 4180: fields with the delimiter, a quote or a line break are quoted, quotes doubled.
    func writeRow(_ fields: [[UInt8]]) {
        let delimiter = delimiter
        for (n, field) in fields.enumerated() {
            if n > 0 { sink.write(CollectionOfOne(delimiter)) }
            if field.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                var quoted: [UInt8] = [0x22]
                quoted.reserveCapacity(field.count + 8)
                for b in field {
                    quoted.append(b)
                    if b == 0x22 { quoted.append(b) }
                }
                quoted.append(0x22)
                sink.write(quoted)
            } else {
                sink.write(field)
            }
        }
        sink.write(CollectionOfOne(UInt8(ascii: "\n")))
    }
}
