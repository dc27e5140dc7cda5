import ArgumentParser
import Winnow

extension Train {
    struct Logistic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logistic",
            abstract: "Fit a logistic regression to labelled comments: the weights behind an lr.<name> rule.",
            discussion: """
                Reads labelled JSON Lines (field `label`) and writes one weight per feature (words, \
                word pairs, shape tokens such as <link>, and with --chars character n-grams of words) \
                and a bias (docs/rules.md). config.yml's `moderation.logistic` names the file and \
                how much its log-odds weigh. Training is deterministic: the same files give the \
                same weights.

                Examples:
                  winnow train logistic --positive promotional --chars 3-5 --iterations 1000 \\
                    -o rules/models/promo-lr.tsv \\
                    Training/youtube-spam.jsonl Training/forum-links.jsonl
                  winnow train logistic --positive on-topic -o rules/models/topic-lr.tsv \\
                    Training/semeval-train.jsonl Training/semeval-dev.jsonl
                  winnow train logistic --positive promotional --except video=LMFAO \\
                    -o promo-without-lmfao.tsv Training/youtube-spam.jsonl
                """
        )

        @OptionGroup var input: LabelledComments

        @Option(name: .long, help: ArgumentHelp("Also use character n-grams of these lengths, e.g. 3-5.", valueName: "m-n"))
        var chars: String?

        @Option(name: .long, help: ArgumentHelp("L2 penalty on the weights (larger: smaller weights, less memorising).", valueName: "x"))
        var l2 = 1e-5

        @Option(name: .long, help: ArgumentHelp("Optimisation steps over the whole training set.", valueName: "n"))
        var iterations = 400

        @Option(name: .long, help: ArgumentHelp("Drop features seen in fewer comments than this.", valueName: "n"))
        var minCount = 2

        func validate() throws {
            if let chars, CommentFeatures.Kinds(parsing: "tokens+chars" + chars) == nil {
                throw ValidationError("--chars wants two lengths from 1 to 8, like 3-5")
            }
            if l2 < 0 || iterations < 1 || minCount < 1 { throw ValidationError("--l2 must be >= 0, --iterations and --min-count >= 1") }
        }

        func run() throws {
            let examples = try input.load()
            var trainer = LogisticTrainer()
            trainer.l2 = l2
            trainer.iterations = iterations
            trainer.minCount = minCount
            trainer.features = chars.flatMap { CommentFeatures.Kinds(parsing: "tokens+chars" + $0) } ?? .init()
            let model = trainer.train(examples.records, positive: input.positive)
            try input.finish(writing: model.serialized(), examples: examples, detail: "\(model.weights.count) features")
        }
    }
}
