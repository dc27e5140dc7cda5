import ArgumentParser
import Winnow

/// Field names of JSON Lines comment records, shared by moderate, eval and train.
struct FieldOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Field holding the comment.", valueName: "name"))
    var textField = "text"
    @Option(name: .long, help: ArgumentHelp("Field holding the article or question the comment answers.", valueName: "name"))
    var articleField = "article"
    @Option(name: .long, help: ArgumentHelp("Field holding the headline or question subject.", valueName: "name"))
    var titleField = "title"
    @Option(name: .long, help: ArgumentHelp("Field holding the comment's id (copied to the output).", valueName: "name"))
    var idField = "id"
    @Option(name: .long, help: ArgumentHelp("Boolean field: the comment's author asked the question.", valueName: "name"))
    var askerField = "author_is_asker"

    var fields: CommentRecord.Fields {
        var f = CommentRecord.Fields()
        f.text = textField
        f.article = articleField
        f.title = titleField
        f.id = idField
        f.asker = askerField
        return f
    }
}

/// `--max-record-mb` for the commands that read labelled comments (eval, train): a longer line
/// is read past, not held, and counted as unreadable (`winnow moderate` has its own, whose
/// long line comes out as an error record).
struct RecordLimitOption: ParsableArguments {
    @Option(help: ArgumentHelp("Largest input line, in MB; a longer one is skipped, reported and counted as unreadable.",
                               valueName: "mb"))
    var maxRecordMb = 16

    func validate() throws {
        if maxRecordMb < 1 { throw ValidationError("--max-record-mb must be at least 1") }
    }

    var bytes: Int { maxRecordMb << 20 }
}

/// `--only FIELD=VALUE`: keep records whose field has this value.
struct RecordFilter: ExpressibleByArgument {
    let field: String
    let value: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        field = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
    }

    func keeps(_ record: CommentRecord) -> Bool { record.fields[field] == value }
}

/// Reads JSON Lines files in order, one record at a time, and reports each line's outcome.
enum CommentInput {
    /// Opens each file (or standard input, `-`) in turn. An unreadable file is reported and
    /// makes the command fail at the end; the other files are still read.
    static func streams(_ files: [String], _ body: (String, LineStream) -> Void) throws {
        var failed = false
        for path in files {
            do {
                let stream = try LineStream(path: path)
                // A compressed comment file was read as text: each stretch of binary bytes was an
                // error record (session 27 review). Refused whole, saying what to run.
                if let format = stream.binaryFormat() {
                    Console.error("\(path): " + binaryInputAdvice(format, path: path, rerun: "winnow moderate -"))
                    failed = true
                    continue
                }
                body(path, stream)
            } catch {
                Console.error("\(path): \(error.message)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Calls `body` with each line's number and its record or parse error.
    static func each(_ files: [String], fields: CommentRecord.Fields, maxRecordBytes: Int,
                     _ body: (String, Int, Result<CommentRecord, CommentRecord.ParseError>) -> Void) throws {
        try streams(files) { path, stream in
            CommentStream.records(stream, fields: fields, maxRecordBytes: maxRecordBytes) { body(path, $0, $1) }
        }
    }
}
