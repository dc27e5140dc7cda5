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

            Exit status: 0 success, 1 input errors, 2 bad usage or bad rules.
            """,
        subcommands: [Clean.self, LabelPages.self, Audit.self, Rules.self, TestCommand.self, Moderate.self, Eval.self, Train.self, Bench.self]
    )

    /// Usage errors exit with 2 (argument-parser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
