import Foundation
import Yams

/// Loads a rule set from a directory: every `*.yml` file is a list of rules, except
/// `config.yml`, which holds thresholds, priors and weights. Strict: every problem is an error
/// naming file, line and rule id; nothing is silently ignored.
public enum RuleLoader {
    static let ruleKeys: Set<String> = [
        "id", "description", "pattern", "case_sensitive", "ascii_copy", "scores", "when", "marks", "examples",
    ]
    static let conditionKeys: Set<String> = [
        "min_words", "max_words", "min_chars", "max_chars", "min_links", "max_links",
        "min_stopword_ratio", "max_stopword_ratio", "ends_with_punctuation", "min_caps_ratio",
        "max_caps_ratio", "min_title_ratio", "max_title_ratio", "position", "gap_before", "gap_after",
        "min_prose_distance", "max_prose_distance", "main_block", "story_block", "max_above_main_block", "min_below_main_block", "max_below_main_block", "max_above_story_prose", "max_below_story_prose", "max_above_byline", "max_below_list_heading", "min_page_hits", "max_page_hits", "layout_header", "table_cell", "story_list", "split_date", "over_cut_title", "teaser_box", "min_page_lines", "max_page_lines", "section", "previous", "next", "neighbours", "first_pass", "nearby", "after_context",
    ]
    public static let configFileName = "config.yml"

    /// Scalars are read as text (`YAMLReader` parses numbers and booleans itself), so no YAML tag
    /// is resolved: Yams's default resolver matched regular expressions against every key of
    /// every mapping in its duplicate-key check, 0.21 G instructions of every run's start-up
    /// (step 615 in docs/performance.md). Duplicate keys are still found, by their text.
    static let yamlResolver = Resolver.basic

    /// Loads every rule file and the config in `directory`.
    public static func load(directory: String) throws(RuleLoadError) -> RuleSet {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw RuleLoadError(errors: [RuleError(file: directory, line: 0, message: "rule directory not found")])
        }
        // A rule file given for the directory was "not found" (session 29, gaps33).
        guard isDirectory.boolValue else {
            throw RuleLoadError(errors: [RuleError(file: directory, line: 0,
                message: "is a file, not a rule directory (of *.yml rule files and their config.yml)")])
        }
        let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { ($0.hasSuffix(".yml") || $0.hasSuffix(".yaml")) && $0 != configFileName }
            .sorted()
        var errors: [RuleError] = []
        var rules: [Rule] = []
        var config = Config()
        let configPath = (directory as NSString).appendingPathComponent(configFileName)
        if fm.fileExists(atPath: configPath) {
            do { config = try ConfigLoader.load(path: configPath) } catch { errors += error.errors }
        } else {
            errors.append(RuleError(file: configPath, line: 0, message: "missing \(configFileName) (thresholds and priors): a rule directory needs one beside its rule files; copy the bundled rules/\(configFileName) there"))
        }
        var declared: [Declared] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let loaded = try loadFile(path: path)
                rules += loaded
                declared += loaded.map { Declared(id: $0.id, file: $0.file, line: $0.line) }
            } catch {
                errors += error.errors
                declared += error.declared
            }
        }
        if rules.isEmpty && errors.isEmpty {
            errors.append(RuleError(file: directory, line: 0, message: "no rule files (*.yml) found"))
        }
        errors += duplicateIDs(declared)
        guard errors.isEmpty else { throw RuleLoadError(errors: errors) }
        return RuleSet(rules: rules, config: config, directory: directory)
    }

    /// Loads one rule file.
    public static func loadFile(path: String) throws(RuleLoadError) -> [Rule] {
        let text = try readUTF8(path: path)
        return try parse(yaml: text, file: path)
    }

    /// Parses the text of one rule file.
    public static func parse(yaml text: String, file: String) throws(RuleLoadError) -> [Rule] {
        let root: Node?
        do { root = try Yams.compose(yaml: text, yamlResolver) } catch { throw RuleLoadError(errors: [yamlError(error, file: file, text: text)]) }
        guard let root else { throw RuleLoadError(errors: [RuleError(file: file, line: 1, message: "empty rule file")]) }
        var reader = YAMLReader(file: file)
        guard case .sequence(let items) = root else {
            reader.fail(root, nil, "a rule file is a list of rules (each starting with '- id: ...')")
            throw RuleLoadError(errors: reader.errors)
        }
        var rules: [Rule] = []
        var declared: [Declared] = []
        for item in items {
            if let rule = parseRule(item, reader: &reader) { rules.append(rule) }
            if case .mapping(let m) = item, let id = m["id"]?.string, !id.isEmpty {
                declared.append(Declared(id: id, file: file, line: YAMLReader.line(item)))
            }
        }
        guard reader.errors.isEmpty else { throw RuleLoadError(errors: reader.errors, declared: declared) }
        return rules
    }

    static func parseRule(_ node: Node, reader: inout YAMLReader) -> Rule? {
        var ruleID: String?
        if case .mapping(let m) = node, let idNode = m["id"] { ruleID = idNode.string }
        let before = reader.errors.count
        let pairs = reader.pairs(node, allowed: ruleKeys, ruleID: ruleID, what: "rule")
        var fields: [String: Node] = [:]
        for (key, value) in pairs { fields[key] = value }
        guard let id = ruleID, !id.isEmpty else {
            reader.fail(node, nil, "rule has no 'id'")
            return nil
        }
        if !isValidID(id) {
            reader.fail(fields["id"], id, "id may hold only letters, digits, '.', '_' and '-'")
        } else if let reserved = reservedUse(of: id) {
            reader.fail(fields["id"], id, reserved)
        }
        var description = ""
        if let n = fields["description"], let s = reader.string(n, id, "description") {
            description = s
            if s.utf8.contains(0x0A) || s.trimmingWhitespace.isEmpty { reader.fail(n, id, "'description' must be one non-empty line") }
        } else if fields["description"] == nil {
            reader.fail(node, id, "missing 'description'")
        }
        var caseSensitive = false
        if let n = fields["case_sensitive"], let b = reader.bool(n, id, "case_sensitive") { caseSensitive = b }
        // A second copy of the pattern for lines of ASCII only (`Pattern.asciiLine`): asked for by
        // the rules whose calls it makes cheaper (step 690 in docs/performance.md).
        var asciiCopy = false
        if let n = fields["ascii_copy"], let b = reader.bool(n, id, "ascii_copy") { asciiCopy = b }
        if fields["ascii_copy"] != nil && fields["pattern"] == nil { reader.fail(fields["ascii_copy"], id, "'ascii_copy' needs a 'pattern'") }
        var pattern: Pattern?
        var written: String?
        if let n = fields["pattern"], let source = reader.string(n, id, "pattern") {
            written = source
            // Compiled with its plain word lists grouped (`WordGroups`: the same matches, faster
            // to fail). An error is reported for the pattern as written, its offset in it.
            let grouped = WordGroups.grouped(source)
            do { pattern = try Pattern(grouped, caseless: !caseSensitive, asciiLine: asciiCopy) } catch {
                var reported = error
                if grouped != source {
                    do { pattern = try Pattern(source, caseless: !caseSensitive, asciiLine: asciiCopy) } catch { reported = error }
                }
                if pattern == nil {
                    reader.fail(n, id, "bad pattern: PCRE2 says \(reported.message) at offset \(reported.offset) in '\(source.prefix(80))'")
                }
            }
        }
        var scores: [(label: Label, score: Double)] = []
        if let n = fields["scores"] {
            for (key, value) in reader.pairs(n, allowed: nil, ruleID: id, what: "scores") {
                guard let label = Label(parsing: key) else {
                    reader.fail(value, id, "unknown label '\(key)' in scores (\(YAMLReader.guess(key, in: Label.scorable.map(\.description)))labels: \(Label.scorable.map(\.description).joined(separator: ", ")))")
                    continue
                }
                if let score = reader.number(value, id, "scores.\(key)") { scores.append((label, score)) }
            }
        }
        var marks: Set<Rule.Mark> = []
        if let n = fields["marks"], let names = reader.strings(n, id, "marks") {
            for name in names {
                if let mark = Rule.Mark(rawValue: name) { marks.insert(mark) } else {
                    reader.fail(n, id, "unknown mark '\(name)' (\(YAMLReader.guess(name, in: Rule.Mark.allCases.map(\.rawValue)))marks: \(Rule.Mark.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
        }
        let conditions = fields["when"].map { parseConditions($0, id: id, reader: &reader) } ?? Conditions()
        let examples = fields["examples"].map { parseExamples($0, id: id, reader: &reader) } ?? Examples()
        if fields["scores"] == nil && marks.isEmpty {
            reader.fail(node, id, "missing 'scores' (a rule must score at least one label or carry a mark)")
        }
        if conditions.afterContext == true && !conditions.testsNeighbours {
            reader.fail(fields["when"], id, "'after_context' needs a label condition (previous, next, neighbours, first_pass or nearby)")
        }
        // Page hits are counted per round, and an after_context rule's hits pile up over rounds.
        if conditions.afterContext == true && (conditions.minPageHits != nil || conditions.maxPageHits != nil) {
            reader.fail(fields["when"], id, "'after_context' cannot be combined with 'min_page_hits' or 'max_page_hits' (its hits are made over several rounds)")
        }
        if fields["pattern"] == nil && conditions.isEmpty {
            reader.fail(node, id, "a rule needs a 'pattern', a 'when' condition, or both")
        }
        if marks.contains(.commentHeader), let pattern, pattern.groupNames["author"] == nil {
            reader.fail(fields["pattern"], id, "a comment-header rule's pattern needs a named group (?<author>...)")
        }
        guard reader.errors.count == before else { return nil }
        return Rule(id: id, description: description, pattern: pattern, scores: scores, conditions: conditions,
                    marks: marks, examples: examples, file: reader.file, line: YAMLReader.line(node), writtenPattern: written)
    }

    /// The id prefixes no rule of the rule files may take, with what owns them: the walk's priors
    /// (`prior.*`, which the walk and the segmenter tell by their id), the engine steps' and
    /// learned models' namespaces (docs/rules.md, "Where a decision is made"). A rule named so
    /// would read as a prior, a step or a model in the audit and in `audit --stats`, and share a
    /// learned model's weight in `page_rule_weights` / `standalone_rule_weights` (keyed by id).
    static let reservedPrefixes: [(prefix: String, owner: String)] = [
        ("prior.", "the walk's priors (config.yml priors)"),
        ("walk.", "engine steps"), ("page.", "engine steps"), ("layout.", "engine steps"),
        ("threshold.", "engine steps (the comment-kind bar)"), ("relevance.", "engine steps (relevance)"),
        ("moderation.", "engine steps (comment moderation)"), ("comment.", "engine steps (comment moderation)"),
        ("bayes.", "learned token models (config.yml moderation.learned)"),
        ("lr.", "learned logistic models (config.yml moderation.logistic)"),
    ]
    /// Engine steps' ids inside the rule files' own namespaces (`context.`, `topic.`).
    static let reservedIDs: Set<String> = [CommentModel.noContextStep, StandaloneModeration.byAskerStep]

    /// Why `id` is no rule's to take (a reserved prefix or an engine step's id), or nil.
    /// Case aside: `Prior.x` would read as a prior in the audit as well.
    static func reservedUse(of id: String) -> String? {
        let lower = id.lowercased()
        if reservedIDs.contains(lower) { return "id '\(id)' is an engine step's (docs/rules.md, \"Where a decision is made\"): give the rule an id of its own" }
        guard let owner = reservedPrefixes.first(where: { lower.hasPrefix($0.prefix) }) else { return nil }
        return "id prefix '\(owner.prefix)' is reserved for \(owner.owner) (docs/rules.md, \"Where a decision is made\"): give the rule an id of its own"
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]*$`, read by bytes: an ICU regular expression per rule cost
    /// 20 M instructions of every run's start-up (step 612 in docs/performance.md).
    static func isValidID(_ id: String) -> Bool {
        func alphanumeric(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 }
        guard let first = id.utf8.first, alphanumeric(first) else { return false }
        return id.utf8.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    static func parseConditions(_ node: Node, id: String, reader: inout YAMLReader) -> Conditions {
        var c = Conditions()
        for (key, value) in reader.pairs(node, allowed: conditionKeys, ruleID: id, what: "when") {
            switch key {
            case "min_words": c.minWords = reader.integer(value, id, key)
            case "max_words": c.maxWords = reader.integer(value, id, key)
            case "min_chars": c.minChars = reader.integer(value, id, key)
            case "max_chars": c.maxChars = reader.integer(value, id, key)
            case "min_links": c.minLinks = reader.integer(value, id, key)
            case "max_links": c.maxLinks = reader.integer(value, id, key)
            case "min_stopword_ratio": c.minStopwordRatio = reader.number(value, id, key)
            case "max_stopword_ratio": c.maxStopwordRatio = reader.number(value, id, key)
            case "ends_with_punctuation": c.endsWithPunctuation = reader.bool(value, id, key)
            case "min_caps_ratio": c.minCapsRatio = reader.number(value, id, key)
            case "max_caps_ratio": c.maxCapsRatio = reader.number(value, id, key)
            case "min_title_ratio": c.minTitleRatio = reader.number(value, id, key)
            case "max_title_ratio": c.maxTitleRatio = reader.number(value, id, key)
            case "gap_before": c.gapBefore = reader.bool(value, id, key)
            case "gap_after": c.gapAfter = reader.bool(value, id, key)
            case "min_prose_distance": c.minProseDistance = reader.integer(value, id, key)
            case "max_prose_distance": c.maxProseDistance = reader.integer(value, id, key)
            case "main_block": c.mainBlock = reader.bool(value, id, key)
            case "story_block": c.storyBlock = reader.bool(value, id, key)
            case "max_above_main_block": c.maxAboveMainBlock = reader.integer(value, id, key)
            case "max_above_story_prose": c.maxAboveStoryProse = reader.integer(value, id, key)
            case "max_below_story_prose": c.maxBelowStoryProse = reader.integer(value, id, key)
            case "min_below_main_block":
                // 0 would hold on every line, above the story too.
                guard let n = reader.integer(value, id, key) else { continue }
                guard n >= 1 else { reader.fail(value, id, "'min_below_main_block' must be 1 or more"); continue }
                c.minBelowMainBlock = n
            case "max_below_main_block":
                guard let n = reader.integer(value, id, key) else { continue }
                guard n >= 0 else { reader.fail(value, id, "'max_below_main_block' must be 0 or more"); continue }
                c.maxBelowMainBlock = n
            case "max_above_byline", "max_below_list_heading":
                // The labeler counts lines above a byline, or below a list heading, only this far.
                let reach = key == "max_above_byline" ? Labeler.bylineReach : Labeler.listReach
                guard let n = reader.integer(value, id, key) else { continue }
                guard (1...reach).contains(n) else { reader.fail(value, id, "'\(key)' must be 1 to \(reach)"); continue }
                if key == "max_above_byline" { c.maxAboveByline = n } else { c.maxBelowListHeading = n }
            case "min_page_hits", "max_page_hits":
                guard let n = reader.integer(value, id, key) else { continue }
                guard n >= 1 else { reader.fail(value, id, "'\(key)' must be 1 or more"); continue }
                if key == "min_page_hits" { c.minPageHits = n } else { c.maxPageHits = n }
                if let lo = c.minPageHits, let hi = c.maxPageHits, lo > hi {
                    reader.fail(value, id, "'min_page_hits' must not exceed 'max_page_hits': the rule could never fire")
                }
            case "layout_header": c.layoutHeader = reader.bool(value, id, key)
            case "table_cell": c.tableCell = reader.bool(value, id, key)
            case "story_list": c.storyList = reader.bool(value, id, key)
            case "split_date": c.splitDate = reader.bool(value, id, key)
            case "over_cut_title": c.overCutTitle = reader.bool(value, id, key)
            case "teaser_box": c.teaserBox = reader.bool(value, id, key)
            case "min_page_lines", "max_page_lines":
                guard let n = reader.integer(value, id, key) else { continue }
                guard n >= 1 else { reader.fail(value, id, "'\(key)' must be 1 or more"); continue }
                if key == "min_page_lines" { c.minPageLines = n } else { c.maxPageLines = n }
            case "after_context": c.afterContext = reader.bool(value, id, key)
            case "position":
                guard case .sequence(let seq) = value, seq.count == 2,
                      let lo = reader.number(seq[0], id, key), let hi = reader.number(seq[1], id, key),
                      lo <= hi else {
                    reader.fail(value, id, "'position' must be [from, to] with 0 <= from <= to <= 1")
                    continue
                }
                c.position = lo...hi
            case "section":
                guard let s = reader.string(value, id, key) else { continue }
                guard let section = Conditions.Section(rawValue: s) else {
                    reader.fail(value, id, "'section' must be 'body' or 'comments', not '\(s)'" + YAMLReader.guessNote(s, in: ["body", "comments"]))
                    continue
                }
                c.section = section
            default:
                guard let s = reader.string(value, id, key) else { continue }
                let families = Label.Family.allCases.map(\.rawValue) + ["edge"]
                guard Label(parsing: s) != nil || families.contains(s) else {
                    reader.fail(value, id, "'\(key)' must be a label, a label family or 'edge', not '\(s)'"
                                + YAMLReader.guessNote(s, in: Label.scorable.map(\.description) + families))
                    continue
                }
                switch key {
                case "previous": c.previous = s
                case "next": c.next = s
                case "first_pass": c.firstPass = s
                case "nearby": c.nearby = s
                default: c.neighbours = s
                }
            }
        }
        return c
    }

    static func parseExamples(_ node: Node, id: String, reader: inout YAMLReader) -> Examples {
        var examples = Examples()
        for (key, value) in reader.pairs(node, allowed: ["match", "no_match"], ruleID: id, what: "examples") {
            let list = reader.strings(value, id, "examples.\(key)") ?? []
            var lines = Array(repeating: YAMLReader.line(value), count: list.count)
            if case .sequence(let items) = value, items.count == list.count { lines = items.map { YAMLReader.line($0) } }
            if key == "match" {
                examples.match = list
                examples.matchLines = lines
            } else {
                examples.noMatch = list
                examples.noMatchLines = lines
            }
        }
        return examples
    }

    /// A rule id and where a file declares it.
    struct Declared: Sendable {
        let id: String
        let file: String
        let line: Int
    }

    static func duplicateIDs(_ rules: [Declared]) -> [RuleError] {
        var first: [String: Declared] = [:]
        var errors: [RuleError] = []
        for rule in rules {
            if let earlier = first[rule.id] {
                errors.append(RuleError(file: rule.file, line: rule.line, ruleID: rule.id,
                                        message: "duplicate id (first defined at \(earlier.file):\(earlier.line))"
                                            + (earlier.file == rule.file ? "" : "; ids are unique across the rule files: to change that rule, "
                                               + "edit it there (in a copy of the rules), or give this one an id of its own")))
            } else {
                first[rule.id] = rule
            }
        }
        return errors
    }

    /// The id of the last rule that starts (`- id: X`) at or above line `line` (1-based) of a rule
    /// file's text, for an error the YAML parser reports without one.
    static func ruleID(in text: String, atOrAbove line: Int) -> String? {
        var found: String?
        for row in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(max(0, line)) {
            var rest = row.drop(while: { $0 == " " })
            guard rest.first == "-" else { continue }
            rest = rest.dropFirst().drop(while: { $0 == " " })
            guard rest.hasPrefix("id:") else { continue }
            let id = rest.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            if !id.isEmpty { found = id }
        }
        return found
    }

    /// Reads a file that must be UTF-8; an invalid byte is an error naming its line.
    static func readUTF8(path: String) throws(RuleLoadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleLoadError(errors: [RuleError(file: path, line: 0, message: "cannot read file")])
        }
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var valid = 0
        // Find the line of the first invalid byte: decode prefixes line by line.
        for chunk in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { break }
            line += 1
            valid += chunk.count + 1
        }
        throw RuleLoadError(errors: [RuleError(file: path, line: line, message: "invalid UTF-8 (byte offset \(valid) starts the bad line)")])
    }

    /// A YAML syntax error, with the rule it falls in (the last `- id:` at or above its line, when
    /// `text` is given) and what to look for: libyaml's words name neither ("did not find expected
    /// key" is often a quote left open on the line above).
    static func yamlError(_ error: Error, file: String, text: String? = nil) -> RuleError {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let where_ = context.map { " (\($0.text))" } ?? ""
                let hint = problem.contains("tab") ? "; indent with spaces, YAML allows no tab there"
                    : "; look at this line and the ones above it for a quote left open or a key indented unlike its neighbours"
                    + " (the file's other rules are checked once it parses)"
                return RuleError(file: file, line: mark.line, ruleID: text.flatMap { ruleID(in: $0, atOrAbove: mark.line) },
                                 message: "YAML error: \(problem)\(where_), column \(mark.column)\(hint)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                return RuleError(file: file, line: context.mark.line, ruleID: text.flatMap { ruleID(in: $0, atOrAbove: context.mark.line) },
                                 message: "YAML error: duplicate keys \(duplicates)")
            default:
                break
            }
        }
        return RuleError(file: file, line: 1, message: "YAML error: \(error)")
    }
}
