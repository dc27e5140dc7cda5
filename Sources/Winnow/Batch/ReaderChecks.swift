#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The invariants of the batch readers (`CSVReader`, `JSONLinesReader`, `LineStream`) on any
/// bytes, for the fuzz targets (Fuzz/: `csv`, `jsonl`, `line-stream`) and for
/// `FuzzRegressionTests`, which replays their kept inputs: each check returns what failed, or nil.
///
/// Raw bytes: every byte is accounted to one row or line (no byte lost or read twice), the
/// records come numbered in input order, none holds more than the limit, and the count of records
/// is the count of lines a plain reference split finds. Structured (the input read as a list of
/// fields, written out as RFC 4180 CSV and as JSON Lines): the records read back are the fields
/// written, in order: records in = records out.
public enum ReaderChecks {
    /// Writes `bytes` to a new scratch file (mkstemp: checks run side by side in the tests) and
    /// returns its path.
    static func scratchFile(_ bytes: [UInt8]) -> String {
        // In $TMPDIR when set, as NSTemporaryDirectory reads it (this file does without Foundation).
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + (directory.hasSuffix("/") ? "" : "/") + "winnow-reader-check-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = String(cString: template)
        precondition(fd >= 0, "cannot write \(path)")
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            precondition(n > 0, "cannot write \(path)")
            written += n
        }
        close(fd)
        return path
    }

    /// The lines of `bytes` as the readers split them: at LF, CRLF or a lone CR; a last line
    /// without a break counts when it has a byte.
    static func referenceLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                lines.append(bytes[start..<i])
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// `LineStream` against the reference split, with and without a limit.
    public static func lineStream(_ bytes: [UInt8], limit: Int) -> String? {
        let path = scratchFile(bytes)
        defer { unlink(path) }
        let expected = referenceLines(bytes)
        guard let whole = try? LineStream(path: path), let limited = try? LineStream(path: path) else { return "cannot open" }
        for (k, line) in expected.enumerated() {
            guard let got = whole.next() else { return "line \(k + 1) missing of \(expected.count)" }
            if got != Array(line) { return "line \(k + 1) differs" }
            switch limited.next(limit: limit) {
            case .bytes(let b)?: if line.count > limit || b != Array(line) { return "line \(k + 1) under the limit differs" }
            case .tooLong(let n)?: if line.count <= limit || n != line.count { return "line \(k + 1): tooLong(\(n)), length \(line.count)" }
            case nil: return "line \(k + 1) missing under the limit"
            }
            if whole.lineNumber != k + 1 { return "lineNumber \(whole.lineNumber) at line \(k + 1)" }
        }
        if whole.next() != nil || limited.next(limit: limit) != nil { return "more lines than \(expected.count)" }
        return nil
    }

    /// `CSVReader` and `CSVSource` on raw bytes.
    public static func csv(_ bytes: [UInt8], limit: Int) -> String? {
        let path = scratchFile(bytes)
        defer { unlink(path) }
        guard let input = try? ByteReader(path: path) else { return "cannot open" }
        input.skipByteOrderMark()
        let reader = CSVReader(input: input, maxRowBytes: limit)
        var total = input.consumed
        var rows = 0
        while let row = reader.next() {
            rows += 1
            if row.size <= 0 { return "row \(rows) took no byte" }
            total += row.size
            if row.fields.reduce(0, { $0 + $1.count }) > limit { return "row \(rows) holds more than \(limit) bytes" }
            if row.fields.isEmpty { return "row \(rows) has no field" }
            if rows > bytes.count { return "more rows than bytes" }
        }
        if total != bytes.count { return "rows took \(total) bytes of \(bytes.count)" }
        // The batch source over the same bytes: records numbered 1...N in order.
        guard let again = try? ByteReader(path: path) else { return "cannot open" }
        guard let source = try? CSVSource(input: again, textColumn: "content", idColumn: nil, maxRecordBytes: limit) else { return nil }
        var number = 0
        while let record = source.next() {
            number += 1
            if record.number != number { return "record \(record.number) came as the \(number)th" }
            if record.error == nil && record.text.count > limit { return "record \(number) over the limit" }
            if number > bytes.count { return "more records than bytes" }
        }
        return nil
    }

    /// `JSONLinesReader` and `JSONLinesSource` on raw bytes: a record for every line that is not
    /// blank (spaces and tabs only) or is over the limit, in order.
    public static func jsonLines(_ bytes: [UInt8], limit: Int) -> String? {
        let path = scratchFile(bytes)
        defer { unlink(path) }
        guard let input = try? ByteReader(path: path) else { return "cannot open" }
        let expected = referenceLines(bytes).enumerated().filter { $0.element.count > limit || !$0.element.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        let reader = JSONLinesReader(input: input, maxLineBytes: limit)
        var k = 0
        while let record = reader.next() {
            guard k < expected.count else { return "more records than the \(expected.count) lines" }
            if record.line != expected[k].offset + 1 { return "record \(k + 1) from line \(record.line), expected \(expected[k].offset + 1)" }
            if expected[k].element.count > limit && record.error == nil { return "line \(record.line) over the limit read" }
            k += 1
        }
        if k != expected.count { return "\(k) records of \(expected.count) lines" }
        if input.consumed != bytes.count { return "read \(input.consumed) bytes of \(bytes.count)" }
        guard let again = try? ByteReader(path: path) else { return "cannot open" }
        let source = JSONLinesSource(input: again, textField: "text", idField: "id", maxRecordBytes: limit)
        var number = 0
        while let record = source.next() {
            number += 1
            if record.number != number { return "record \(record.number) came as the \(number)th" }
        }
        return number == expected.count ? nil : "the source gave \(number) records of \(expected.count)"
    }

    /// The fields `bytes` stands for: split at 0xFF (a field) and 0xFE (a record), so that the
    /// fuzzer's inputs are any texts, quotes, CRs, NULs and invalid UTF-8 included.
    static func fields(_ bytes: [UInt8]) -> [[[UInt8]]] {
        bytes.split(separator: 0xFE, omittingEmptySubsequences: false).map {
            $0.split(separator: 0xFF, omittingEmptySubsequences: false).map(Array.init)
        }
    }

    /// Texts written out as RFC 4180 CSV (`id,content`, every field quoted, `""` for a quote) and
    /// as JSON Lines, read back through the batch sources: the same texts and ids, in order.
    public static func roundTrip(_ bytes: [UInt8]) -> String? {
        let texts = fields(bytes).map { $0.joined(separator: [0x2C]).map { $0 } }
        func quoted(_ b: [UInt8]) -> [UInt8] { [0x22] + b.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22] }
        var csv = Array("id,content\r\n".utf8)
        for (k, text) in texts.enumerated() { csv += quoted(Array(String(k + 1).utf8)) + [0x2C] + quoted(text) + [0x0D, 0x0A] }
        let csvPath = scratchFile(csv)
        defer { unlink(csvPath) }
        guard let source = try? CSVSource(input: ByteReader(path: csvPath), textColumn: "content", idColumn: "id", maxRecordBytes: 1 << 24)
        else { return "CSV header refused" }
        var k = 0
        while let record = source.next() {
            guard k < texts.count else { return "CSV: more records than \(texts.count)" }
            if record.error != nil { return "CSV record \(k + 1): \(record.error!)" }
            if record.text != texts[k] { return "CSV record \(k + 1): text differs" }
            if record.id != .string(String(k + 1)) { return "CSV record \(k + 1): id \(record.id)" }
            k += 1
        }
        if k != texts.count { return "CSV: \(k) records of \(texts.count)" }
        // JSON Lines: valid UTF-8 texts only (JSON strings are Unicode), each written escaped.
        let valid = texts.map { String(decoding: $0, as: UTF8.self) }
        var jsonl: [UInt8] = []
        for (k, text) in valid.enumerated() {
            jsonl += Array("{\"id\": \(k + 1), \"text\": ".utf8) + Array(JSONValue.string(text).serialized().utf8) + Array("}\n".utf8)
        }
        let jsonPath = scratchFile(jsonl)
        defer { unlink(jsonPath) }
        guard let input = try? ByteReader(path: jsonPath) else { return "cannot open" }
        let lines = JSONLinesSource(input: input, textField: "text", idField: "id", maxRecordBytes: 1 << 24)
        k = 0
        while let record = lines.next() {
            guard k < valid.count else { return "JSON Lines: more records than \(valid.count)" }
            if let error = record.error { return "JSON Lines record \(k + 1): \(error)" }
            if record.text != Array(valid[k].utf8) { return "JSON Lines record \(k + 1): text differs" }
            k += 1
        }
        return k == valid.count ? nil : "JSON Lines: \(k) records of \(valid.count)"
    }
}
