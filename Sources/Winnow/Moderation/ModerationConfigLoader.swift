import Foundation
import Yams

/// Reads the `moderation:` mapping of config.yml and loads the files it names.
enum ModerationConfigLoader {
    static let keys: Set<String> = [
        "promotional_threshold", "relevance_weight", "on_topic_threshold", "min_term_length",
        "proper_noun_weight", "title_weight", "relevance_smoothing", "asker_off_topic",
        "promotional_relevance_discount", "promotional_without_context",
        "document_frequencies", "learned", "logistic", "promotional_learned_alone", "page_on_topic_threshold",
        "page_rule_weights", "standalone_rule_weights", "page_relevance_weight", "header_rules", "page_off_topic_needs_evidence",
        "page_short_story_terms", "page_repeated_line_comments", "page_link_rules", "page_comment_max_words",
        "page_relevance_ignore", "page_own_site_link", "page_off_story_rules", "page_text_elsewhere_lines",
        "page_prior_rules", "page_answers_previous_terms", "page_off_topic_max_words",
        "page_prior_min_lean", "page_off_topic_margin", "page_thread_relevance_weight", "page_thread_min_comments", "page_thread_off_topic_signals", "page_thread_chatter_share",
        "page_reply_one_signal", "page_reply_generic_names", "page_deep_thread_comments",
        "page_praise_only_max_words", "page_praise_only_term_idf", "page_praise_only_score",
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
            case "page_short_story_terms": m.pageShortStoryTerms = count(v, k, &reader)
            case "page_answers_previous_terms": m.pageAnswersPreviousTerms = count(v, k, &reader)
            case "page_off_topic_max_words": m.pageOffTopicMaxWords = count(v, k, &reader)
            case "page_prior_min_lean": m.pagePriorMinLean = amount(v, k, &reader)
            case "page_off_topic_margin": m.pageOffTopicMargin = amount(v, k, &reader)
            case "page_thread_relevance_weight": m.pageThreadRelevanceWeight = amount(v, k, &reader)
            case "page_thread_min_comments": m.pageThreadMinComments = count(v, k, &reader)
            case "page_thread_off_topic_signals": m.pageThreadOffTopicSignals = count(v, k, &reader)
            case "page_thread_chatter_share": m.pageThreadChatterShare = share(v, k, &reader)
            case "page_reply_one_signal": m.pageReplyOneSignal = reader.bool(v, nil, k) ?? false
            case "page_reply_generic_names": m.pageReplyGenericNames = Set((reader.strings(v, nil, k) ?? []).map { $0.lowercased() })
            case "page_deep_thread_comments": m.pageDeepThreadComments = count(v, k, &reader)
            case "page_praise_only_max_words": m.pagePraiseOnlyMaxWords = count(v, k, &reader)
            case "page_praise_only_term_idf": m.pagePraiseOnlyTermIDF = amount(v, k, &reader)
            case "page_praise_only_score": m.pagePraiseOnlyScore = amount(v, k, &reader)
            case "page_prior_rules": m.pagePriorRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_repeated_line_comments": m.pageRepeatedLineComments = count(v, k, &reader)
            case "page_text_elsewhere_lines": m.pageTextElsewhereLines = count(v, k, &reader)
            case "header_rules": m.headerRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_off_story_rules": m.pageOffStoryRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_link_rules": m.pageLinkRules = Set(reader.strings(v, nil, k) ?? [])
            case "page_own_site_link": m.pageOwnSiteLink = reader.number(v, nil, k) ?? 0
            case "page_relevance_ignore": m.pageRelevanceIgnore = Set((reader.strings(v, nil, k) ?? []).map { $0.lowercased() })
            case "page_comment_max_words":
                for (id, words) in reader.pairs(v, allowed: nil, ruleID: nil, what: k) {
                    m.pageCommentMaxWords[id] = count(words, "\(k).\(id)", &reader)
                }
            case "min_term_length": m.minTermLength = count(v, k, &reader)
            case "proper_noun_weight": m.properNounWeight = reader.number(v, nil, k) ?? 0
            case "title_weight": m.titleWeight = reader.number(v, nil, k) ?? 0
            case "relevance_smoothing": m.relevanceSmoothing = amount(v, k, &reader)
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

    // The ranges of the moderation numbers, checked beside their keys: a count (a number of
    // terms, words, comments, lines or signals) is 0 or more, a share from 0 to 1, and an amount
    // that 0 turns off (a margin, a lean, a factor, the smoothing) 0 or more: a negative count
    // would hold everywhere, a share past 1 nowhere. Each failure names the file, the line and
    // the key; the value read is then 0 (off). Thresholds and rule weights may take either sign.

    /// An integer of 0 or more for `moderation.<key>`.
    static func count(_ v: Node, _ key: String, _ reader: inout YAMLReader) -> Int {
        guard let n = reader.integer(v, nil, key) else { return 0 }
        guard n >= 0 else { reader.fail(v, nil, "'moderation.\(key)' must be 0 or more"); return 0 }
        return n
    }

    /// A number from 0 to 1 for `moderation.<key>`.
    static func share(_ v: Node, _ key: String, _ reader: inout YAMLReader) -> Double {
        guard let x = reader.number(v, nil, key) else { return 0 }
        guard (0...1).contains(x) else { reader.fail(v, nil, "'moderation.\(key)' must be from 0 to 1"); return 0 }
        return x
    }

    /// A number of 0 or more for `moderation.<key>`.
    static func amount(_ v: Node, _ key: String, _ reader: inout YAMLReader) -> Double {
        guard let x = reader.number(v, nil, key) else { return 0 }
        guard x >= 0 else { reader.fail(v, nil, "'moderation.\(key)' must be 0 or more"); return 0 }
        return x
    }

    static func learnedRule(_ node: Node, directory: String, reader: inout YAMLReader) -> Config.LearnedRule? {
        var name: String?, file: String?, label: Label?
        var buckets: [(from: Double, score: Double)] = []
        var minKnownWords = 0.0
        for (k, v) in reader.pairs(node, allowed: ["name", "file", "label", "buckets", "min_known_words"], ruleID: nil, what: "learned") {
            switch k {
            case "name": name = reader.string(v, nil, k)
            case "min_known_words": minKnownWords = share(v, "learned.\(k)", &reader)
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
