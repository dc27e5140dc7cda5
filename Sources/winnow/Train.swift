import ArgumentParser
import Foundation
import Winnow

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the learned moderation resources shipped beside the rules.",
        discussion: """
            Examples:
              winnow train tokens --positive on-topic -o topic-tokens.tsv comments.jsonl
              winnow train logistic --positive promotional --chars 3-5 -o promo-lr.tsv \\
                comments.jsonl
              winnow train terms -o news-df.tsv pages/*.txt
            """,
        subcommands: [Tokens.self, Logistic.self, Terms.self]
    )

    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "Count tokens in labelled comments: the statistics behind a bayes.<name>.* rule.",
            discussion: """
                Reads labelled JSON Lines (field `label`) and writes, for every token, the number \
                of positive and of other comments containing it (docs/rules.md). config.yml's \
                `moderation.learned` names the file and the scores of its probability buckets.

                Examples:
                  winnow train tokens --positive on-topic -o rules/models/topic-tokens.tsv \\
                    Training/semeval-train.jsonl Training/semeval-dev.jsonl
                  winnow train tokens --positive promotional --except video=LMFAO \\
                    -o promo.tsv Training/youtube-spam.jsonl
                """
        )

        @OptionGroup var input: LabelledComments

        @Option(name: .long, help: ArgumentHelp("Drop tokens seen in fewer comments than this.", valueName: "n"))
        var minCount = 2

        func run() throws {
            let examples = try input.load()
            var statistics = TokenStatistics(positive: input.positive)
            for (text, isPositive) in examples.records { statistics.add(tokens: CommentTokens.tokens(text), isPositive: isPositive) }
            try input.finish(writing: statistics.serialized(minCount: minCount), examples: examples)
        }
    }

    struct Terms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terms",
            abstract: "Count in how many pages each content term occurs: the document frequencies of relevance.",
            discussion: """
                Terms are found as relevance finds them (stop words of the rule set's config.yml \
                left out, light stemming).

                Examples:
                  winnow train terms news/pages/*.txt -o rules/models/news-df.tsv
                """
        )

        @Argument(help: ArgumentHelp("Plain-text pages.", valueName: "file"))
        var files: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the frequencies.", valueName: "file"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("Drop terms found in fewer pages than this.", valueName: "n"))
        var minCount = 2

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let config = try ruleOptions.load().config
            var frequencies = DocumentFrequencies()
            var failed = false
            for path in files {
                do {
                    let page = try PageReader.read(path: path)
                    frequencies.add(terms: Winnow.Terms(lines: page.lines, stopwords: config.stopwords,
                                                        minLength: config.moderation.minTermLength).terms)
                } catch {
                    Console.error("\(path): \(error.message)")
                    failed = true
                }
            }
            try Train.write(frequencies.serialized(minCount: minCount), to: output)
            Console.error("\(frequencies.documents) pages, wrote \(output)")
            if failed { throw ExitCode(1) }
        }
    }

    /// Writes `text` to `path` through a temporary file renamed over it, so a failed write (disk
    /// full) leaves the previous model in place; a path that cannot be written is named with the
    /// system's reason (it said "cannot write" alone, session 29, gaps33).
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var failure: Int32? = fd < 0 ? errno : nil
        if fd >= 0 {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count, failure == nil {
                    let n = writeBytes(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { failure = n < 0 ? errno : EIO } else { offset += n }
                }
            }
            if failure == nil, fsync(fd) != 0 { failure = errno }
            if close(fd) != 0, failure == nil { failure = errno }
            if failure == nil, rename(temporary, path) != 0 { failure = errno }
            if failure != nil { unlink(temporary) }
        }
        if let failure {
            Console.error("\(path): cannot write (\(String(cString: strerror(failure))))")
            throw ExitCode(1)
        }
    }
}

/// The system's write(2), out of `Train`, whose `write(_:to:)` hides it there.
private func writeBytes(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int { write(fd, bytes, count) }
