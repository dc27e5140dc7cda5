/// What a batch run produces for each record.
public enum BatchTask: Sendable {
    /// The article lines (`winnow clean`).
    case clean
    /// The segments (`winnow label`).
    case label
}

/// The outcome for one record: the record's identity and columns, and either the result or
/// an error.
public struct BatchResult: Sendable {
    public let record: BatchRecord
    public let cleaned: String?
    public let segments: JSONValue?
    public let lineCount: Int?
    public let warnings: [String]
    /// The record was labelled, and no line of it came out as article (its cleaned text is empty):
    /// counted in the summary, and said in `warnings` (`PageResult.noArticleWarning`).
    public var noArticle = false
    public var error: String? { record.error }
}

/// Labels one record at a time; one per worker thread (it owns a `Labeler`).
public struct BatchProcessor {
    public let task: BatchTask
    let labeler: Labeler

    public init(task: BatchTask, rules: RuleSet) {
        self.task = task
        labeler = Labeler(rules: rules)
    }

    public func process(_ input: BatchRecord) -> BatchResult {
        var record = input
        let text = record.text
        // The text is not needed downstream; dropping it keeps queued results small.
        record.text = []
        guard record.error == nil else {
            return BatchResult(record: record, cleaned: nil, segments: nil, lineCount: nil, warnings: record.warnings)
        }
        var warnings = record.warnings
        if text.isEmpty { warnings.append("empty text") }
        let source: String
        if case .string(let s) = record.id { source = s } else { source = "record \(record.number)" }
        let page = labeler.label(Page(source: source, bytes: text))
        warnings += page.warnings
        // A text of blank lines came out as an empty text with no word said (a page file of them
        // is warned about: "page has only blank lines").
        if !text.isEmpty && page.lines.allSatisfy({ $0.label == nil }) { warnings.append("text has only blank lines") }
        var result = switch task {
        case .clean:
            BatchResult(record: record, cleaned: CleanText.render(page), segments: nil,
                        lineCount: page.lineCount, warnings: warnings)
        case .label:
            BatchResult(record: record, cleaned: nil, segments: .array(page.segments.map(\.jsonValue)),
                        lineCount: page.lineCount, warnings: warnings)
        }
        // Its warning is the page's (`PageResult.noArticleWarning`); the summary counts them.
        result.noArticle = page.lacksArticle
        return result
    }
}
