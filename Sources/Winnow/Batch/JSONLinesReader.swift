import Foundation

/// A streaming JSON Lines reader: one JSON object per line, any size of file, one line in memory
/// at a time. Reusable by any command that reads JSON Lines (it knows nothing of pages).
///
/// Every non-empty line yields one `Record`, even when it is not a JSON object: invalid UTF-8 is
/// replaced (with a warning) before parsing, a line past `maxLineBytes` is skipped to its end
/// and reported, and a line that does not parse carries its `error`. Blank lines are not records.
public final class JSONLinesReader {
    public struct Record: Sendable {
        /// Line of the file.
        public let line: Int
        /// The object's members; empty when `error` is set.
        public let fields: [String: JSONValue]
        public let error: String?
        public let warnings: [String]
        /// Input bytes the line took.
        public let size: Int
    }

    private let input: ByteReader
    private let maxLineBytes: Int
    private var line = 0

    public init(input: ByteReader, maxLineBytes: Int) {
        self.input = input
        self.maxLineBytes = maxLineBytes
    }

    public var bytesRead: Int { input.consumed }

    /// The next record, or nil at the end of the file.
    public func next() -> Record? {
        while true {
            guard input.peek() != nil else { return nil }
            line += 1
            let start = input.consumed
            var bytes: [UInt8] = []
            var oversized = false
            // A line ends at LF, CRLF or a lone CR (a file saved with classic Mac line ends was
            // one record): JSON allows no raw CR inside a string, so a CR is always a line end.
            while let b = input.next(), b != UInt8(ascii: "\n") {
                if b == UInt8(ascii: "\r") {
                    if input.peek() == UInt8(ascii: "\n") { _ = input.next() }
                    break
                }
                if bytes.count < maxLineBytes { bytes.append(b) } else { oversized = true }
            }
            let size = input.consumed - start
            if oversized {
                return Record(line: line, fields: [:], error: "line \(line) is \(size) bytes, over the \(maxLineBytes)-byte record limit (raise it with --max-record-mb)",
                              warnings: [], size: size)
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return Self.parse(bytes, line: line, size: size)
        }
    }

    static func parse(_ bytes: [UInt8], line: Int, size: Int) -> Record {
        var warnings: [String] = []
        var data = Data(bytes)
        let invalid = Page.countInvalidUTF8(bytes)
        if invalid > 0 {
            warnings.append("\(invalid) invalid UTF-8 sequence(s) replaced with U+FFFD")
            data = Data(String(decoding: bytes, as: UTF8.self).utf8)
        }
        // A U+FEFF opening a string would be dropped by Foundation's reader: escaped first.
        if let escaped = JSONText.escapingByteOrderMarks(Array(data)) { data = Data(escaped) }
        // Fragments allowed: a line holding a string, a number, true, false or null is valid JSON
        // but not an object, and is said so (it was "not valid JSON"; `winnow moderate` said
        // "not a JSON object").
        var object = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        if object == nil, let repaired = LoneSurrogates.replaced(data) {
            // Half of a UTF-16 pair ("\ud83d" alone) is repaired as invalid UTF-8 is.
            object = try? JSONSerialization.jsonObject(with: Data(repaired.bytes), options: .fragmentsAllowed)
            if object != nil { warnings.append(LoneSurrogates.warning(repaired.count)) }
        }
        guard let object else {
            // Nested too deep (513 levels) is said as such, not as "not valid JSON".
            return Record(line: line, fields: [:], error: "line \(line) is \(JSONText.refusal(data))", warnings: warnings, size: size)
        }
        // Foundation reads a comma before a closing bracket; JSON, and every other reader of the
        // file, does not.
        if let fault = JSONText.trailingCommaFault(data) {
            return Record(line: line, fields: [:], error: "line \(line) is not valid JSON\(fault)", warnings: warnings, size: size)
        }
        guard let dictionary = object as? [String: Any] else {
            return Record(line: line, fields: [:], error: "line \(line) is not a JSON object", warnings: warnings, size: size)
        }
        var fields = dictionary.mapValues(JSONValue.init(foundation:))
        if fields.values.contains(where: { if case .number = $0 { true } else { false } }) {
            // A number that is not a whole `Int` (an id past 2^63, "1.50") is kept as written.
            for (key, literal) in JSONText.numberLiterals(Array(data)) {
                if case .number(let d)? = fields[key], Double(literal) == d { fields[key] = JSONText.value(literal: literal) }
            }
        }
        return Record(line: line, fields: fields, error: nil, warnings: warnings, size: size)
    }
}

extension JSONValue {
    /// Converts what `JSONSerialization` returns; object keys come out sorted, as a dictionary
    /// has no order to keep.
    init(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let s as String: self = .string(s)
        case let n as NSNumber:
            // JSONSerialization marks booleans with the C type "c", integers with an integer type.
            switch String(cString: n.objCType) {
            case "c": self = .bool(n.boolValue)
            case "d", "f": self = .number(n.doubleValue)
            default:
                // A whole number past `Int.max` (12345678901234567890, held unsigned): `intValue`
                // wrapped it to a negative id; a double here (a top-level one is then read as
                // written, by `parse`).
                let i = n.intValue
                self = (i < 0) != (n.doubleValue < 0) ? .number(n.doubleValue) : .int(i)
            }
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let d as [String: Any]:
            self = .object(d.keys.sorted().map { ($0, JSONValue(foundation: d[$0]!)) })
        default: self = .null
        }
    }
}

/// Batch records from a JSON Lines file: the text field is the page, the id field the id.
public final class JSONLinesSource: BatchSource {
    private let reader: JSONLinesReader
    private let input: ByteReader
    private let textField: String
    private let idField: String
    private var count = 0

    public init(input: ByteReader, textField: String, idField: String, maxRecordBytes: Int) {
        self.input = input
        self.textField = textField
        self.idField = idField
        reader = JSONLinesReader(input: input, maxLineBytes: maxRecordBytes)
    }

    public var bytesRead: Int { input.consumed }
    public var totalBytes: Int? { input.totalBytes }

    public func next() -> BatchRecord? {
        guard let line = reader.next() else { return nil }
        count += 1
        var record = BatchRecord(number: count, error: line.error, warnings: line.warnings, size: line.size)
        guard line.error == nil else { return record }
        record.id = line.fields[idField] ?? .null
        switch line.fields[textField] {
        case .string(let text)?: record.text = Array(text.utf8)
        case let found: record.error = "line \(line.line): " + JSONValue.fieldError(textField, found: found, among: Array(line.fields.keys))
        }
        return record
    }
}
