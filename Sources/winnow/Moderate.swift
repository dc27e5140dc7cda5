import ArgumentParser
import Foundation
import Winnow

struct Moderate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label comments given as JSON Lines: on-topic, off-topic or promotional.",
        discussion: """
            Each input line is a JSON object {"id": ..., "text": "<comment>", "article": "<what it \
            answers>", "title": "<headline>"}; article and title are optional, but without them \
            only promotional-or-not is decided well (the output carries a note). Each output line, \
            in input order: {"id", "label", "score", "relevance", "rules"}; --explain adds every \
            rule hit with its scores and matched text, and the words shared with the context. \
            A line that cannot be read, or longer than --max-record-mb, comes out as \
            {"id", "line", "error"} and is counted in the summary on standard error. Records stream through one at a time. See docs/output.md.

            Examples:
              winnow moderate comments.jsonl > labelled.jsonl
              winnow moderate --article story.txt --explain replies.jsonl
              jq -c '{id: .cid, body: .body}' dump.json \\
                | winnow moderate --text-field body -

            Exit status: 0 success, 1 unreadable files or records, 2 bad usage or bad rules.
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines files of comments; '-' reads standard input (give it once).", valueName: "file"))
    var files: [String] = []

    @OptionGroup var fieldOptions: FieldOptions
    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Plain-text article that every comment answers (instead of an article field).", valueName: "file"))
    var article: String?

    @Option(help: ArgumentHelp("Largest input line, in MB; a longer one is output with an error instead of moderated.",
                               valueName: "mb"))
    var maxRecordMb = 16

    @Flag(name: .long, help: "Add each rule hit (scores, matched text) and the shared context words.")
    var explain = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, or '-' for standard input") }
        try refuseStandardInputTwice(files)
        if maxRecordMb < 1 { throw ValidationError("--max-record-mb must be at least 1") }
    }

    func run() throws {
        let rules = try ruleOptions.load()
        var shared: String?
        if let article {
            do { shared = try PageReader.read(path: article).lines.joined(separator: "\n") } catch {
                Console.error("\(article): \(error.message)")
                throw ExitCode(1)
            }
        }
        var stream = CommentStream(moderation: StandaloneModeration(rules: rules), fields: fieldOptions.fields)
        stream.sharedArticle = shared
        stream.explain = explain
        stream.maxRecordBytes = maxRecordMb << 20
        var summary = CommentStream.Summary()
        var output = BufferedOutput()
        var failed = false
        do {
            try CommentInput.streams(files) { path, lines in
                stream.run(lines, summary: &summary, write: { output.write($0) },
                           onError: { Console.error("\(path):\($0): \($1)") },
                           onWarning: { Console.error("\(path):\($0): warning: \($1)") })
            }
        } catch { failed = true }
        output.flush()
        let kinds = ["on-topic", "off-topic", "promotional"].map { "\(summary.kinds[$0] ?? 0) \($0)" }.joined(separator: ", ")
        Console.error("\(summary.total) comments: \(kinds), \(summary.errors) unreadable")
        if failed || summary.errors > 0 { throw ExitCode(1) }
    }
}

/// Standard output in 64 KB writes: a million one-line records should not be a million syscalls.
struct BufferedOutput {
    private var buffer = Data()

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.out(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
