import ArgumentParser
import Foundation

@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Separate the article in scraped pages from boilerplate and reader comments.",
        discussion: """
            Every line of a page gets a label: article, boilerplate.<kind> or comment.<kind>. \
            Labels come from YAML rule files of PCRE2 patterns (see docs/rules.md); every label \
            can be traced to the rules that fired with `winnow audit`.

            Examples:
              winnow clean page.txt                  (the article lines only)
              winnow label --format json page.txt    (every line's label, as JSON)
              winnow audit page.txt --line 27        (why line 27 got its label)

            Exit status: 0 success, 1 input errors, 2 bad usage or bad rules.
            """,
        subcommands: [Clean.self, LabelPages.self, Audit.self, Rules.self, TestCommand.self, Moderate.self, Eval.self, Train.self, Bench.self]
    )

    /// Usage errors exit with 2 (argument-parser's default is 64).
    static func main() {
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot()
            parsed = command
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                var message = fullMessage(for: error)
                // A usage error found while running (a bad --filter, two pages of one name for
                // --output) shows the usage of the subcommand that ran, not the root's.
                if let parsed, error is ValidationError {
                    message = "Error: \(error)\nUsage: \(usageString(for: type(of: parsed)))"
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
