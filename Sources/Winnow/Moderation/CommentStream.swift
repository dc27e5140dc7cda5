/// Reads comments from JSON Lines one line at a time and moderates them in input order
/// (`winnow moderate`): every non-blank input line yields exactly one output line, the
/// moderation of its record or an `error` record, so nothing is lost and memory stays bounded.
public struct CommentStream {
    public let moderation: StandaloneModeration
    public let fields: CommentRecord.Fields
    /// One context for every comment (`--article FILE`), replacing the records' article field.
    public var sharedArticle: String?
    public var explain = false
    /// Largest input line, in bytes (`--max-record-mb`, as for `clean`/`label` batch input): a
    /// longer one is an error record instead of moderated (a 50 MB comment took 40 s and 724 MB).
    public var maxRecordBytes = 16 << 20

    public init(moderation: StandaloneModeration, fields: CommentRecord.Fields) {
        self.moderation = moderation
        self.fields = fields
    }

    /// Counts for the summary on standard error.
    public struct Summary: Sendable, Equatable {
        public var kinds: [String: Int] = [:]
        public var errors = 0
        public init() {}
        public var total: Int { kinds.values.reduce(0, +) + errors }
    }

    /// Calls `body` with each non-blank line's number and its parsed record or error.
    public static func records(_ lines: LineStream, fields: CommentRecord.Fields, maxRecordBytes: Int = .max,
                               _ body: (Int, Result<CommentRecord, CommentRecord.ParseError>) -> Void) {
        // A line past the limit is read past, not kept: memory stays within the limit.
        while let read = lines.next(limit: maxRecordBytes) {
            guard case .bytes(let line) = read else {
                if case .tooLong(let length) = read {
                    body(lines.lineNumber, .failure(CommentRecord.ParseError(
                        id: .null, message: "line \(lines.lineNumber) is \(length) bytes, over the \(maxRecordBytes)-byte record limit (raise it with --max-record-mb)")))
                }
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do { body(lines.lineNumber, .success(try CommentRecord(line: line, fields: fields))) } catch {
                body(lines.lineNumber, .failure(error))
            }
        }
    }

    /// Moderates every record of `lines`, writing one JSON line per record; `onError` hears
    /// about each unreadable line, `onWarning` about each repaired one (for standard error).
    public func run(_ lines: LineStream, summary: inout Summary, write: (String) -> Void,
                    onError: (Int, String) -> Void = { _, _ in }, onWarning: (Int, String) -> Void = { _, _ in }) {
        CommentStream.records(lines, fields: fields, maxRecordBytes: maxRecordBytes) { number, outcome in
            switch outcome {
            case .success(var record):
                if record.invalidUTF8 > 0 { onWarning(number, "\(record.invalidUTF8) invalid UTF-8 sequence(s) replaced with U+FFFD") }
                if let sharedArticle { record.article = sharedArticle }
                let verdict = moderation.moderate(record)
                summary.kinds[verdict.kind, default: 0] += 1
                write(ModerationReport.render(id: record.id, verdict: verdict, explain: explain))
            case .failure(let error):
                summary.errors += 1
                onError(number, error.message)
                write(ModerationReport.render(id: error.id, line: number, error: error.message))
            }
        }
    }
}
