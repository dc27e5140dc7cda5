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
            var command = try parseAsRoot(PathArguments.setAside(Array(CommandLine.arguments.dropFirst())))
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

/// Page paths set aside from the command line before ArgumentParser parses it. ArgumentParser
/// stores each value of an array argument by copying the array parsed so far and uniting the
/// value's position with the set of the earlier ones', so its time grows with the square of the
/// number of paths (perf42: 500, 1,000, 2,000 and 4,000 paths added 48, 86, 173 and 507 ms).
/// The paths of `clean`, `label` and `audit` that can be told apart without the parser are not
/// given to it: the run of plain words right after the subcommand (nothing before them can take
/// them as its value), and the run that ends the line but its first word (which may be the value
/// of the option before it; every option of these commands takes at most one value). Plain: not
/// starting with `-`, or `-` alone (standard input). `InputOptions.files` puts them back in order.
enum PathArguments {
    nonisolated(unsafe) static var leading: [String] = []
    nonisolated(unsafe) static var trailing: [String] = []

    /// The subcommands whose positional arguments are page paths (`InputOptions`).
    static let commands: Set<String> = ["clean", "label", "audit"]

    static func isPlain(_ word: String) -> Bool { word == "-" || !word.hasPrefix("-") }

    /// `arguments` without the paths set aside in `leading` and `trailing`.
    static func setAside(_ arguments: [String]) -> [String] {
        leading = []
        trailing = []
        guard let command = arguments.first, commands.contains(command) else { return arguments }
        var rest = arguments.dropFirst()
        // An argument after `--` is a path whatever it starts with: leave such lines to the parser.
        guard !rest.contains("--") else { return arguments }
        while let first = rest.first, isPlain(first) {
            leading.append(first)
            rest.removeFirst()
        }
        var start = rest.endIndex
        while start > rest.startIndex, isPlain(rest[start - 1]) { start -= 1 }
        if start < rest.endIndex {
            trailing = Array(rest[(start + 1)...])
            rest = rest[..<(start + 1)]
        }
        return [command] + rest
    }
}
