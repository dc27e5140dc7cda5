import ArgumentParser
import Winnow

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain every label: score table, rule hits and margin, line by line.",
        discussion: """
            For each line: the verdict (label, score, margin over the runner-up), the score of \
            each competing label, and every rule that fired with its score, matched text and \
            description. Priors appear as the pseudo-rules prior.body, prior.comment_section, \
            prior.in_comment and prior.empty_comment_section. Comment headers also show the comment's moderation.

            Examples:
              winnow audit page.txt --line 12 --line 40   (why were these lines dropped?)
              winnow audit --stats pages/     (which rules fire where, which never do;
                                               a directory: the .txt pages below it)
              echo 'Share this:' | winnow audit -         (one line from standard input)
              winnow audit --format json page.txt --line 12   (the same, as JSON)

            With --line, each line also shows its features (named as rule conditions name them) \
            and the engine step walk.name-line: whether the line can be a commenter's name.

            Exit status: 0 success; 1 when a page could not be read; 2 bad usage or bad rules.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Only show this line (repeatable).", valueName: "n"))
    var line: [Int] = []

    @Flag(name: .long, help: "Print per-rule hit counts across all pages and the rules that never fired.")
    var stats = false

    @Option(name: .shortAndLong, help: "Output format: text or json (one object per page; not with --stats).")
    var format: TextOrJSON = .text

    func validate() throws {
        if stats && format == .json { throw ValidationError("--stats prints text only; drop --format json") }
        // `--line 0` was read as a line past the page's end, after the page's header, status 1;
        // with --stats a --line was silently ignored.
        if let bad = line.first(where: { $0 < 1 }) { throw ValidationError("--line \(bad): lines are numbered from 1") }
        if stats && !line.isEmpty { throw ValidationError("--stats counts whole pages; drop --line") }
    }

    func run() throws {
        let rules = try ruleOptions.load()
        var labeler = Labeler(rules: rules)
        labeler.auditNotes = true
        var ruleStats = RuleStats()
        defer { if stats { Console.out(ruleStats.render(rules: rules)) } }
        var missing = false
        try input.pages { page in
            let result = labeler.label(page)
            if stats { ruleStats.add(result) } else {
                let only = line.isEmpty ? nil : Set(line)
                switch format {
                case .text: Console.out(AuditReport.render(result, only: only))
                case .json: Console.out(AuditReport.json(result, only: only).serialized() + "\n")
                }
                // A --line past the page's end printed nothing at all, with status 0.
                for n in line where n > result.lines.count {
                    Console.error("\(page.source): no line \(n) (the page has \(result.lines.count) lines)")
                    missing = true
                }
            }
        }
        if missing { throw ExitCode(1) }
    }
}
