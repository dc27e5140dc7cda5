/// A streaming RFC 4180 CSV reader: quoted fields with doubled quotes, separators and line
/// breaks inside quotes, LF or CRLF row ends. It holds one row at a time; a field past
/// `maxRowBytes` is dropped (its bytes are read and counted, not kept) and the row is flagged.
///
/// Malformed input never ends the file or loses a row: text after a closing quote or a quote
/// left open at the end of the file are kept as text and reported in the row's `problems`. A
/// quote inside an unquoted field (`5" screen`, `a "bare" word`), which RFC 4180 forbids but
/// real exports write, is a character of the field, as Python's csv, pandas and spreadsheets read
/// it, said in the row's `warnings` (it failed its record until session 28, gaps32).
public final class CSVReader {
    public struct Row {
        public var fields: [[UInt8]] = []
        public var problems: [String] = []
        /// What was read leniently: a quote inside an unquoted field, kept as text.
        public var warnings: [String] = []
        /// Index of a field that was dropped for exceeding the row limit.
        public var oversizedField: Int?
        /// Input bytes the row took, including the dropped ones.
        public var size = 0
        /// Line of the file the row starts on (rows may span lines).
        public var line = 0
    }

    private let input: ByteReader
    private let maxRowBytes: Int
    /// The byte between fields: a comma (RFC 4180), or another (`--delimiter`: a tab, `;`).
    private let comma: UInt8
    private var line = 1

    public init(input: ByteReader, maxRowBytes: Int, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.input = input
        self.maxRowBytes = maxRowBytes
        comma = delimiter
    }

    public var bytesRead: Int { input.consumed }

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// The next row, or nil at the end of the file.
    public func next() -> Row? {
        guard input.peek() != nil else { return nil }
        let start = input.consumed
        var row = Row()
        row.line = line
        var kept = 0
        var field: [UInt8] = []
        func append(_ byte: UInt8) {
            if kept < maxRowBytes {
                field.append(byte)
                kept += 1
            } else if row.oversizedField == nil {
                row.oversizedField = row.fields.count
            }
        }
        func endField() {
            if row.oversizedField == row.fields.count { field = [] }
            row.fields.append(field)
            field = []
        }
        func endRow(after byte: UInt8) {
            if byte == Self.cr, input.peek() == Self.lf { _ = input.next() }
            line += 1
        }
        fieldLoop: while true {
            var byte = input.next()
            // The rest of a quoted field after its closing quote is reported as such, not again
            // for a quote in it.
            let quoted = byte == Self.quote
            if quoted {
                // Quoted field: runs to the next lone quote.
                while true {
                    guard let b = input.next() else {
                        row.problems.append("quote opened on line \(row.line) is never closed")
                        endField()
                        break fieldLoop
                    }
                    if b == Self.quote {
                        if input.peek() == Self.quote { _ = input.next(); append(Self.quote); continue }
                        break
                    }
                    if b == Self.lf || (b == Self.cr && input.peek() != Self.lf) { line += 1 }
                    append(b)
                }
                byte = input.next()
                if let b = byte, b != comma, b != Self.lf, b != Self.cr {
                    row.problems.append("text after a closing quote on line \(line)")
                }
            }
            // Unquoted field (or the rest of a malformed quoted one).
            while true {
                guard let b = byte else { endField(); break fieldLoop }
                switch b {
                case comma:
                    endField()
                    continue fieldLoop
                case Self.lf, Self.cr:
                    endField()
                    endRow(after: b)
                    break fieldLoop
                case Self.quote:
                    if !quoted, row.warnings.isEmpty {
                        row.warnings.append("a quote inside an unquoted field on line \(line) was read as text, as Python's csv "
                                            + "and spreadsheets read it (RFC 4180 quotes a whole field and doubles a quote in it)")
                    }
                    append(b)
                default:
                    append(b)
                }
                byte = input.next()
            }
        }
        row.size = input.consumed - start
        return row
    }
}

/// Batch records from a CSV file with a header row: the text column is the page, the id column
/// (when there is one) the id. Every other column is passed through.
public final class CSVSource: BatchSource {
    public struct HeaderError: Error, CustomStringConvertible {
        public let description: String
    }

    private let reader: CSVReader
    private let input: ByteReader
    private let textIndex: Int
    private let idIndex: Int?
    private let maxRecordBytes: Int
    private let delimiter: UInt8
    private var count = 0
    public let header: [[UInt8]]?

    /// Reads the header and finds the columns. `idColumn` nil: use an `id` column if there is one.
    /// `delimiter`: the byte between fields (a comma; a tab for TSV, `;` for a spreadsheet's
    /// export in some locales); quoting is RFC 4180's whatever it is.
    public init(input: ByteReader, textColumn: String, idColumn: String?, maxRecordBytes: Int,
                delimiter: UInt8 = UInt8(ascii: ",")) throws(HeaderError) {
        self.input = input
        self.maxRecordBytes = maxRecordBytes
        self.delimiter = delimiter
        // An Excel "CSV UTF-8" file starts with a byte-order mark: kept, it became part of the
        // first column's name, so that column ('id', 'content') was not found.
        input.skipByteOrderMark()
        reader = CSVReader(input: input, maxRowBytes: maxRecordBytes, delimiter: delimiter)
        guard let first = reader.next() else { throw HeaderError(description: "the CSV file is empty (no header row)") }
        // A header over the record limit (a file of one long line, not CSV) said "the CSV
        // header row is malformed: " and nothing after (session 29, gaps33).
        if first.oversizedField != nil {
            throw HeaderError(description: "the CSV header row is \(first.size) bytes, over the \(maxRecordBytes)-byte record limit: "
                + "is this a CSV file with a header row? (raise the limit with --max-record-mb)")
        }
        guard first.problems.isEmpty else {
            throw HeaderError(description: "the CSV header row is malformed: \(first.problems.joined(separator: "; "))")
        }
        let names = first.fields.map { String(decoding: $0, as: UTF8.self) }
        let known = names.joined(separator: ", ")
        guard let t = names.firstIndex(of: textColumn) else {
            throw HeaderError(description: "no column '\(textColumn)' in the CSV header (columns: \(known))"
                + CSVSource.missingColumnHint(textColumn, names: names, option: "--column", delimiter: delimiter))
        }
        try CSVSource.refuseTwice(textColumn, names: names, option: "--column")
        textIndex = t
        if let idColumn {
            guard let i = names.firstIndex(of: idColumn) else {
                throw HeaderError(description: "no column '\(idColumn)' in the CSV header (columns: \(known))"
                    + CSVSource.missingColumnHint(idColumn, names: names, option: "--id-column", delimiter: delimiter))
            }
            try CSVSource.refuseTwice(idColumn, names: names, option: "--id-column")
            idIndex = i
        } else {
            idIndex = names.firstIndex(of: "id")
        }
        header = first.fields
    }

    /// A header naming the selected column twice (a join's export, two pasted tables) had its
    /// first one read without a word, where Python's csv.DictReader reads the last and pandas
    /// renames the second `content.1`: which one holds the page is the user's to say.
    static func refuseTwice(_ wanted: String, names: [String], option: String) throws(HeaderError) {
        let places = names.indices.filter { names[$0] == wanted }.map { String($0 + 1) }
        guard places.count > 1 else { return }
        throw HeaderError(description: "the CSV header names '\(wanted)' \(places.count) times (columns "
            + "\(places.joined(separator: ", "))): \(option) cannot tell which holds it; rename all but one in the header")
    }

    /// What to do about a column not found: a name that differs only in case or spaces around it
    /// ("Content", " content"), or a header that is one column holding another separator (a
    /// spreadsheet's semicolon export, a TSV file), which read as one unknown column.
    static func missingColumnHint(_ wanted: String, names: [String], option: String, delimiter: UInt8 = UInt8(ascii: ",")) -> String {
        func folded(_ s: String) -> String {
            String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
        }
        if let near = names.first(where: { folded($0) == folded(wanted) }) {
            return "; '\(near)' differs only in case or spaces: \(option) '\(near)' selects it"
        }
        // It said to make the separators commas first, which a file with quoted fields makes no
        // one-line job.
        if names.count == 1, let separator = [",", ";", "\t", "|"].first(where: { names[0].contains($0) && $0 != String(UnicodeScalar(delimiter)) }) {
            let shown = separator == "\t" ? "tab" : "'\(separator)'"
            return "; the header is one column holding \(shown): a file separated by \(shown) is read with --delimiter \(separator == "\t" ? "tab" : "'\(separator)'")"
        }
        // A file with no header row (or a blank first line) was told to pick a data value as a
        // column (session 27 review): the first row is the header, say so.
        if names.allSatisfy({ folded($0).isEmpty }) {
            return "; the first line is blank, and the header is the first line: remove it, or add a header row (id,content)"
        }
        if names.contains(where: { (!$0.isEmpty && $0.allSatisfy(\.isNumber)) || ($0.contains(" ") && $0.hasSuffix(".")) || $0.count > 60 }) {
            return "; the first row is read as the header, and it looks like data: add a header row (id,content), then \(option) NAME"
        }
        // It named the columns and stopped, so a user new to the options did not learn which one
        // picks another (session 27, user27).
        return "; \(option) NAME selects one of them"
    }

    public var bytesRead: Int { input.consumed }
    public var totalBytes: Int? { input.totalBytes }

    /// A row read from a line with nothing on it: one empty field, unquoted (`""` is a field).
    static func isBlankLine(_ row: CSVReader.Row) -> Bool {
        row.fields.count == 1 && row.fields[0].isEmpty && row.problems.isEmpty && row.size <= 2
    }

    public func next() -> BatchRecord? {
        guard var row = reader.next() else { return nil }
        // A blank line (nothing on it, not even a comma) is no row of a file with two or more
        // columns: spreadsheets and scripts leave one at the end, and Python's csv and pandas
        // skip it. With one column it is a record whose text is empty.
        while (header?.count ?? 0) > 1, Self.isBlankLine(row) {
            guard let following = reader.next() else { return nil }
            row = following
        }
        count += 1
        var record = BatchRecord(number: count, columns: row.fields, size: row.size)
        record.warnings = row.warnings
        var problems = row.problems
        var tooLarge: String?
        let width = header?.count ?? 0
        if row.fields.count != width {
            problems.append("row starting on line \(row.line) has \(row.fields.count) field(s), the header has \(width)")
        }
        if let oversized = row.oversizedField {
            // No "malformed CSV": the row is well formed, only too large for the limit.
            tooLarge = "row starting on line \(row.line) is \(row.size) bytes, over the \(maxRecordBytes)-byte record limit "
                + "(raise it with --max-record-mb); field \(oversized + 1) was dropped"
        }
        if let idIndex, idIndex < row.fields.count {
            record.id = .string(decodeField(row.fields[idIndex], name: "id", warnings: &record.warnings))
        }
        if textIndex < row.fields.count { record.text = row.fields[textIndex] }
        let errors = (problems.isEmpty ? [] : ["malformed CSV: " + problems.joined(separator: "; ")]) + (tooLarge.map { [$0] } ?? [])
        if !errors.isEmpty { record.error = errors.joined(separator: "; ") }
        // The CSV output passes the input columns through: a row of another width would make the
        // output ragged (a strict reader then refuses the whole file). Missing fields are empty;
        // fields past the header's last column join it, with the commas that separated them.
        if width > 0, record.columns.count != width {
            if record.columns.count < width {
                record.columns += Array(repeating: [], count: width - record.columns.count)
            } else {
                let tail = record.columns[(width - 1)...].joined(separator: [delimiter])
                record.columns = Array(record.columns[..<(width - 1)]) + [Array(tail)]
            }
        }
        return record
    }
}
