import ArgumentParser
import Foundation
import Winnow

extension BatchFormat: ExpressibleByArgument {}

/// Records from a CSV or a JSON Lines file: what `clean` and `label` read as a batch, and what
/// `audit` reads the records to explain from.
struct RecordOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read records from a CSV file with a header row ('-': standard input).", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("CSV column holding the page text.", valueName: "name"))
    var column = "content"

    @Option(help: ArgumentHelp("CSV column holding the record id (default: 'id' when present).", valueName: "name"))
    var idColumn: String?

    // Optional, so that the help states the default once.
    @Option(name: .customLong("delimiter"), help: ArgumentHelp("The CSV file's byte between fields: one ASCII character, or 'tab' (default: a comma); quoting stays RFC 4180's; the --output-format csv of clean and label writes with it too.", valueName: "char"))
    var delimiterGiven: String?

    /// `--delimiter` as its byte, a comma by default.
    var delimiter: UInt8 {
        switch delimiterGiven {
        case nil: UInt8(ascii: ",")
        case "tab", "\\t", "\t": UInt8(ascii: "\t")
        case let d?: d.utf8.first ?? UInt8(ascii: ",")
        }
    }

    @Option(help: ArgumentHelp("Read records from a JSON Lines file, one object per line ('-': standard input).", valueName: "file"))
    var jsonl: String?

    @Option(help: ArgumentHelp("JSON Lines field holding the page text.", valueName: "name"))
    var textField = "text"

    @Option(help: ArgumentHelp("JSON Lines field holding the record id.", valueName: "name"))
    var idField = "id"

    @Option(help: ArgumentHelp("Largest record, in MB; a larger one is not labelled: its record gets an error.",
                               valueName: "mb"))
    var maxRecordMb = 16

    func validate() throws {
        if csv != nil && jsonl != nil { throw ValidationError("give --csv or --jsonl, not both") }
        if let d = delimiterGiven {
            if csv == nil { throw ValidationError("--delimiter is for --csv") }
            let byte = delimiter
            if !(d == "tab" || d == "\\t" || d.utf8.count == 1) || byte >= 0x80 || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                throw ValidationError("--delimiter '\(d)': give one ASCII character other than a quote or a line break, or 'tab'")
            }
        }
        if maxRecordMb < 1 { throw ValidationError("--max-record-mb must be at least 1") }
    }

    /// The file named by --csv or --jsonl, nil when neither is given.
    var file: String? { csv ?? jsonl }

    /// The records of --csv or --jsonl (nil when neither is given). A header that names no such
    /// column, or a UTF-16 file, is bad usage (status 2), reported before any record.
    func source() throws -> BatchSource? {
        let limit = maxRecordMb << 20
        // A UTF-16 file read as UTF-8: its CSV header named columns "i\0d\0" and was refused
        // with NUL bytes in the message; each JSON line was "not valid JSON", and the NUL after
        // the last line break one record more. Refused before any record, as a bad header is.
        // A compressed file (pages.csv.gz) or a workbook (.xlsx, a ZIP archive) was read as text:
        // a CSV header of binary bytes was printed back as "no column 'content'", each JSON line
        // was an error record (session 27, user27). Refused before any record, saying what to run.
        func utf8(_ reader: ByteReader, _ path: String) throws -> ByteReader {
            let name = path == "-" ? "standard input" : path
            if let order = reader.utf16ByteOrder() {
                throw ValidationError("\(name) is UTF-16 (\(order) byte-order mark); batch input is UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)")
            }
            if let format = reader.binaryFormat() {
                throw ValidationError("\(name) " + binaryInputAdvice(format, path: path, rerun: "winnow … \(csv != nil ? "--csv" : "--jsonl") -"))
            }
            return reader
        }
        do {
            if let csv {
                return try CSVSource(input: try utf8(ByteReader(path: csv), csv), textColumn: column, idColumn: idColumn,
                                     maxRecordBytes: limit, delimiter: delimiter)
            }
            if let jsonl {
                return JSONLinesSource(input: try utf8(ByteReader(path: jsonl), jsonl), textField: textField, idField: idField,
                                       maxRecordBytes: limit)
            }
            return nil
        } catch let error as ValidationError {
            throw error
        } catch let error as CSVSource.HeaderError {
            // Named, as every other input error is ("the CSV file is empty" named no file).
            Console.error("\(csv.map { $0 == "-" ? "standard input" : $0 } ?? "-"): \(error)")
            throw ExitCode(2)
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
    }
}

/// Batch input (a CSV file, a JSON Lines file or a directory of .txt pages) and its output.
struct BatchOptions: ParsableArguments {
    @OptionGroup var records: RecordOptions

    @Option(help: ArgumentHelp("Batch output: jsonl (one object per record; the default) or csv (input columns plus results).",
                               valueName: "format"))
    var outputFormat: BatchFormat?

    // Optional, so that the help states the default once, in words: a default value was shown
    // again as "(default: 2)", this machine's cores.
    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp("Worker threads, for batch input and for page files (default: all cores; at most four per core are started, for records and page files alike); output stays in input order.", valueName: "n"))
    var jobsGiven: Int?

    /// `--jobs`, or all cores.
    var jobs: Int { jobsGiven ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The directory when the only input is one, which makes it a batch of its .txt pages.
    func directory(in files: [String]) -> String? {
        var isDirectory: ObjCBool = false
        guard files.count == 1, FileManager.default.fileExists(atPath: files[0], isDirectory: &isDirectory),
              isDirectory.boolValue else { return nil }
        return files[0]
    }

    /// True when this run reads records rather than pages.
    func isBatch(_ input: InputOptions) -> Bool {
        records.file != nil || input.filesFrom != nil || directory(in: input.files) != nil
    }

    /// Page files print in the page formats: an --output-format given with them was ignored without a word.
    func refuseBatchOutputForPages() throws {
        if outputFormat != nil {
            throw ValidationError("--output-format is for batch input (--csv, --jsonl, a directory); pages print as text (clean) or in --format (label)")
        }
    }

    /// Runs the batch, prints the summary, and exits 1 if any record failed. `pageFiles`: each
    /// record's cleaned text goes to a file of its own (`clean --output DIR`), not to standard output.
    func run(task: BatchTask, input: InputOptions, rules: RuleSet, pageFiles: CleanedPageFiles? = nil) throws {
        let files = input.files
        if records.file != nil && !files.isEmpty {
            throw ValidationError("--csv and --jsonl read one file; don't give page files as well")
        }
        if records.file != nil && input.filesFrom != nil {
            throw ValidationError("give --csv, --jsonl or --files-from, one of them")
        }
        let limit = records.maxRecordMb << 20
        let source: BatchSource
        if let records = try records.source() {
            source = records
        } else if let list = input.filesFrom {
            do { source = PathListSource(list: try LineStream(path: list, nulSeparated: input.nulSeparated), maxRecordBytes: limit) } catch {
                throw ValidationError("--files-from \(list): cannot read (\(error.message))")
            }
        } else {
            let directory = directory(in: files)!
            let pages = TextDirectorySource(directory: directory, maxRecordBytes: limit)
            // A directory with no page in it (pages named .html, the wrong directory) printed
            // a summary of zero records and exited 0; `winnow test` calls an empty fixture
            // directory bad usage, and so does this.
            if pages.count == 0 {
                throw ValidationError("'\(directory)' holds no .txt page (a directory is read as a batch of the .txt pages in it and under it)")
            }
            source = pages
        }
        let progress = BatchProgress()
        let writer = BatchWriter(format: outputFormat ?? .jsonl, task: task, sink: OutputSink(), delimiter: records.delimiter)
        // An input column named as a result column (cleaning a file an earlier run wrote) gave a
        // header with 'cleaned_text' or 'error' twice, which CSV readers merge or rename.
        let clashes = writer.clashingColumns(input: source.header ?? [])
        if !clashes.isEmpty {
            throw ValidationError("the CSV header already has the column(s) " + clashes.map { "'\($0)'" }.joined(separator: ", ")
                                  + " that --output-format csv adds (" + writer.resultColumns.joined(separator: ", ")
                                  + "): a file an earlier run wrote? Rename them in the header, or read the original input")
        }
        pageFiles?.directorySource = source is TextDirectorySource ? directory(in: files) : nil
        // Ctrl-C (SIGINT) or SIGTERM: stop reading, write the records read, say so; a second one
        // stops at once (the handler puts the default action back), the output still whole records.
        // The wake pipe ends a read waiting on standard input gone quiet (`InputWake`).
        InputWake.install()
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { caught in
                batchInterrupt.store(caught, ordering: .relaxed)
                InputWake.wake()
                signal(caught, SIG_DFL)
            }
        }
        let stats = if let pageFiles {
            BatchRun.run(source: source, task: task, rules: rules, jobs: jobs, progress: progress.isTerminal ? progress.update : nil,
                         outputFailed: { false }, write: pageFiles.write)
        } else {
            BatchRun.run(source: source, task: task, rules: rules, writer: writer, jobs: jobs,
                         progress: progress.isTerminal ? progress.update : nil)
        }
        progress.finish(stats)
        if let pageFiles {
            Console.error(pageFiles.summary(stats))
            if pageFiles.unwritten > 0 { throw ExitCode(1) }
        }
        if let reason = writer.sink.failureReason {
            Console.error("cannot write the output (\(reason))" + (stats.outputFailed ? ": stopped reading after record \(stats.recordsIn)" : ""))
            throw ExitCode(1)
        }
        if stats.interruptedBy != 0 { throw ExitCode(128 + stats.interruptedBy) }
        if stats.recordsIn != stats.recordsOut {
            Console.error("records in (\(stats.recordsIn)) differ from records out (\(stats.recordsOut))")
            throw ExitCode(1)
        }
        if stats.failed > 0 { throw ExitCode(1) }
    }
}

/// Progress on standard error while it is a terminal, and the final summary always.
final class BatchProgress {
    let isTerminal = isatty(2) == 1
    private var last = Date.distantPast

    func update(_ s: BatchStats) {
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.5 else { return }
        last = now
        var line = "\(s.recordsOut) records, \(rate(s).records) records/s, \(rate(s).mb) MB/s"
        if let total = s.totalBytes, s.bytesRead > 0, s.elapsed > 0 {
            let remaining = Double(total - s.bytesRead) / (Double(s.bytesRead) / s.elapsed)
            line += ", ETA \(Int(remaining.rounded()))s"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func finish(_ s: BatchStats) {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let seconds = String(format: "%.1f", s.elapsed)
        let stop = s.interruptedBy == 0 ? ""
            : "interrupted (\(s.interruptedBy == SIGINT ? "SIGINT" : "SIGTERM")): the output holds records 1 to \(s.recordsOut), whole; "
        Console.error(stop + "records in \(s.recordsIn), records out \(s.recordsOut), failed \(s.failed), "
                      + "warnings \(s.warnings)" + (s.noArticle > 0 ? " (\(s.noArticle) with no article line)" : "") + ", elapsed \(seconds)s (\(rate(s).records) records/s, \(rate(s).mb) MB/s)")
    }

    private func rate(_ s: BatchStats) -> (records: String, mb: String) {
        let t = max(s.elapsed, 0.001)
        return (String(format: "%.0f", Double(s.recordsOut) / t), String(format: "%.1f", Double(s.bytesRead) / t / 1_048_576))
    }
}

/// What to tell a user whose input file is a compressed archive or a workbook, not text: the
/// command that decompresses it into `rerun` (which reads standard input), or what to save.
func binaryInputAdvice(_ format: String, path: String, rerun: String) -> String {
    let tool = ["gzip archive": "gzip -dc", "bzip2 archive": "bzip2 -dc", "xz archive": "xz -dc", "zstd archive": "zstd -dc"][format]
    return "looks like a \(format), not text: "
        + (tool.map { "decompress it into Winnow, \($0) \(path == "-" ? "FILE" : path) | \(rerun)" }
           ?? (format == "ZIP archive" ? "a spreadsheet workbook (.xlsx) is one: save it as CSV (UTF-8) first; a zip of files: unzip it" : "give the text file"))
}
