import ArgumentParser
import Foundation
import Winnow

/// `--rules DIR`: which rule set to use.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Directory of YAML rule files and their config.yml (default: the bundled rules).",
        valueName: "dir"))
    var rules: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Scan each line once with a Vectorscan database of all patterns and run PCRE2 only for the rules it reports. Same results; compiling the database takes long (docs/performance.md)."))
    var prefilter = false

    /// Loads the rules, or prints every problem and exits with status 2.
    func load() throws -> RuleSet {
        do {
            let set: RuleSet
            if let rules { set = try RuleLoader.load(directory: rules) } else { set = try RuleSet.bundled() }
            return prefilter ? set.withPrefilter() : set
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// The pages to read: paths, or `-` for standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Pages to read (plain text, one paragraph per line); '-' reads standard input.",
                                 valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, or '-' for standard input") }
    }

    /// Reads each page in order; a page that cannot be read is reported and skipped, and the
    /// command ends with status 1.
    func pages(_ body: (Page) throws -> Void) throws {
        var failed = false
        for path in files {
            do {
                try body(try PageReader.read(path: path))
            } catch let error as PageReader.ReadError {
                Console.error("\(path): \(error.message)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("winnow: " + message + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
