import Foundation
import Testing
@testable import Winnow

/// The logistic models behind `lr.<name>` rules: features, training, the file format, and how
/// the shipped promotional model fires in moderation.
@Suite struct LogisticModelTests {
    let spam = ["subscribe to my channel please", "check out my channel for new songs", "please subscribe, new videos daily",
                "my channel has funny videos, subscribe", "visit my channel and subscribe"]
    let ham = ["the chorus of this song is great", "this song never gets old", "love the dance in this video",
               "best song of the year", "the beat in the second verse is great"]

    func trained(_ kinds: CommentFeatures.Kinds = .init()) -> LogisticModel {
        var trainer = LogisticTrainer()
        trainer.features = kinds
        trainer.minCount = 1
        return trainer.train(spam.map { ($0, true) } + ham.map { ($0, false) }, positive: "promotional")
    }

    @Test func characterGramsArePaddedWordFragments() {
        let features = CommentFeatures.extract("Check", kinds: .init(characters: 3...4))
        #expect(features.contains("check"))
        #expect(features.contains("#3: ch"))
        #expect(features.contains("#4:eck "))
        #expect(!CommentFeatures.extract("Check", kinds: .init()).contains { $0.hasPrefix("#") })
        #expect(CommentFeatures.Kinds(parsing: "tokens+chars3-5") == .init(characters: 3...5))
        #expect(CommentFeatures.Kinds(parsing: "tokens+chars5-3") == nil)
    }

    /// Training separates the classes, names the deciding features, and is deterministic.
    @Test func trainsSeparatesAndExplains() throws {
        let model = trained(.init(characters: 3...5))
        let promo = model.logit("subscribe to my new channel")
        #expect(promo.logit > 0)
        #expect(model.logit("what a great song").logit < 0)
        #expect(promo.contributions.first.map { $0.weight > 0 } == true)
        #expect(promo.contributions.contains { $0.feature == "channel" })
        #expect(trained(.init(characters: 3...5)).serialized() == model.serialized())
    }

    /// `logit` looks short ASCII n-grams up by a packed key; it must give what the plain
    /// definition over `CommentFeatures.explained` gives, for long and non-ASCII words too.
    @Test func logitIsTheWeightedSumOfTheExplainedFeatures() throws {
        let texts = ["Subscribe to my channel!!! www.example.com", "Ça coûte 5 €, naïve café — déjà vu", "supercalifragilistic ok",
                     "a", "", "check check CHECK out my channel, check it"]
        for kinds in [CommentFeatures.Kinds(characters: 3...5), .init(characters: 1...8), .init()] {
            var model = trained(kinds)
            // A weight for every feature of the texts, so that non-ASCII and 8-character grams count too.
            for (k, text) in texts.enumerated() {
                for (i, f) in CommentFeatures.explained(text, kinds: kinds).keys.sorted().enumerated() where model.weights[f] == nil {
                    model.weights[f] = Double((i + k) % 7) / 10 - 0.3
                }
            }
            for text in texts {
                let all = CommentFeatures.explained(text, kinds: kinds)
                var byName: [String: Double] = [:]
                let scale = 1 / Double(max(1, all.count)).squareRoot()
                for (f, name) in all.sorted(by: { $0.key < $1.key }) {
                    if let w = model.weights[f], w != 0 { byName[name, default: 0] += w * scale }
                }
                let (logit, contributions) = model.logit(text)
                #expect(Dictionary(uniqueKeysWithValues: contributions.map { ($0.feature, $0.weight) }) == byName, "\(text)")
                #expect(abs(logit - byName.values.reduce(model.bias, +)) < 1e-9, "\(text)")
            }
        }
    }

    @Test func fileFormatRoundTripsAndRejects() throws {
        let model = trained()
        let copy = try LogisticModel(parsing: model.serialized())
        #expect(copy.serialized() == model.serialized())
        #expect(copy.features == model.features && copy.positive == "promotional")
        #expect(throws: TokenStatistics.FormatError.self) { try LogisticModel(parsing: "word\t1\n") }
        #expect(throws: TokenStatistics.FormatError.self) {
            try LogisticModel(parsing: "#winnow-logistic\tpositive=x\tbias=0\tfeatures=tokens\nword\tmany\n")
        }
        #expect(throws: TokenStatistics.FormatError.self) { try LogisticModel(parsing: "#winnow-logistic\tpositive=x\n") }
    }

    /// The score is weight × log-odds within [−negative_limit, limit].
    @Test func scoreIsClamped() {
        let rule = Config.LogisticRule(name: "promo", file: "x", label: Label(.comment, "promotional"), weight: 2,
                                       pageWeight: 0.5, limit: 4, negativeLimit: 0, model: trained())
        #expect(rule.score(logit: 1) == 2)
        #expect(rule.score(logit: 5) == 4)
        #expect(rule.score(logit: -3) == 0)
        #expect(rule.score(logit: 2, inPage: true) == 1)
    }

    /// The shipped model fires as `lr.promo` on every comment, its matched text naming the
    /// features; a promotion no rule recognises can be promotional on learned evidence alone
    /// only when that evidence reaches `promotional_learned_alone`.
    @Test func shippedModelFiresAsANamedRule() throws {
        let rules = Repo.rules
        let moderation = StandaloneModeration(rules: rules)
        func verdict(_ text: String) throws -> ModerationVerdict {
            let line = try JSONSerialization.data(withJSONObject: ["id": 1, "text": text])
            return moderation.moderate(try CommentRecord(line: [UInt8](line), fields: CommentRecord.Fields()))
        }
        let plain = try verdict("this song takes me back to summer")
        let lr = try #require(plain.evidence.first { $0.ruleID == "lr.promo" })
        #expect(lr.matched?.isEmpty == false)
        #expect(plain.kind != "promotional")
        let settings = rules.config.moderation
        #expect(settings.promotionalLearnedAlone > settings.promotionalThreshold)
        let promo = try verdict("Subscribe to my channel for new covers every week!")
        #expect(promo.kind == "promotional")
        #expect(promo.hits.contains { $0.ruleID == "lr.promo" && $0.score(for: Label(.comment, "promotional")) > 0 })
    }

    /// A missing or malformed model, or an entry without a label, is a loader error naming it.
    @Test func badLogisticEntriesAreLoaderErrors() throws {
        let config = """
            priors: {body: {article: 1}}
            moderation:
              logistic:
                - {name: a, file: missing.tsv, label: comment.promotional}
                - {name: b, file: bad.tsv, label: comment.promotional}
                - {name: c, file: bad.tsv}
            """
        let dir = try temporaryRuleDirectory(["r.yml": "- {id: a.x, description: x, pattern: x, scores: {article: 1}}\n",
                                              "bad.tsv": "#winnow-logistic\tpositive=p\tbias=0\tfeatures=tokens\nword\n"], config: config)
        let messages = loadErrors(directory: dir).map(\.message)
        #expect(messages.contains { $0.contains("missing.tsv") })
        #expect(messages.contains { $0.contains("bad.tsv") && $0.contains("line 2") })
        #expect(messages.contains { $0.contains("needs 'name', 'file' and 'label'") })
    }

    /// Without a rule hit, learned evidence makes a comment promotional only from
    /// `promotional_learned_alone` on; with a rule hit, from `promotional_threshold`.
    @Test func learnedEvidenceAloneNeedsItsOwnThreshold() throws {
        let model = trained()
        var settings = Config.Moderation()
        settings.promotionalThreshold = 1
        settings.promotionalLearnedAlone = 1000
        settings.logistic = [Config.LogisticRule(name: "promo", file: "x", label: Label(.comment, "promotional"), weight: 1,
                                                 pageWeight: 1, limit: 10, negativeLimit: 0, model: model)]
        let text = ["subscribe to my channel please"]
        #expect(model.logit(text[0]).logit > 1)
        let strict = CommentModel(settings: settings, stopwords: [], inPages: false)
        #expect(strict.moderate(comment: text, hits: [], context: .empty).kind != "promotional")
        let ruleHit = RuleHit(ruleID: "promo.x", description: "x", scores: [LabelScore(Label(.comment, "promotional"), 0.1)], origin: .rule)
        #expect(strict.moderate(comment: text, hits: [ruleHit], context: .empty).kind == "promotional")
        settings.promotionalLearnedAlone = 1
        let lenient = CommentModel(settings: settings, stopwords: [], inPages: false)
        #expect(lenient.moderate(comment: text, hits: [], context: .empty).kind == "promotional")
    }

    /// Step 661: a model file's numbers read from their bytes are bit for bit what
    /// `Double(String)` and `Int(String)` read: every weight and count of the bundled models, and
    /// made-up fields (signs, zeros, long fractions, exponents, junk) that take either path.
    @Test func modelFieldsReadByBytesAsByStrings() throws {
        var fields = ["0", "-0", "00", "1", "-1", "0.5", "-0.3007", "1.351", "123456789012345", "1234567890123456",
                      "0.000000000000001", "9.999999999999999", "99999999999999.9", "-12.500", "5.", ".5", "1e5", "-1.5E-3",
                      "+2", "--1", "1.2.3", "", "-", "nan", "inf", "0x10", " 1", "1 ", "999999999999999999", "9999999999999999999",
                      "-922337203685477580", "3.14159265358979", "2.718281828459045", "0.1", "0.2", "0.30000000000000004"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0..<1_000_000, using: &g))
            let fraction = String(UInt64.random(in: 0..<10_000_000_000, using: &g)).prefix(Int.random(in: 1...10, using: &g))
            fields.append((Bool.random(using: &g) ? "-" : "") + whole + (Bool.random(using: &g) ? "." + fraction : ""))
        }
        for name in ["promo-lr.tsv", "topic-lr.tsv", "topic-tokens.tsv", "news-df.tsv"] {
            let text = try String(contentsOfFile: Repo.path("rules/models/" + name), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst().prefix(3_000) { fields += line.split(separator: "\t").dropFirst().map(String.init) }
        }
        for field in fields {
            let file = TabSeparated(field + "\n")
            let r = file.lines.first ?? 0..<0
            #expect(file.number(r)?.bitPattern == Double(field)?.bitPattern, "\(field)")
            #expect(file.integer(r) == Int(field), "\(field)")
        }
    }
}
