import Yams

/// Reads `config.yml`: priors, the comment-section position, moderation thresholds, match
/// limits and the stop-word list. Unknown keys and wrong types are errors, like in rule files.
enum ConfigLoader {
    static func load(path: String) throws(RuleLoadError) -> Config {
        let text = try RuleLoader.readUTF8(path: path)
        let root: Node?
        do { root = try Yams.compose(yaml: text, RuleLoader.yamlResolver) } catch { throw RuleLoadError(errors: [RuleLoader.yamlError(error, file: path)]) }
        guard let root else { throw RuleLoadError(errors: [RuleError(file: path, line: 1, message: "empty config")]) }
        var reader = YAMLReader(file: path)
        var config = Config()
        let top: Set<String> = ["priors", "comment_section_min_position", "comment_header_repeat", "comment_section_lookahead", "prose", "nearby", "moderation", "limits", "stopwords"]
        for (key, value) in reader.pairs(root, allowed: top, ruleID: nil, what: "config") {
            switch key {
            case "priors":
                config.priors = [:]
                let states = Set(Config.PriorState.allCases.map(\.rawValue))
                for (stateName, table) in reader.pairs(value, allowed: states, ruleID: nil, what: "priors") {
                    let state = Config.PriorState(rawValue: stateName)!
                    var scores: [Label: Double] = [:]
                    for (labelName, score) in reader.pairs(table, allowed: nil, ruleID: nil, what: "priors.\(stateName)") {
                        guard let label = Label(parsing: labelName) else {
                            reader.fail(score, nil, "unknown label '\(labelName)' in priors.\(stateName)" + YAMLReader.guessNote(labelName, in: Label.scorable.map(\.description)))
                            continue
                        }
                        scores[label] = reader.number(score, nil, "priors.\(stateName).\(labelName)")
                    }
                    config.priors[state] = scores
                }
            case "comment_section_min_position":
                if let v = reader.number(value, nil, key) { config.commentSectionMinPosition = v }
            case "comment_header_repeat":
                if let v = reader.integer(value, nil, key) { config.commentHeaderRepeat = v }
            case "comment_section_lookahead":
                if let v = reader.integer(value, nil, key) { config.commentSectionLookahead = v }
            case "nearby":
                for (k, v) in reader.pairs(value, allowed: ["lines", "min_share"], ruleID: nil, what: "nearby") {
                    // Checked here: a negative or huge window would break the slicing in `DecidedLabels.around`.
                    if k == "lines" {
                        guard let n = reader.integer(v, nil, k) else { continue }
                        guard (0...1000).contains(n) else { reader.fail(v, nil, "'nearby.lines' must be from 0 to 1000"); continue }
                        config.nearby.lines = n
                    } else {
                        guard let x = reader.number(v, nil, k) else { continue }
                        guard (0...1).contains(x) else { reader.fail(v, nil, "'nearby.min_share' must be from 0 to 1"); continue }
                        config.nearby.minShare = x
                    }
                }
            case "prose":
                let keys: Set<String> = ["min_words", "min_stopword_ratio", "block_gap", "main_block_share", "dense_block_lines", "dense_block_share", "main_block_reach", "min_story_words", "chain_words", "chain_reach", "chain_up_reach", "chain_line_words", "lead_in_items", "lead_in_item_words", "lead_in_resume", "lead_in_below_story"]
                for (k, v) in reader.pairs(value, allowed: keys, ruleID: nil, what: "prose") {
                    if let problem = proseRangeError(k, v) { reader.fail(v, nil, problem); continue }
                    switch k {
                    case "min_words": config.prose.minWords = reader.integer(v, nil, k) ?? 0
                    case "min_stopword_ratio": config.prose.minStopwordRatio = reader.number(v, nil, k) ?? 0
                    case "dense_block_lines": config.prose.denseBlockLines = reader.integer(v, nil, k) ?? 0
                    case "dense_block_share": config.prose.denseBlockShare = reader.number(v, nil, k) ?? 0
                    case "block_gap": config.prose.blockGap = reader.integer(v, nil, k) ?? 0
                    case "main_block_reach": config.prose.mainBlockReach = reader.integer(v, nil, k) ?? 0
                    case "min_story_words": config.prose.minStoryWords = reader.integer(v, nil, k) ?? 0
                    case "chain_words": config.prose.chainWords = reader.integer(v, nil, k) ?? 0
                    case "chain_reach": config.prose.chainReach = reader.integer(v, nil, k) ?? 0
                    case "chain_up_reach": config.prose.chainUpReach = reader.integer(v, nil, k) ?? 0
                    case "chain_line_words": config.prose.chainLineWords = reader.integer(v, nil, k) ?? 0
                    case "lead_in_items": config.prose.leadInItems = reader.integer(v, nil, k) ?? 0
                    case "lead_in_item_words": config.prose.leadInItemWords = reader.integer(v, nil, k) ?? 0
                    case "lead_in_resume": config.prose.leadInResume = reader.bool(v, nil, k) ?? false
                    case "lead_in_below_story": config.prose.leadInBelowStory = reader.bool(v, nil, k) ?? false
                    default: config.prose.mainBlockShare = reader.number(v, nil, k) ?? 0
                    }
                }
            case "moderation":
                config.moderation = ModerationConfigLoader.parse(value, configPath: path, reader: &reader)
            case "limits":
                for (k, v) in reader.pairs(value, allowed: ["match_limit", "depth_limit"], ruleID: nil, what: "limits") {
                    guard let n = reader.integer(v, nil, k), n > 0, n <= Int(UInt32.max) else {
                        reader.fail(v, nil, "'\(k)' must be a positive whole number")
                        continue
                    }
                    if k == "match_limit" { config.limits.matchLimit = UInt32(n) } else { config.limits.depthLimit = UInt32(n) }
                }
            default:
                config.stopwords = Set((reader.strings(value, nil, key) ?? []).map { $0.lowercased() })
                if let problem = StopwordTable.placementError(config.stopwords) { reader.fail(value, nil, problem) }
            }
        }
        guard reader.errors.isEmpty else { throw RuleLoadError(errors: reader.errors) }
        return config
    }

    /// Why the number given for `prose.<key>` is out of range, nil when it is not (or is no
    /// number: the type is checked where it is read). Shares and the stop-word ratio are from 0
    /// to 1, every other prose number is a count or a reach, 0 or more: a negative reach or gap
    /// would index before a block, a negative count would hold everywhere.
    static func proseRangeError(_ key: String, _ node: Node) -> String? {
        guard case .scalar(let scalar) = node, let x = Double(scalar.string.trimmingWhitespace) else { return nil }
        if ["min_stopword_ratio", "main_block_share", "dense_block_share"].contains(key) {
            return (0...1).contains(x) ? nil : "'prose.\(key)' must be from 0 to 1"
        }
        return x >= 0 ? nil : "'prose.\(key)' must be 0 or more"
    }
}
