import ArgumentParser
import Foundation
import Winnow

/// The input and output every learned-resource trainer shares: labelled JSON Lines in, one
/// label counted as positive, records left out by filter, one file written.
struct LabelledComments: ParsableArguments {
    @Argument(help: ArgumentHelp("Labelled JSON Lines files.", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("The label the learned file scores (every other label counts as not it).", valueName: "label"))
    var positive: String

    @Option(name: .long, help: ArgumentHelp("Leave out records whose FIELD has this VALUE (repeatable).", valueName: "field=value"))
    var except: [RecordFilter] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the learned file.", valueName: "file"))
    var output: String

    @OptionGroup var fieldOptions: FieldOptions
    @OptionGroup var recordLimit: RecordLimitOption

    /// Each record's text and whether it carries the positive label, and the number of
    /// unreadable or unlabelled records (each reported).
    struct Examples {
        var records: [(String, Bool)] = []
        var errors = 0
        var positives: Int { records.filter(\.1).count }
    }

    /// Reads the files; fails unless both the positive label and some other label occur.
    func load() throws -> Examples {
        var examples = Examples()
        try CommentInput.each(files, fields: fieldOptions.fields, maxRecordBytes: recordLimit.bytes) { path, line, outcome in
            switch outcome {
            case .success(let record):
                guard !except.contains(where: { $0.keeps(record) }) else { return }
                guard let label = record.label else {
                    examples.errors += 1
                    Console.error("\(path):\(line): no 'label' field")
                    return
                }
                examples.records.append((record.text, label == positive))
            case .failure(let error):
                examples.errors += 1
                Console.error("\(path):\(line): \(error.message)")
            }
        }
        guard examples.positives > 0, examples.positives < examples.records.count else {
            Console.error("need comments labelled '\(positive)' and comments with other labels")
            throw ExitCode(1)
        }
        return examples
    }

    /// Writes the learned file, reports what it was learned from, and exits 1 when records
    /// could not be read.
    func finish(writing text: String, examples: Examples, detail: String? = nil) throws {
        try Train.write(text, to: output)
        let counts = "\(examples.positives) \(positive), \(examples.records.count - examples.positives) other"
        Console.error([counts, detail, "\(examples.errors) unreadable", "wrote \(output)"].compactMap { $0 }.joined(separator: "; "))
        if examples.errors > 0 { throw ExitCode(1) }
    }
}
