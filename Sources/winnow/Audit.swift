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
              winnow audit page.txt --line 30-45          (a run of lines)
              winnow audit --stats pages/     (which rules fire where, which never do;
                                               a directory: the .txt pages below it)
              echo 'Share this:' | winnow audit -         (one line from standard input)
              winnow audit --format json page.txt --line 12   (the same, as JSON)
              winnow audit page.txt --text 'sign up for'      (the lines holding it)
              winnow audit pages/ --rule share.prompt   (where a rule fires on a corpus)
              winnow audit --csv pages.csv --id 141 --line 3  (a record of a CSV
                                               file, by its id; --record 7 by place)
              winnow audit --stats --jsonl pages.jsonl   (every record of the file)

            --csv and --jsonl read records as `winnow clean` does (the same --column, \
            --text-field, ... options): the text of each record picked by --record or --id, or \
            of every record, is audited as a page named 'FILE record N (id ID)'.

            --text and --rule select lines on every page given: a page with no such line is \
            not shown, and a --text or --rule that selects no line of any page is named on \
            standard error.

            With --line, each line also shows its features (named as rule conditions name them) \
            and the engine step walk.name-line: whether the line can be a commenter's name.

            Exit status: 0 success; 1 when a page or record could not be read, or a --line, \
            --text, --rule, --record or --id names none; 2 bad usage or bad rules (a --rule that \
            is no rule's or engine step's id).
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Only show this line, or the lines N-M (repeatable).", valueName: "n"))
    var line: [LineSpan] = []

    @Option(name: .long, help: ArgumentHelp("Only show the lines holding this text, upper or lower case alike (repeatable; with --line, those lines too): a line of a record, or one you saw dropped, without its number.", valueName: "text"))
    var text: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only show the lines where this rule or engine step fired, or where a step removed its hit (repeatable; with --line or --text, those lines too): where a rule takes lines, over a directory of pages.", valueName: "id"))
    var rule: [String] = []

    @Flag(name: .long, help: "Print per-rule hit counts across all pages and the rules that never fired.")
    var stats = false

    @Option(name: .shortAndLong, help: "Output format: text or json (one object per page; not with --stats).")
    var format: TextOrJSON = .text

    @OptionGroup(title: "Records of a CSV or JSON Lines file") var records: RecordOptions

    @Option(name: .long, help: ArgumentHelp("With --csv or --jsonl: audit the record at this place, counted from 1 as batch output's 'record' (repeatable).", valueName: "n"))
    var record: [Int] = []

    @Option(name: .long, help: ArgumentHelp("With --csv or --jsonl: audit the records with this id (repeatable; a number id as written).", valueName: "id"))
    var id: [String] = []

    func validate() throws {
        if stats && format == .json { throw ValidationError("--stats prints text only; drop --format json") }
        // `--line 0` was read as a line past the page's end, after the page's header, status 1;
        // with --stats a --line was silently ignored.
        if let bad = line.first(where: { $0.first < 1 }) { throw ValidationError("--line \(bad): lines are numbered from 1") }
        if stats && !(line.isEmpty && text.isEmpty && rule.isEmpty) { throw ValidationError("--stats counts whole pages; drop --line, --text and --rule") }
        if text.contains(where: { $0.isEmpty }) { throw ValidationError("--text '': give the text a line holds") }
        if let bad = record.first(where: { $0 < 1 }) { throw ValidationError("--record \(bad): records are numbered from 1") }
        if records.file == nil && !(record.isEmpty && id.isEmpty) {
            throw ValidationError("--record and --id pick records of a --csv or --jsonl file")
        }
        if records.file != nil && (!input.files.isEmpty || input.filesFrom != nil) {
            throw ValidationError("--csv and --jsonl read one file; don't give page files or --files-from as well")
        }
    }

    func run() throws {
        let rules = try ruleOptions.load()
        for id in rule { if let problem = AuditReport.unknownRule(id, in: rules) { throw ValidationError(problem) } }
        var labeler = Labeler(rules: rules)
        labeler.auditNotes = true
        var ruleStats = RuleStats()
        defer { if stats { Console.out(ruleStats.render(rules: rules)) } }
        var missing = false
        // The --text and --rule that selected a line of some page, and the pages audited: over a
        // directory, the pages without such a line were each shown as a bare header and named
        // on standard error ("no line holds"), with status 1, where most pages hold no such line.
        var selectedText = Set<String>(), selectedRule = Set<String>()
        var pageCount = 0, firstPage = ""
        func audit(_ page: Page) {
            let result = labeler.label(page)
            if pageCount == 0 { firstPage = page.source }
            pageCount += 1
            if stats { ruleStats.add(result) } else {
                var only = line.isEmpty && text.isEmpty && rule.isEmpty ? nil
                    : Set(line.flatMap { $0.first <= result.lines.count ? Array($0.first...min($0.last, result.lines.count)) : [] })
                // The lines holding a --text (its case folded), found on the page's own lines.
                for t in text {
                    let wanted = t.lowercased()
                    let holding = result.lines.filter { $0.text.lowercased().contains(wanted) }.map(\.number)
                    if !holding.isEmpty { selectedText.insert(t) }
                    only?.formUnion(holding)
                }
                for id in rule {
                    let firing = AuditReport.lines(of: result, firing: id)
                    if !firing.isEmpty { selectedRule.insert(id) }
                    only?.formUnion(firing)
                }
                if line.isEmpty, only?.isEmpty == true { return }
                switch format {
                case .text: Console.out(AuditReport.render(result, only: only))
                case .json: Console.out(AuditReport.json(result, only: only).serialized() + "\n")
                }
                // A --line past the page's end printed nothing at all, with status 0. A span
                // that runs past it shows the lines the page has, as `sed -n 5,99p` does.
                for span in line where span.first > result.lines.count {
                    Console.error("\(page.source): no line \(span.first) (the page has \(result.lines.count) lines)")
                    missing = true
                }
            }
        }
        if let source = try records.source() {
            if try !auditRecords(source, audit) { missing = true }
        } else {
            // A page that could not be read ends the reading with status 1: the --text and --rule
            // that selected nothing are still named.
            do { try input.pages(audit) } catch let e as ExitCode where e.rawValue == 1 { missing = true }
        }
        if pageCount > 0 {
            let of = pageCount == 1 ? "\(firstPage): " : ""
            let pagesText = pageCount == 1 ? "" : " of the \(pageCount) pages"
            for t in text where !selectedText.contains(t) {
                Console.error("\(of)no line\(pagesText) holds '\(t)'")
                missing = true
            }
            for id in rule where !selectedRule.contains(id) {
                Console.error("\(of)rule '\(id)' fired on no line\(pagesText)")
                missing = true
            }
        }
        if missing { throw ExitCode(1) }
    }

    /// Audits the records --record and --id pick (every record without them), each as a page
    /// named after its place and id; a record that failed to read, or a --record or --id that
    /// names none, is reported on standard error. Returns false when any was.
    func auditRecords(_ source: BatchSource, _ audit: (Page) -> Void) throws -> Bool {
        let file = records.file ?? "-"
        let places = Set(record), ids = Set(id)
        // Records come in order: with places only, the reading stops at the last one asked.
        let last = ids.isEmpty ? places.max() : nil
        var found = Set<Int>(), foundIDs = Set<String>(), count = 0, ok = true
        while let r = source.next() {
            count = r.number
            let idText: String? = switch r.id {
            case .null: nil
            case .string(let s): s
            default: r.id.serialized()
            }
            if (places.isEmpty && ids.isEmpty) || places.contains(r.number) || idText.map(ids.contains) == true {
                found.insert(r.number)
                if let idText { foundIDs.insert(idText) }
                let name = "\(file) record \(r.number)" + (idText.map { " (id \($0))" } ?? "")
                for w in r.warnings { Console.error("\(name): warning: \(w)") }
                if let error = r.error {
                    Console.error("\(name): \(error)")
                    ok = false
                } else {
                    audit(Page(source: name, bytes: r.text))
                }
            }
            if let last, r.number >= last { break }
        }
        for n in places.subtracting(found).sorted() {
            Console.error("\(file): no record \(n) (the file has \(count) record\(count == 1 ? "" : "s"))")
            ok = false
        }
        for i in id where !foundIDs.contains(i) {
            Console.error("\(file): no record with id '\(i)'")
            ok = false
        }
        return ok
    }
}

/// A `--line` value: one line ("12") or a span of them ("12-40"), numbered from 1. The span was
/// refused by the parser ("The value '3-5' is invalid"; session 24, gaps28, left; session 28).
struct LineSpan: ExpressibleByArgument, CustomStringConvertible {
    let first: Int, last: Int

    init?(argument: String) {
        let parts = argument.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = Int(parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        if parts.count == 1 {
            (self.first, last) = (first, first)
            return
        }
        guard let last = Int(parts[1].trimmingCharacters(in: .whitespaces)), last >= first else { return nil }
        (self.first, self.last) = (first, last)
    }

    var description: String { first == last ? "\(first)" : "\(first)-\(last)" }
}
