import ArgumentParser
import Winnow

struct LabelPages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Label every line of each page: article, boilerplate or comment.",
        discussion: """
            Formats:
              text       one row per segment: lines, label, first words (default)
              json       one JSON object per page (JSON Lines for several pages); see docs/output.md
              annotated  every input line prefixed by its label, the golden-fixture format;
                         '*' marks the first line of each reader comment; with several
                         pages, each starts with a line '==> PATH <==' (as head(1) does)

            Pages are labelled on --jobs threads, --jobs pages at a time, and printed in input order.

            Batch input: --csv, --jsonl or a directory of .txt pages (any case) gives one output record per \
            input record (its segments), in input order; see docs/output.md.

            Examples:
              winnow label page.txt
              winnow label --format json page.txt
              winnow label --jsonl pages.jsonl --text-field body > segments.jsonl
              winnow label --format annotated page.txt > page.expected

            Exit status: 0 success; 1 when a page could not be read (binary, too large, missing: \
            the others are still labelled) or a batch record failed (it still has its output \
            record, with an error); 2 bad usage or bad rules.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, annotated
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup(title: "Batch input") var batch: BatchOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or annotated.")
    var format: Format = .text

    func run() throws {
        if batch.isBatch(input) {
            // `label --format annotated pages/` printed JSON Lines records without a word.
            if format != .text { throw ValidationError("--format is for pages; batch input (--csv, --jsonl, a directory) writes --output-format jsonl or csv") }
            return try batch.run(task: .label, input: input, rules: try ruleOptions.load())
        }
        try batch.refuseBatchOutputForPages()
        let rules = try ruleOptions.load()
        // Annotated pages have no header of their own: several would run together.
        let namePages = input.files.count > 1
        let unreadable = try input.labelledPages(rules: rules, jobs: batch.jobs, command: "label") { result in
            switch format {
            case .text: Console.out(TextReport.render(result))
            case .json: Console.out(JSONReport.render(result) + "\n")
            case .annotated:
                for w in result.warnings { Console.error("\(result.source): warning: \(w)") }
                if namePages { Console.out("==> \(result.source) <==\n") }
                Console.out(AnnotatedFormat.render(result))
            }
        }
        if unreadable > 0 { throw ExitCode(1) }
    }
}
