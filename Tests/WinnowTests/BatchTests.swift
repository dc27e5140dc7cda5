import Foundation
import Testing
@testable import Winnow

/// Writes `bytes` to a temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
    let path = NSTemporaryDirectory() + "winnow-batch-" + UUID().uuidString + suffix
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
    return path
}

/// Runs a whole batch into a temporary file; returns the counts and the output lines.
func runBatch(_ source: BatchSource, task: BatchTask = .clean, format: BatchFormat = .jsonl, jobs: Int = 2) throws
    -> (stats: BatchStats, output: String) {
    let path = try temporaryFile([], suffix: ".out")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fd = open(path, O_WRONLY)
    let writer = BatchWriter(format: format, task: task, sink: OutputSink(fileDescriptor: fd))
    let stats = BatchRun.run(source: source, task: task, rules: Repo.rules, writer: writer, jobs: jobs)
    close(fd)
    let output = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    return (stats, output)
}

func jsonObjects(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

func csvSource(_ text: String, limit: Int = 1 << 20) throws -> CSVSource {
    try csvSource(Array(text.utf8), limit: limit)
}

func csvSource(_ bytes: [UInt8], limit: Int = 1 << 20) throws -> CSVSource {
    try CSVSource(input: ByteReader(path: temporaryFile(bytes, suffix: ".csv")), textColumn: "content",
                  idColumn: nil, maxRecordBytes: limit)
}

func jsonlSource(_ bytes: [UInt8], limit: Int = 1 << 20) throws -> JSONLinesSource {
    JSONLinesSource(input: try ByteReader(path: temporaryFile(bytes, suffix: ".jsonl")), textField: "text",
                    idField: "id", maxRecordBytes: limit)
}

let articleLine = "The council voted on Tuesday to extend the library's opening hours after months of debate among residents."

@Suite struct CSVReaderTests {
    @Test func rfc4180QuotingMultiLineFieldsAndCRLF() throws {
        let text = "id,content\r\n1,plain\r\n\"2\",\"with \"\"quotes\"\", a comma\nand a line break\"\r\n3,\"\"\n4,last"
        let reader = CSVReader(input: try ByteReader(path: temporaryFile(Array(text.utf8), suffix: ".csv")), maxRowBytes: 1 << 20)
        var rows: [[String]] = []
        while let row = reader.next() {
            #expect(row.problems.isEmpty)
            rows.append(row.fields.map { String(decoding: $0, as: UTF8.self) })
        }
        #expect(rows == [["id", "content"], ["1", "plain"], ["2", "with \"quotes\", a comma\nand a line break"],
                         ["3", ""], ["4", "last"]])
    }

    /// A spreadsheet's "CSV UTF-8" export starts with a byte-order mark: the columns are still
    /// found by name (the mark made the first one '\u{FEFF}id', so ids were null, and a first
    /// column 'content' was "not in the header"), and it is not read as a quote's neighbour.
    /// A column not found says what to do when the header nearly has it: the name in another case
    /// or with spaces, or a header of one column holding semicolons or tabs (a spreadsheet's
    /// semicolon export, a TSV file), which read as one unknown column; otherwise which option
    /// picks another column (it named the columns alone; session 27).
    @Test func aMissingColumnSaysWhatToDo() throws {
        func message(_ text: String) -> String {
            do {
                _ = try csvSource(text)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("id,Content\n1,hello\n").hasSuffix("; 'Content' differs only in case or spaces: --column 'Content' selects it"))
        #expect(message("id, content\n1,hello\n").contains("' content' differs only in case or spaces"))
        #expect(message("id;content\n1;hello\n").hasSuffix("the header is one column holding ';': a file separated by ';' is read with --delimiter ';'"))
        #expect(message("id\tcontent\n1\thello\n").hasSuffix("the header is one column holding tab: a file separated by tab is read with --delimiter tab"))
        #expect(message("id,body\n1,hello\n") == "no column 'content' in the CSV header (columns: id, body); --column NAME selects one of them")
        #expect(message("1,Hello world. This is a page.\n2,Another one\n").hasSuffix("; the first row is read as the header, and it looks like data: add a header row (id,content), then --column NAME"))
        #expect(message("\nid,content\n1,hello\n").hasSuffix("; the first line is blank, and the header is the first line: remove it, or add a header row (id,content)"))
    }

    @Test func byteOrderMarkBeforeTheHeaderIsSkipped() throws {
        for header in ["id,content", "\"id\",content"] {
            let source = try csvSource([0xEF, 0xBB, 0xBF] + Array("\(header)\r\n7,\"\(articleLine)\"\r\n".utf8))
            #expect(source.header?.first.map { String(decoding: $0, as: UTF8.self) } == "id")
            let record = try #require(source.next())
            #expect(record.error == nil && record.id == .string("7"))
        }
        let first = try csvSource([0xEF, 0xBB, 0xBF] + Array("content\n\"\(articleLine)\"\n".utf8))
        #expect(first.next()?.text == Array(articleLine.utf8))
    }

    /// Through a pipe the mark may come in pieces: the first read gave one byte and the mark was
    /// kept, hiding the first column (review15). A FIFO fed by two writes 0.1 s apart.
    @Test func byteOrderMarkSplitOverReadsOfAPipeIsSkipped() throws {
        let path = NSTemporaryDirectory() + "winnow-bom-" + UUID().uuidString
        try #require(mkfifo(path, 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        defer { unlink(path) }
        let rest = Array("id,content\n7,\"\(articleLine)\"\n".utf8)
        // Both ends are opened here, before the reader, and neither open waits: opening a FIFO
        // to read waits for a writer, so a writer thread that could not open it left the test
        // waiting for ever. A read end that does not wait (and is never read) comes first, as
        // opening to write needs a reader; it also keeps the written bytes if the writer is done
        // before the reader opens. The reader sees the end once the writer closes.
        let keeper = open(path, O_RDONLY | O_NONBLOCK)
        try #require(keeper >= 0, "cannot open the FIFO: \(String(cString: strerror(errno)))")
        defer { close(keeper) }
        let fd = open(path, O_WRONLY | O_NONBLOCK)
        try #require(fd >= 0, "cannot open the FIFO for writing: \(String(cString: strerror(errno)))")
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let writer = Thread {
            var first: [UInt8] = [0xEF]
            _ = write(fd, &first, 1)
            usleep(100_000)
            var tail: [UInt8] = [0xBB, 0xBF] + rest
            _ = write(fd, &tail, tail.count)
            close(fd)
        }
        writer.start()
        let source = try CSVSource(input: ByteReader(path: path), textColumn: "content", idColumn: nil, maxRecordBytes: 1 << 20)
        #expect(source.header?.first.map { String(decoding: $0, as: UTF8.self) } == "id")
        let record = try #require(source.next())
        #expect(record.error == nil && record.id == .string("7"))
    }

    @Test func malformedRowsComeOutWithErrorsAndNothingIsLost() throws {
        let rows = [
            "1,\"\(articleLine)\"",
            "2,\"closed\" then text",     // text after a closing quote
            "3,a \"bare\" quote",          // quote inside an unquoted field: read as text, a warning
            "4,too,many,fields",
            "5",                           // too few fields
            "6,\"\(articleLine)\"",
            "7,\"never closed\nand the file ends",
        ]
        let source = try csvSource("id,content\n" + rows.joined(separator: "\n"))
        let (stats, output) = try runBatch(source)
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 7 && stats.recordsOut == 7 && objects.count == 7)
        #expect(objects.map { $0["record"] as? Int } == Array(1...7))
        let failed = objects.map { $0["error"] != nil }
        #expect(failed == [false, true, false, true, true, false, true])
        #expect(stats.failed == 4)
        #expect((objects[2]["warnings"] as? [String])?.first?.hasPrefix("a quote inside an unquoted field on line 4 was read as text") == true)
        #expect((objects[0]["text"] as? String)?.contains("council voted") == true)
        #expect((objects[6]["error"] as? String)?.contains("never closed") == true)
        #expect((objects[3]["error"] as? String)?.contains("4 field(s), the header has 2") == true)
    }

    /// A quote inside an unquoted field (a screen's `5" wide`, a `"bare"` word in an export that
    /// quotes only fields with commas) failed its record, as RFC 4180 has no such field; Python's
    /// csv, pandas and spreadsheets read the quote as a character. It is read so, with a warning
    /// (counted in the summary's warnings); a quoted field's stray text after its closing quote
    /// still fails, as the field's end cannot be told.
    @Test func aQuoteInsideAnUnquotedFieldIsReadAsTextWithAWarning() throws {
        let text = "id,content\n1,The screen is 5\" wide and the \"bare\" word stays.\n2,\"\(articleLine)\"\n3,\"closed\" then \"text\"\n"
        let (stats, output) = try runBatch(try csvSource(text))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && stats.failed == 1 && stats.warnings == 1)
        #expect(objects[0]["error"] == nil)
        #expect(objects[0]["text"] as? String == "The screen is 5\" wide and the \"bare\" word stays.\n")
        #expect(objects[0]["warnings"] as? [String] == ["a quote inside an unquoted field on line 2 was read as text, as Python's csv "
                                                        + "and spreadsheets read it (RFC 4180 quotes a whole field and doubles a quote in it)"])
        #expect((objects[2]["error"] as? String)?.contains("text after a closing quote on line 4") == true)
        #expect((objects[2]["warnings"] as? [String]) == [])
    }

    /// A record none of whose lines is article (a page of menus, a thread alone) came out as an
    /// empty text with no word said; it has a warning, and the summary counts such records.
    @Test func aRecordWithNoArticleLineIsWarnedAboutAndCounted() throws {
        let menu = ["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy", "Terms of use", "Cookie settings", "Sign in"]
        let text = "id,content\n1,\"\(articleLine)\"\n2,\"\(menu.joined(separator: "\n"))\"\n3,\n"
        let (stats, output) = try runBatch(try csvSource(text))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && stats.failed == 0 && stats.noArticle == 1 && stats.warnings == 2)
        #expect(objects[1]["text"] as? String == "" && objects[1]["warnings"] as? [String] == [PageResult.noArticleWarning])
        // An empty text says so, not this.
        #expect(objects[0]["warnings"] as? [String] == [] && objects[2]["warnings"] as? [String] == ["empty text"])
        let (labelled, _) = try runBatch(try csvSource(text), task: .label)
        #expect(labelled.noArticle == 1)
        let page = Labeler(rules: Repo.rules).label(Page(source: "menu", lines: menu))
        #expect(page.lacksArticle && page.warnings == [PageResult.noArticleWarning])
        #expect(!Labeler(rules: Repo.rules).label(Page(source: "blank", lines: ["", " "])).lacksArticle)
    }

    /// A blank line (nothing on it) is no row of a file with two or more columns, as in Python's
    /// csv and pandas: a spreadsheet's trailing blank line used to fail as a record of one field
    /// and turn the run's status to 1. A quoted empty field is a row; with one column a blank
    /// line is a record with empty text.
    @Test func blankLinesAreNoRowsOfAFileWithSeveralColumns() throws {
        let text = "id,content\n1,\"\(articleLine)\"\n\n2,\"\"\n\r\n3,\"\(articleLine)\"\n\n"
        let (stats, output) = try runBatch(try csvSource(text))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && stats.recordsOut == 3 && stats.failed == 0)
        #expect(objects.map { $0["id"] as? String } == ["1", "2", "3"])
        let single = try csvSource("content\n\"\(articleLine)\"\n\n\"\(articleLine)\"\n")
        let (oneColumn, _) = try runBatch(single)
        #expect(oneColumn.recordsIn == 3 && oneColumn.failed == 0)
    }

    @Test func csvOutputKeepsEveryInputColumn() throws {
        let text = "id,title,content\n7,\"A, title\",\"\(articleLine)\"\n8,broken,\"x\" y\n"
        let (stats, output) = try runBatch(try csvSource(text), format: .csv)
        #expect(stats.recordsOut == 2)
        let reader = CSVReader(input: try ByteReader(path: temporaryFile(Array(output.utf8), suffix: ".csv")), maxRowBytes: 1 << 20)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row.fields.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(rows.count == 3)
        #expect(rows[0] == ["id", "title", "content", "cleaned_text", "line_count", "warnings", "error"])
        #expect(Array(rows[1][0..<3]) == ["7", "A, title", articleLine])
        #expect(rows[1][3] == articleLine + "\n" && rows[1][6] == "")
        #expect(rows[2][0] == "8" && rows[2][6].contains("text after a closing quote"))
    }

    /// A row with more or fewer fields than the header still gives a row of the header's width
    /// (a ragged output file is refused whole by strict CSV readers); the error names the problem.
    @Test func csvOutputRowsKeepTheHeaderWidth() throws {
        let text = "id,content\n1,\"\(articleLine)\"\n2,too,many,fields\n3\n"
        let (stats, output) = try runBatch(try csvSource(text), format: .csv)
        #expect(stats.recordsOut == 3 && stats.failed == 2)
        let reader = CSVReader(input: try ByteReader(path: temporaryFile(Array(output.utf8), suffix: ".csv")), maxRowBytes: 1 << 20)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row.fields.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(rows.map(\.count) == [6, 6, 6, 6])
        #expect(Array(rows[2][0..<2]) == ["2", "too,many,fields"])
        #expect(rows[2][5] == "malformed CSV: row starting on line 3 has 4 field(s), the header has 2")
        #expect(Array(rows[3][0..<2]) == ["3", ""] && rows[3][5].contains("has 1 field(s)"))
    }

    @Test func invalidUTF8InAnIdAndEmptyTextAreProcessedWithWarnings() throws {
        let bytes = Array("id,content\n".utf8) + [0x61, 0xFF, 0x62] + Array(",\"\(articleLine)\"\n9,\n10,\"\n \r\n\t\n\"\n".utf8)
        let (stats, output) = try runBatch(try csvSource(bytes))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && objects.count == 3 && stats.failed == 0)
        // A text of blank lines is warned about, as a page file of them is.
        #expect(objects[2]["text"] as? String == "" && (objects[2]["warnings"] as? [String]) == ["text has only blank lines"])
        #expect(objects[0]["id"] as? String == "a\u{FFFD}b")
        #expect((objects[0]["warnings"] as? [String])?.contains { $0.contains("id: 1 invalid UTF-8") } == true)
        #expect(objects[1]["text"] as? String == "")
        #expect((objects[1]["warnings"] as? [String]) == ["empty text"])
    }

    @Test func aRecordOf100MBIsReportedAndTheNextOneStillProcessed() throws {
        var bytes = Array("id,content\nbig,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        bytes += Array("\"\nsmall,\"\(articleLine)\"\n".utf8)
        let source = try csvSource(bytes, limit: 16 << 20)
        let (stats, output) = try runBatch(source)
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 2 && stats.recordsOut == 2 && objects.count == 2)
        #expect(objects[0]["id"] as? String == "big")
        // Well formed, only too large: it said "malformed CSV", and not how to raise the limit.
        #expect(objects[0]["error"] as? String == "row starting on line 2 is \((100 << 20) + 7) bytes, over the 16777216-byte record limit "
                + "(raise it with --max-record-mb); field 2 was dropped")
        #expect(objects[1]["id"] as? String == "small" && objects[1]["error"] == nil)
    }

    @Test func aMissingTextColumnIsAClearError() throws {
        #expect(throws: CSVSource.HeaderError.self) { _ = try csvSource("id,body\n1,x\n") }
        #expect(throws: CSVSource.HeaderError.self) { _ = try csvSource("") }
    }
}

@Suite struct JSONLinesTests {
    @Test func everyLineComesOutMalformedOnesWithAnError() throws {
        var lines: [[UInt8]] = [
            Array(#"{"id": 1, "text": "\#(articleLine)"}"#.utf8),
            Array("not json".utf8),
            Array("[1, 2]".utf8),
            Array(#"{"id": "no-text"}"#.utf8),
            Array(#"{"id": "number-text", "text": 5}"#.utf8),
            Array(#"{"id": "#.utf8) + [0x22, 0x78, 0xC3, 0x28, 0x22] + Array(#", "text": "\#(articleLine)"}"#.utf8),
            Array(#"{"id": true, "text": ""}"#.utf8),
            Array(#""a string""#.utf8),
            Array("42".utf8),
        ]
        lines.insert([], at: 2)  // a blank line is not a record
        let source = try jsonlSource(Array(lines.joined(separator: [0x0A])))
        let (stats, output) = try runBatch(source, task: .label)
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 9 && stats.recordsOut == 9 && objects.count == 9)
        #expect(objects.map { $0["error"] != nil } == [false, true, true, true, true, false, false, true, true])
        #expect(objects[0]["id"] as? Int == 1)
        #expect((objects[0]["segments"] as? [[String: Any]])?.first?["label"] as? String == "article")
        #expect((objects[1]["error"] as? String) == "line 2 is not valid JSON at column 1: 'n' cannot start a JSON value")
        #expect((objects[2]["error"] as? String) == "line 4 is not a JSON object")
        // Valid JSON that is no object (a string, a number) is said so, as `winnow moderate` does.
        #expect(objects[7]["error"] as? String == "line 9 is not a JSON object")
        #expect(objects[8]["error"] as? String == "line 10 is not a JSON object")
        // The two field errors are worded alike, naming the field and what was found, as
        // `winnow moderate` words them (docs/output.md).
        // A missing field's error names the record's fields, so that text under another name shows.
        #expect((objects[3]["error"] as? String) == "line 5: field 'text' is missing (the record has 'id'; --text-field names another)")
        #expect((objects[4]["error"] as? String) == "line 6: field 'text' is a number, not a string")
        #expect(JSONValue.fieldError("text", found: .null) == "field 'text' is null, not a string")
        #expect((objects[5]["id"] as? String) == "x\u{FFFD}(")
        #expect((objects[5]["warnings"] as? [String])?.first?.contains("invalid UTF-8") == true)
        #expect(objects[6]["id"] as? Bool == true)
    }

    /// A lone surrogate escape (half an emoji, as Python's json.dumps writes it) made the record
    /// an error ("not valid JSON"); it is repaired with U+FFFD and a warning, as invalid UTF-8 is.
    /// Foundation's JSON reader dropped a raw U+FEFF that opens a string: a text or an id starting
    /// with one lost it (the `csv` fuzz target's round trip). One before the object stays allowed.
    @Test func aByteOrderMarkOpeningAStringIsKept() throws {
        let line = "\u{FEFF}{\"id\": \"\u{FEFF}7\", \"text\": \"\u{FEFF}\u{FEFF}x \\\" \u{FEFF}\"}\n"
        let source = try jsonlSource(Array(line.utf8))
        let record = try #require(source.next())
        #expect(record.error == nil)
        #expect(record.id == .string("\u{FEFF}7"))
        #expect(String(decoding: record.text, as: UTF8.self) == "\u{FEFF}\u{FEFF}x \" \u{FEFF}")
    }

    @Test func aLoneSurrogateEscapeIsRepairedWithAWarning() throws {
        let bytes = Array(#"{"id": "s", "text": "\#(articleLine) \ud83d"}"#.utf8) + [0x0A]
        let (stats, output) = try runBatch(try jsonlSource(bytes))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 1 && objects.count == 1 && objects[0]["error"] == nil)
        #expect(objects[0]["id"] as? String == "s")
        #expect((objects[0]["text"] as? String)?.hasSuffix(" \u{FFFD}\n") == true)
        #expect(objects[0]["warnings"] as? [String] == ["1 lone UTF-16 surrogate escape(s) replaced with U+FFFD"])
    }

    /// Big numeric ids: one past `Int.max` came out negative (12345678901234567890 as
    /// -6101065172474983726), then as the nearest double (12345678901234567168.0), and one Swift
    /// prints in exponent form (1e20) crashed the run (a trap in JSONValue.format), losing every
    /// record. A numeric id now comes out exactly as it came in, whatever its size or form.
    @Test func numericIdsComeOutAsWrittenAndDoNotStopTheRun() throws {
        let bytes = Array(("""
            {"id": 12345678901234567890, "text": "\(articleLine)"}
            {"id": 1e20, "text": "\(articleLine)"}
            {"id": 1234567890123456789, "text": "\(articleLine)"}
            {"id": 1700000000000000000, "text": "\(articleLine)"}
            {"x": [1.5, {"id": 7}], "id" : -123456789012345678901234567890.50 , "text": "\(articleLine)"}
            {"\\u0069d": 2.50, "text": "\(articleLine)"}

            """).utf8)
        let (stats, output) = try runBatch(try jsonlSource(bytes))
        #expect(stats.recordsIn == 6 && stats.recordsOut == 6)
        for id in ["12345678901234567890", "1e20", "1234567890123456789", "1700000000000000000",
                   "-123456789012345678901234567890.50", "2.50"] {
            #expect(output.contains(#""id": \#(id),"#), "id \(id)")
        }
    }

    /// A line nested deeper than Foundation's parser accepts (512 arrays and objects) was
    /// reported as "not valid JSON"; it says what is wrong. 512 levels are still read.
    @Test func aLineNestedTooDeepSaysSo() throws {
        func nested(_ levels: Int) -> String {
            #"{"id": "d\#(levels)", "x": "# + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1)
                + #", "text": "\#(articleLine)"}"#
        }
        let bytes = Array((nested(512) + "\n" + nested(513) + "\n").utf8)
        let objects = try jsonObjects(try runBatch(try jsonlSource(bytes)).output)
        #expect(objects.count == 2 && objects[0]["error"] == nil)
        #expect(objects[1]["error"] as? String == "line 2 is nested deeper than 512 arrays and objects")
        #expect(JSONText.refusal(Array(#"{"a": "[[[[", "b": [1}"#.utf8)) == "not valid JSON at column 22: '}' where ',' or ']' was expected")
    }

    /// A refused line says where and why (it said "not valid JSON" alone, and a file of a
    /// million lines was searched by eye; session 27): the faults a Python script leaves (a dict
    /// printed with str(), json.dumps's NaN, None), a line cut off, two objects on one line.
    @Test func aLineThatIsNotJSONSaysWhereAndWhy() throws {
        let cases: [(String, String)] = [
            ("{'id': 1, 'text': 'hi'}", " at column 2: a string in single quotes"),
            (#"{"id": NaN, "text": "a"}"#, " at column 8: NaN and Infinity are not JSON"),
            (#"{"id": -Infinity, "text": "a"}"#, " at column 8: NaN and Infinity are not JSON"),
            (#"{"id": -x, "text": "a"}"#, " at column 8: a minus sign with no digits after it"),
            (#"{"id": None, "text": "a"}"#, " at column 8: None is Python's, not JSON's: JSON writes null"),
            (#"{"id": 2, "text": "cut off"#, ": it ends early, a string is never closed"),
            (#"{"id": 3, "text": ["a", "b""#, ": it ends early, an array is never closed"),
            (#"{"id": 3} {"id": 4}"#, " at column 11: text after the JSON value ends (one object a line)"),
            (#"{"text": "Zoë said \x"}"#, " at column 20: a backslash that starts no JSON escape"),
            ("{\"text\": \"a\tb\"}", " at column 12: a raw control character (byte 9) inside a string"),
            (#"{"id" 1}"#, " at column 7: '1' where ':' after a key was expected"),
            // Foundation reads a comma before a closing bracket; JSON has none (session 28).
            (#"{"id": 5, "text": "a",}"#, " at column 22: a comma before '}': JSON allows none after the last member"),
            (#"{"text": "a", "tags": [1, 2, ]}"#, " at column 28: a comma before ']': JSON allows none after the last element"),
            // Numbers Foundation refuses with no word of why.
            (#"{"id": 05, "text": "a"}"#, " at column 8: a number with a leading zero"),
            (#"{"id": 1., "text": "a"}"#, " at column 9: a decimal point with no digit after it"),
            (#"{"id": -2E+, "text": "a"}"#, " at column 10: an exponent with no digits after it"),
        ]
        let bytes = Array(cases.map(\.0).joined(separator: "\n").utf8)
        let objects = try jsonObjects(try runBatch(try jsonlSource(bytes)).output)
        #expect(objects.count == cases.count)
        for (n, (line, said)) in cases.enumerated() {
            let error = objects[n]["error"] as? String ?? ""
            #expect(error.hasPrefix("line \(n + 1) is not valid JSON" + said), "\(line): \(error)")
        }
    }

    /// A comma before a closing bracket inside a string is text, not a fault; `winnow moderate`
    /// refuses a line with one outside, as batch input does.
    @Test func aTrailingCommaIsRefusedOnlyOutsideStrings() throws {
        let source = try jsonlSource(Array(#"{"id": 6, "text": "Lists end so: a, } and b, ]", "x": []}"#.utf8))
        let record = try #require(source.next())
        #expect(record.error == nil && String(decoding: record.text, as: UTF8.self) == "Lists end so: a, } and b, ]")
        #expect(JSONText.trailingCommaFault(Array(#"{"a": [1,2], "b": {"c": 1}}"#.utf8)) == nil)
        // A byte-order mark before the object, which Foundation skips, is no fault either.
        #expect(JSONText.trailingCommaFault(Array("\u{FEFF}{\"text\": \"a, }\"}".utf8)) == nil)
        #expect(JSONText.trailingCommaFault(Array("\u{FEFF}{\"text\": \"a\", }".utf8))?.hasPrefix(" at column 13: a comma") == true)
        do {
            _ = try CommentRecord(line: Array(#"{"id": 1, "text": "a", }"#.utf8), fields: .init())
            Issue.record("a trailing comma was read")
        } catch {
            #expect(error.message.hasPrefix("not valid JSON at column 22: a comma before '}'"))
        }
    }

    /// A file with lone CR line ends (classic Mac, some exporters) read as one record, "not
    /// valid JSON": a CR ends a line as LF and CRLF do (JSON allows no raw CR inside a string).
    @Test func loneCRLineEndsSeparateRecords() throws {
        let records = (1...3).map { #"{"id": \#($0), "text": "\#(articleLine)"}"# }
        for (ends, last) in [("\r", "\r"), ("\r", ""), ("\r\n", "\r\n"), ("\n", "\r")] {
            let bytes = Array((records.joined(separator: ends) + last).utf8)
            let (stats, output) = try runBatch(try jsonlSource(bytes))
            let objects = try jsonObjects(output)
            #expect(stats.recordsIn == 3 && objects.count == 3, "line ends \(Array(ends.utf8))")
            #expect(objects.map { $0["id"] as? Int } == [1, 2, 3] && objects.allSatisfy { $0["error"] == nil })
        }
        // A blank line between CRs is no record; line numbers count each CR as a line end.
        let bytes = Array(("not json\r\r" + records[0] + "\r\n\rnot json either\r").utf8)
        let objects = try jsonObjects(try runBatch(try jsonlSource(bytes)).output)
        #expect(objects.map { $0["error"] as? String } == ["line 1 is not valid JSON at column 1: 'n' cannot start a JSON value", nil, "line 5 is not valid JSON at column 1: 'n' cannot start a JSON value"])
    }

    @Test func aLineOf100MBIsReportedAndTheNextOneStillProcessed() throws {
        var bytes = Array(#"{"id": "big", "text": ""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        bytes += Array("\"}\n{\"id\": \"small\", \"text\": \"\(articleLine)\"}\n".utf8)
        let (stats, output) = try runBatch(try jsonlSource(bytes, limit: 16 << 20))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 2 && objects.count == 2)
        #expect((objects[0]["error"] as? String)?.contains("record limit") == true)
        #expect(objects[1]["id"] as? String == "small" && objects[1]["error"] == nil)
    }
}

@Suite struct BatchPipelineTests {
    /// Workers (each a labeller: a copy of the rules and their scratch) start as items arrive:
    /// `--jobs 256` over five CSV records built 256 of them (1.2 GB, 21 s) and `--jobs 100000`
    /// did not finish in a minute (6.7 GB). Three items under 64 jobs build three; none, none.
    @Test func orderedPipelineBuildsNoMoreWorkersThanItems() {
        for items in [3, 0, 200] {
            #expect(Self.workersMade(items: items, jobs: 64, window: 1024, byteBudget: 1 << 20) == min(items, 64, OrderedPipeline.maxWorkers))
        }
    }

    /// A huge `--jobs` over a long input starts at most `maxWorkers` (four per core), not one
    /// worker per item.
    @Test func orderedPipelineCapsTheWorkersWhateverTheJobs() {
        let items = OrderedPipeline.maxWorkers + 40
        #expect(Self.workersMade(items: items, jobs: 100_000, window: 100_000, byteBudget: 1 << 30) == OrderedPipeline.maxWorkers)
    }

    /// Runs `items` numbers through the pipeline, checks they come out in order, and returns how
    /// many workers it built.
    static func workersMade(items: Int, jobs: Int, window: Int, byteBudget: Int) -> Int {
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func add() { lock.withLock { value += 1 } }
        }
        let made = Count()
        var next = 0
        var out: [Int] = []
        OrderedPipeline.run(
            jobs: jobs, window: window, byteBudget: byteBudget, cost: { _ in 1 },
            produce: { () -> Int? in
                guard next < items else { return nil }
                next += 1
                return next
            },
            makeWorker: { made.add(); return { $0 * 10 } },
            consume: { out.append($0) })
        #expect(out == (0..<items).map { ($0 + 1) * 10 })
        return made.value
    }

    @Test func outputOrderIsInputOrderWhateverTheJobs() throws {
        let rows = (1...300).map { n in
            "\(n),\"\(n % 7 == 0 ? "" : articleLine)\nShare this article on Facebook\nline \(n)\""
        }
        let text = "id,content\n" + rows.joined(separator: "\n") + "\n"
        let one = try runBatch(try csvSource(text), jobs: 1)
        let four = try runBatch(try csvSource(text), jobs: 4)
        #expect(one.stats.recordsIn == 300 && one.stats.recordsOut == 300)
        #expect(four.output == one.output)
        #expect(try jsonObjects(four.output).map { $0["id"] as? String } == (1...300).map { String($0) })
    }

    /// The extension in any case: `.TXT` pages were skipped.
    @Test func aDirectoryOfPagesIsOneRecordPerTxtFileInPathOrder() throws {
        let dir = NSTemporaryDirectory() + "winnow-batch-dir-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try articleLine.write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        try "".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x41]).write(to: URL(fileURLWithPath: dir + "/sub/c.txt"))
        try articleLine.write(toFile: dir + "/sub/D.TXT", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: dir + "/notes.md", atomically: true, encoding: .utf8)
        let (stats, output) = try runBatch(TextDirectorySource(directory: dir, maxRecordBytes: 1 << 20))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 4 && objects.count == 4)
        #expect(objects.map { $0["id"] as? String } == ["a.txt", "b.txt", "sub/D.TXT", "sub/c.txt"])
        #expect(objects[1]["text"] as? String == articleLine + "\n")
    }

    /// A binary file in the directory is one record with an error, as a binary page given alone
    /// is refused; the pages around it are still cleaned.
    @Test func aBinaryFileInTheDirectoryIsAnErrorRecord() throws {
        let dir = NSTemporaryDirectory() + "winnow-batch-dir-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try articleLine.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        try articleLine.write(toFile: dir + "/c.txt", atomically: true, encoding: .utf8)
        let (stats, output) = try runBatch(TextDirectorySource(directory: dir, maxRecordBytes: 1 << 20))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && stats.failed == 1 && objects.count == 3)
        #expect(objects[1]["error"] as? String == "b.txt: binary file, not labelled (looks like a PNG image)")
        #expect(objects[1]["text"] == nil)
        #expect(objects[0]["text"] as? String == articleLine + "\n" && objects[2]["text"] as? String == articleLine + "\n")
    }

    /// A named pipe among a directory's pages is an error record, found without waiting: its open
    /// waited for a writer for ever, deaf to Ctrl-C and SIGTERM, and no record after it came out
    /// (session 29, gaps33). Should the open wait again, a writer comes after 5 s: the test then
    /// fails (an empty page, no error) rather than hangs.
    @Test func aNamedPipeInTheDirectoryIsAnErrorRecordNotAWait() throws {
        let dir = NSTemporaryDirectory() + "winnow-batch-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try articleLine.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try #require(mkfifo(dir + "/b.txt", 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        try articleLine.write(toFile: dir + "/c.txt", atomically: true, encoding: .utf8)
        let writer = Thread {
            usleep(5_000_000)
            let fd = open(dir + "/b.txt", O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        writer.start()
        let (stats, output) = try runBatch(TextDirectorySource(directory: dir, maxRecordBytes: 1 << 20))
        let objects = try jsonObjects(output)
        #expect(stats.recordsIn == 3 && stats.recordsOut == 3 && stats.failed == 1)
        #expect(objects[1]["error"] as? String
                == "b.txt: is a named pipe (FIFO), not a page file (a directory or a list of paths is read as regular files)")
        #expect(objects[0]["text"] as? String == articleLine + "\n" && objects[2]["text"] as? String == articleLine + "\n")
    }
}

/// Output cut short (Ctrl-C, a kill) ends with a whole record: the sink flushed every 64 KB,
/// and a CSV row, written field by field, was cut there (`clean --csv --output-format csv`
/// interrupted after 6 s ended in half a row); Ctrl-C stops the reading, and the records read
/// are written, whole, with the summary saying so.
@Suite struct BatchInterruptTests {
    final class CountingSource: BatchSource {
        var produced = 0
        let bytesRead = 0
        let totalBytes: Int? = nil
        let text: [UInt8]
        init(text: [UInt8]) { self.text = text }
        func next() -> BatchRecord? {
            guard produced < 40 else { return nil }
            produced += 1
            return BatchRecord(number: produced, id: .int(produced), text: text, size: text.count)
        }
    }

    @Test func theSinkWritesOnlyWholeRecords() throws {
        let path = try temporaryFile([], suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        let writer = BatchWriter(format: .csv, task: .clean, sink: OutputSink(fileDescriptor: fd))
        writer.writeHeader(input: nil)
        // Rows of one length (ids 10 to 99), each 30 KB with a quoted field: a 64 KB flush falls inside a row.
        let text = String(repeating: "The council met, and voted.", count: 1100)
        var sizes: [Int] = []
        for n in 10..<40 {
            let record = BatchRecord(number: n, id: .string(String(n)))
            writer.write(BatchResult(record: record, cleaned: text, segments: nil, lineCount: 1, warnings: []))
            sizes.append(Int((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1))
        }
        writer.sink.flush()
        let whole = try #require((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue)
        let header = Array("id,cleaned_text,line_count,warnings,error\n".utf8).count
        let row = (whole - header) / 30
        #expect((whole - header) % 30 == 0)
        #expect(sizes.contains { $0 > 0 }, "nothing was written before the end")
        for size in sizes where size > 0 { #expect((size - header) % row == 0, "the file ended inside a row at \(size) bytes") }
    }

    @Test func anInterruptStopsTheReadingAndWritesTheRecordsRead() throws {
        let source = CountingSource(text: Array(articleLine.utf8))
        let path = try temporaryFile([], suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_WRONLY)
        let writer = BatchWriter(format: .jsonl, task: .clean, sink: OutputSink(fileDescriptor: fd))
        let stats = BatchRun.run(source: source, task: .clean, rules: Repo.rules, writer: writer, jobs: 2,
                                 interrupt: { source.produced >= 7 ? SIGINT : 0 })
        close(fd)
        let objects = try jsonObjects(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
        #expect(stats.interruptedBy == SIGINT && stats.recordsIn == 7 && stats.recordsOut == 7)
        #expect(objects.map { $0["record"] as? Int } == Array(1...7).map { $0 })
    }
}

/// Big records are not queued up to 64 MB deep: beyond the first, at most
/// `BatchRun.inFlightBytes` (16 MB) of input is between reading and writing, so two 10 MB
/// records, not six, are in flight at once (a record costs about 15 times its size while labelled).
@Suite struct BatchInFlightTests {
    final class SizedSource: BatchSource {
        var produced = 0, consumed = 0, most = 0
        let bytesRead = 0
        let totalBytes: Int? = nil
        func next() -> BatchRecord? {
            guard produced < 8 else { return nil }
            produced += 1
            most = max(most, produced - consumed)
            return BatchRecord(number: produced, id: .int(produced), text: Array("The council met on Tuesday.".utf8), size: 10 << 20)
        }
    }

    @Test func recordsInFlightStayWithinTheBudget() throws {
        let source = SizedSource()
        let fd = open("/dev/null", O_WRONLY)
        defer { close(fd) }
        let writer = BatchWriter(format: .jsonl, task: .clean, sink: OutputSink(fileDescriptor: fd))
        let stats = BatchRun.run(source: source, task: .clean, rules: Repo.rules, writer: writer, jobs: 2,
                                 progress: { source.consumed = $0.recordsOut })
        #expect(stats.recordsOut == 8)
        #expect(source.most == 2, "\(source.most) records of 10 MB in flight")
    }
}
