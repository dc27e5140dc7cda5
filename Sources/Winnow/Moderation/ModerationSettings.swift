import Foundation
import Yams

extension Config {
    /// `moderation:` in config.yml: thresholds and weights of comment moderation, and the
    /// learned resources it names (paths relative to the rule directory). See docs/rules.md.
    public struct Moderation: Sendable, Equatable {
        /// A comment whose `comment.promotional` scores (rules and learned) reach this is promotional.
        public var promotionalThreshold = 3.0
        /// Weight of relevance in the on-topic score.
        public var relevanceWeight = 10.0
        /// On-topic score (relevance × weight + on-topic scores − off-topic scores) needed for on-topic.
        public var onTopicThreshold = 2.0
        /// The same for comments found in pages; nil means `onTopicThreshold`.
        public var pageOnTopicThreshold: Double?
        /// For comments found in pages: below the on-topic bar, a comment that shares terms with
        /// the story is off-topic only when a rule or learned score leans off-topic; else the
        /// pseudo-rule `moderation.on-topic-prior` keeps it on-topic (`page_off_topic_needs_evidence`).
        public var pageOffTopicNeedsEvidence = false
        /// With `pageOffTopicNeedsEvidence`: under a story of fewer distinct terms than this (a
        /// Slashdot summary), sharing none says little, so the prior holds at relevance 0 too
        /// (`page_short_story_terms`; 0: off).
        public var pageShortStoryTerms = 0
        /// For comments found in pages: a line found word for word in the text of at least this
        /// many comments of the page (a signature, a quotation) is not read as any one
        /// comment's text (`page_repeated_line_comments`; 0: off).
        public var pageRepeatedLineComments = 0
        /// Weight of relevance for comments found in pages; nil means `relevanceWeight`.
        public var pageRelevanceWeight: Double?
        /// Rules read on a page comment's header lines (the commenter's name) and nowhere else
        /// (`header_rules`): a shop phrase as the name is a promotion, the same words in the text
        /// are talk about shops.
        public var headerRules: Set<String> = []
        /// Rules whose promotional score says only that a page comment holds a link (`page_link_rules`):
        /// for comments found in pages they are no visible promotion, so a comment whose only
        /// promotional rules are these is promotional only from `promotionalLearnedAlone` on (the
        /// pseudo-rule `moderation.link-is-no-invitation` names the case in the audit).
        public var pageLinkRules: Set<String> = []
        /// For comments found in pages: rule id -> the most words the comment's whole text may
        /// have for that rule to count (`page_comment_max_words`): praise that stands for the
        /// comment, not a "Great post." line over a point; above it the hit weighs 0.
        public var pageCommentMaxWords: [String: Int] = [:]
        /// For comments found in pages: words that are no term of relevance (`page_relevance_ignore`),
        /// lower-case: praise ("great", "adorable", "thanks") says how a reader liked the post, and
        /// a post that uses the words lends a praise-only comment the story's words.
        public var pageRelevanceIgnore: Set<String> = []
        /// Words shorter than this are not content words.
        public var minTermLength = 3
        /// Weight of a context term seen capitalised mid-sentence (a name).
        public var properNounWeight = 2.0
        /// Weight of a context term found in the title.
        public var titleWeight = 2.0
        /// Added to relevance's denominator, so one shared word in a three-word comment is not
        /// full relevance.
        public var relevanceSmoothing = 3.0
        /// Promotional score taken off per unit of relevance (the pseudo-rule `relevance.on-subject`).
        public var promotionalRelevanceDiscount = 0.0
        /// Promotional score added when a comment has no context (the pseudo-rule `context.none`).
        public var promotionalWithoutContext = 0.0
        /// Off-topic score of a comment written by the person who asked (input records with an
        /// asker flag): in a forum thread such replies are mostly thanks and dialogue.
        public var askerOffTopic = 0.0
        /// Reference document frequencies; without them every term weighs 1.
        public var documentFrequencies: DocumentFrequencies?
        /// Learned token statistics, each firing as named rules `bayes.<name>.<bucket>`.
        public var learned: [LearnedRule] = []
        /// Logistic models, each firing as the named rule `lr.<name>`.
        public var logistic: [LogisticRule] = []
        /// Promotional total at which a comment is promotional even though no rule (only the
        /// learned ones) scored promotional; infinity keeps the labelling guide's "a visible promotion".
        public var promotionalLearnedAlone = Double.infinity
        /// For comments found in pages: rule id -> factor on that rule's comment-kind scores
        /// (`page_rule_weights`). A forum signal can mislead under a news story ("?" is a
        /// question back to a forum asker, but a news reader's question is about the story).
        public var pageRuleWeights: [String: Double] = [:]
        /// The same for comments given on their own (`standalone_rule_weights`, `winnow
        /// moderate`): a page signal can mislead in a forum (a long paragraph is a news reader's
        /// argument, but any forum answer that explains runs long).
        public var standaloneRuleWeights: [String: Double] = [:]
        public init() {}
    }

    /// A logistic model and how its log-odds become a score: `weight` × log-odds to `label`,
    /// at most `limit` and at least −`negative_limit` (one rule must not drown all others; a
    /// negative limit of 0 lets the model add evidence, never take the rules' away).
    public struct LogisticRule: Sendable, Equatable {
        public var name: String
        public var file: String
        public var label: Label
        public var weight: Double
        /// The weight for comments found in pages (`winnow label`): a model trained on forum
        /// answers or video comments is out of its domain under news articles.
        public var pageWeight: Double
        public var limit: Double
        public var negativeLimit: Double
        public var model: LogisticModel

        public func score(logit: Double, inPage: Bool = false) -> Double {
            min(max((inPage ? pageWeight : weight) * logit, -negativeLimit), limit)
        }
    }

    /// One learned model and how its probability becomes a score: the comment's probability
    /// falls in a bucket (by lower bound), and the bucket's score goes to `label`, like
    /// SpamAssassin's BAYES_00 ... BAYES_99 rules.
    public struct LearnedRule: Sendable, Equatable {
        public var name: String
        public var file: String
        public var label: Label
        /// (lower bound, score), sorted by bound; the first bound is 0.
        public var buckets: [(from: Double, score: Double)]
        public var statistics: TokenStatistics
        /// Below this share of a page comment's words known to the statistics (`min_known_words`),
        /// the rule gives no evidence: the text is out of its domain (another language).
        public var minKnownWords = 0.0

        public static func == (a: LearnedRule, b: LearnedRule) -> Bool {
            a.name == b.name && a.file == b.file && a.label == b.label && a.minKnownWords == b.minKnownWords
                && a.buckets.elementsEqual(b.buckets, by: { $0 == $1 }) && a.statistics == b.statistics
        }

        /// The bucket for a probability: its rule-id suffix ("00", "95", ...) and score.
        public func bucket(for probability: Double) -> (id: String, score: Double) {
            let b = buckets.last { probability >= $0.from } ?? buckets[0]
            let percent = Int((b.from * 100).rounded())
            return ((percent < 10 ? "0" : "") + String(percent), b.score)
        }
    }
}

/// Reads the `moderation:` mapping of config.yml and loads the files it names.
enum ModerationConfigLoader {
    static let keys: Set<String> = [
        "promotional_threshold", "relevance_weight", "on_topic_threshold", "min_term_length",
        "proper_noun_weight", "title_weight", "relevance_smoothing", "asker_off_topic",
        "promotional_relevance_discount", "promotional_without_context",
        "document_frequencies", "learned", "logistic", "promotional_learned_alone", "page_on_topic_threshold",
        "page_rule_weights", "standalone_rule_weights", "page_relevance_weight", "header_rules", "page_off_topic_needs_evidence",
        "page_short_story_terms", "page_repeated_line_comments", "page_link_rules", "page_comment_max_words",
        "page_relevance_ignore",
    ]

    static func parse(_ node: Node, configPath: String, reader: inout YAMLReader) -> Config.Moderation {
        var m = Config.Moderation()
        let directory = (configPath as NSString).deletingLastPathComponent
        for (k, v) in reader.pairs(node, allowed: keys, ruleID: nil, what: "moderation") {
            switch k {
            case "promotional_threshold": m.promotionalThreshold = reader.number(v, nil, k) ?? 0
            case "relevance_weight": m.relevanceWeight = reader.number(v, nil, k) ?? 0
            case "on_topic_threshold": m.onTopicThreshold = reader.number(v, nil, k) ?? 0
            case "page_on_topic_threshold": m.pageOnTopicThreshold = reader.number(v, nil, k)
            case "page_relevance_weight": m.pageRelevanceWeight = reader.number(v, nil, k)
            case "page_off_topic_needs_evidence": m.pageOffTopicNeedsEvidence = reader.bool(v, nil, k) ?? false
            case "page_short_story_terms": m.pageShortStoryTerms = reader.integer(v, nil, k) ?? 0
            case "page_repeated_line_comments": m.pageRepeatedLineComments = reader.integer(v, nil, k) ?? 0
            case "header_rules": m.headerRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_link_rules": m.pageLinkRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_relevance_ignore": m.pageRelevanceIgnore = Set((reader.strings(v, nil, k) ?? []).map { $0.lowercased() })
            case "page_comment_max_words":
                for (id, words) in reader.pairs(v, allowed: nil, ruleID: nil, what: k) {
                    if let n = reader.integer(words, nil, id) { m.pageCommentMaxWords[id] = n }
                }
            case "min_term_length": m.minTermLength = reader.integer(v, nil, k) ?? 0
            case "proper_noun_weight": m.properNounWeight = reader.number(v, nil, k) ?? 0
            case "title_weight": m.titleWeight = reader.number(v, nil, k) ?? 0
            case "relevance_smoothing": m.relevanceSmoothing = reader.number(v, nil, k) ?? 0
            case "asker_off_topic": m.askerOffTopic = reader.number(v, nil, k) ?? 0
            case "promotional_without_context": m.promotionalWithoutContext = reader.number(v, nil, k) ?? 0
            case "promotional_relevance_discount": m.promotionalRelevanceDiscount = reader.number(v, nil, k) ?? 0
            case "promotional_learned_alone": m.promotionalLearnedAlone = reader.number(v, nil, k) ?? .infinity
            case "page_rule_weights", "standalone_rule_weights":
                for (id, weight) in reader.pairs(v, allowed: nil, ruleID: nil, what: k) {
                    guard let w = reader.number(weight, nil, id) else { continue }
                    if k == "page_rule_weights" { m.pageRuleWeights[id] = w } else { m.standaloneRuleWeights[id] = w }
                }
            case "document_frequencies":
                guard let file = reader.string(v, nil, k) else { continue }
                m.documentFrequencies = load(file, directory: directory, node: v, reader: &reader) { text throws(TokenStatistics.FormatError) in
                    try DocumentFrequencies(parsing: text)
                }
            case "logistic":
                guard case .sequence(let items) = v else { reader.fail(v, nil, "'logistic' must be a list"); continue }
                for item in items {
                    if let rule = logisticRule(item, directory: directory, reader: &reader) { m.logistic.append(rule) }
                }
            default:
                guard case .sequence(let items) = v else { reader.fail(v, nil, "'learned' must be a list"); continue }
                for item in items {
                    if let rule = learnedRule(item, directory: directory, reader: &reader) { m.learned.append(rule) }
                }
            }
        }
        return m
    }

    static func learnedRule(_ node: Node, directory: String, reader: inout YAMLReader) -> Config.LearnedRule? {
        var name: String?, file: String?, label: Label?
        var buckets: [(from: Double, score: Double)] = []
        var minKnownWords = 0.0
        for (k, v) in reader.pairs(node, allowed: ["name", "file", "label", "buckets", "min_known_words"], ruleID: nil, what: "learned") {
            switch k {
            case "name": name = reader.string(v, nil, k)
            case "min_known_words": minKnownWords = reader.number(v, nil, k) ?? 0
            case "file": file = reader.string(v, nil, k)
            case "label":
                if let s = reader.string(v, nil, k) {
                    label = Label(parsing: s)
                    if label?.family != .comment || label?.kind == nil { reader.fail(v, nil, "'label' must be a comment kind (comment.promotional, ...)") }
                }
            default:
                for (bound, score) in reader.pairs(v, allowed: nil, ruleID: nil, what: "buckets") {
                    guard let from = Double(bound), (0...1).contains(from) else {
                        reader.fail(score, nil, "bucket '\(bound)': a bucket's key is its lower bound, a probability from 0 to 1")
                        continue
                    }
                    if let s = reader.number(score, nil, "buckets.\(bound)") { buckets.append((from, s)) }
                }
            }
        }
        buckets.sort { $0.from < $1.from }
        guard let name, let file, let label, label.family == .comment else {
            reader.fail(node, nil, "a learned rule needs 'name', 'file', 'label' and 'buckets'")
            return nil
        }
        guard buckets.first?.from == 0 else { reader.fail(node, nil, "learned rule '\(name)': buckets must start at 0"); return nil }
        let statistics = load(file, directory: directory, node: node, reader: &reader) { text throws(TokenStatistics.FormatError) in
            try TokenStatistics(parsing: text)
        }
        guard let statistics else { return nil }
        return Config.LearnedRule(name: name, file: file, label: label, buckets: buckets, statistics: statistics,
                                  minKnownWords: minKnownWords)
    }

    static func logisticRule(_ node: Node, directory: String, reader: inout YAMLReader) -> Config.LogisticRule? {
        var name: String?, file: String?, label: Label?, weight = 1.0, limit = 5.0, negativeLimit: Double?, pageWeight: Double?
        let keys: Set<String> = ["name", "file", "label", "weight", "page_weight", "limit", "negative_limit"]
        for (k, v) in reader.pairs(node, allowed: keys, ruleID: nil, what: "logistic") {
            switch k {
            case "name": name = reader.string(v, nil, k)
            case "file": file = reader.string(v, nil, k)
            case "weight": weight = reader.number(v, nil, k) ?? weight
            case "page_weight": pageWeight = reader.number(v, nil, k)
            case "limit": limit = reader.number(v, nil, k) ?? limit
            case "negative_limit": negativeLimit = reader.number(v, nil, k)
            default:
                if let s = reader.string(v, nil, k) {
                    label = Label(parsing: s)
                    if label?.family != .comment || label?.kind == nil { reader.fail(v, nil, "'label' must be a comment kind (comment.promotional, ...)") }
                }
            }
        }
        guard let name, let file, let label, label.family == .comment else {
            reader.fail(node, nil, "a logistic rule needs 'name', 'file' and 'label'")
            return nil
        }
        let model = load(file, directory: directory, node: node, reader: &reader) { text throws(TokenStatistics.FormatError) in
            try LogisticModel(parsing: text)
        }
        guard let model else { return nil }
        return Config.LogisticRule(name: name, file: file, label: label, weight: weight, pageWeight: pageWeight ?? weight,
                                   limit: limit, negativeLimit: negativeLimit ?? limit, model: model)
    }

    /// Reads and parses a resource file; a missing or malformed file is an error naming it.
    static func load<T>(_ file: String, directory: String, node: Node, reader: inout YAMLReader,
                        parse: (String) throws(TokenStatistics.FormatError) -> T) -> T? {
        let path = file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            reader.fail(node, nil, "cannot read '\(path)'")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else { reader.fail(node, nil, "'\(path)' is not UTF-8"); return nil }
        do { return try parse(text) } catch {
            reader.fail(node, nil, "\(path): \(error)")
            return nil
        }
    }
}
