import ArgumentParser
import Winnow

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score moderation against labelled comments: precision, recall, F1, confusion.",
        discussion: """
            Reads JSON Lines like `winnow moderate`, with the gold label in the field `label` \
            (on-topic, off-topic, promotional, or not-promotional). With a two-label gold set the \
            third label is folded in: against promotional / not-promotional, on-topic and off-topic \
            count as not-promotional; against on-topic / off-topic, promotional counts as off-topic. \
            Prints per-label precision, recall and F1, accuracy, macro-F1 and the confusion table.

            Examples:
              winnow eval youtube-dev.jsonl
              winnow eval --only video=LMFAO youtube-dev.jsonl
              winnow eval --rules rules-heldout/ qatarliving-dev.jsonl

            Records that cannot be read, or lack a label, or whose line is longer than \
            --max-record-mb (read past, not held), are counted and make the exit status 1.
            """
    )

    @Argument(help: ArgumentHelp("Labelled JSON Lines files.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var fieldOptions: FieldOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var recordLimit: RecordLimitOption

    @Option(name: .long, help: ArgumentHelp("Field holding the gold label.", valueName: "name"))
    var labelField = "label"

    @Option(name: .long, help: ArgumentHelp("Only records whose FIELD has this VALUE (repeatable: all must hold).", valueName: "field=value"))
    var only: [RecordFilter] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one labelled JSON Lines file") }
    }

    func run() throws {
        let moderation = StandaloneModeration(rules: try ruleOptions.load())
        var fields = fieldOptions.fields
        fields.label = labelField
        var metrics = EvalMetrics()
        var errors = 0
        try CommentInput.each(files, fields: fields, maxRecordBytes: recordLimit.bytes) { path, line, outcome in
            switch outcome {
            case .success(let record):
                guard only.allSatisfy({ $0.keeps(record) }) else { return }
                guard let gold = record.label else {
                    errors += 1
                    Console.error("\(path):\(line): no '\(labelField)' field")
                    return
                }
                metrics.add(gold: gold, predicted: moderation.moderate(record).kind)
            case .failure(let error):
                errors += 1
                Console.error("\(path):\(line): \(error.message)")
            }
        }
        // A gold set labelled "spam" / "ham" scored 0.000 everywhere, with no word of why; and no
        // comment at all (every line unreadable, or --only keeping none) printed an empty table.
        for (label, count) in metrics.unknownGoldLabels {
            Console.error("warning: gold label '\(label)' (\(count) comment\(count == 1 ? "" : "s")) is none of the labels scored "
                          + "(on-topic, off-topic, promotional, not-promotional): its comments all count as wrong; rename it in the file first")
        }
        guard metrics.count > 0 else {
            Console.out("\(files.joined(separator: " ")): 0 comments, \(errors) unreadable\n")
            Console.error("no labelled comment to score" + (only.isEmpty || errors > 0 ? "" : " (--only kept none)"))
            throw ExitCode(1)
        }
        Console.out("\(files.joined(separator: " ")): \(metrics.count) comments, \(errors) unreadable\n\n" + metrics.render())
        if errors > 0 { throw ExitCode(1) }
    }
}
