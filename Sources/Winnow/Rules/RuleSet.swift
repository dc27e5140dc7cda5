import Foundation

/// A loaded, compiled rule set and its config: immutable, shared by every labelling thread.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    public let config: Config
    /// The directory the rules came from (empty when built in code).
    public let directory: String
    /// Literal prefilters for the first pass and the context pass (on by default: they build in
    /// milliseconds); nil runs every pattern in PCRE2 on every line. Results are the same either way.
    public var prefilters: Prefilters?
    /// `config.stopwords`, prepared for the line features.
    public let stopwords: StopwordTable

    public init(rules: [Rule], config: Config, directory: String = "") {
        self.rules = rules
        self.config = config
        self.directory = directory
        self.prefilters = Prefilters(rules: rules, common: config.stopwords)
        self.stopwords = StopwordTable(config.stopwords)
    }

    private init(rules: [Rule], config: Config, directory: String, prefilters: Prefilters?, stopwords: StopwordTable) {
        self.rules = rules
        self.config = config
        self.directory = directory
        self.prefilters = prefilters
        self.stopwords = stopwords
    }

    /// The same rules in objects and arrays of one labelling thread's own (each `Labeler` makes
    /// one): rules, patterns, prefilter tables and stop words are read for every line, and every
    /// read of a shared object writes its reference count, which two threads then pass between
    /// their cores (see docs/performance.md, step 29). The compiled code is shared.
    public func threadCopy() -> RuleSet {
        let copies = rules.map { $0.threadCopy() }
        return RuleSet(rules: copies, config: config, directory: directory,
                       prefilters: prefilters?.threadCopy(), stopwords: stopwords.threadCopy())
    }

    /// Names in `moderation.page_rule_weights`, `standalone_rule_weights`, `header_rules`, `page_link_rules`, `page_comment_max_words` and `page_off_story_rules` that are no rule
    /// here (a misspelt id would weigh nothing): `winnow rules lint` fails on them. Not a load
    /// error, so that a rule subset can run with the shipped config.
    public var unknownPageRuleWeights: [String] {
        let ids = Set(rules.map(\.id) + config.moderation.learned.map { "bayes.\($0.name)" })
        let named = Set(config.moderation.pageRuleWeights.keys).union(config.moderation.standaloneRuleWeights.keys)
            .union(config.moderation.headerRules).union(config.moderation.pageLinkRules).union(config.moderation.pageCommentMaxWords.keys)
            .union(config.moderation.pageOffStoryRules)
        return named.filter { !ids.contains($0) }.sorted()
    }

    /// The `moderation` keys of config.yml that name `id`, for `winnow rules lint`'s message
    /// (it named page_rule_weights and standalone_rule_weights for a misspelt header rule too).
    public func moderationKeys(naming id: String) -> [String] {
        let m = config.moderation
        return [("page_rule_weights", m.pageRuleWeights[id] != nil), ("standalone_rule_weights", m.standaloneRuleWeights[id] != nil),
                ("header_rules", m.headerRules.contains(id)), ("page_link_rules", m.pageLinkRules.contains(id)),
                ("page_comment_max_words", m.pageCommentMaxWords[id] != nil), ("page_off_story_rules", m.pageOffStoryRules.contains(id))].filter(\.1).map { "moderation.\($0.0)" }
    }

    /// The same rules, every pattern run in PCRE2 on every line.
    public func withoutPrefilter() -> RuleSet {
        var copy = self
        copy.prefilters = nil
        return copy
    }

    /// The bundled rule set, found as `RuleSet.bundledDirectory()` describes. When
    /// `WINNOW_RULES` names it and it does not load, the errors say so first: "rule directory
    /// not found" alone did not say where the directory came from.
    public static func bundled(environment: [String: String] = ProcessInfo.processInfo.environment) throws(RuleLoadError) -> RuleSet {
        guard let directory = bundledDirectory(environment: environment) else {
            throw RuleLoadError(errors: [RuleError(file: "rules", line: 0, message:
                "bundled rules not found: pass --rules DIR or set WINNOW_RULES")])
        }
        do {
            return try RuleLoader.load(directory: directory)
        } catch {
            guard let variable = environment["WINNOW_RULES"], !variable.isEmpty else { throw error }
            var named = error
            named.context = "the rules come from WINNOW_RULES=\(variable) (the environment variable; unset it or pass --rules DIR):"
            throw named
        }
    }

    /// Where the bundled rules are: `$WINNOW_RULES`; else a `rules/` directory with a
    /// `config.yml` in the executable's directory or any directory above it (a checkout's
    /// `.build/release/winnow` finds the checkout's `rules/`); else `share/winnow/rules` beside
    /// an installed `bin/`; else the `rules/` of the source tree this library was built from.
    public static func bundledDirectory(executable: String = CommandLine.arguments.first ?? "",
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        func isRuleDir(_ path: String) -> Bool {
            fm.fileExists(atPath: (path as NSString).appendingPathComponent(RuleLoader.configFileName))
        }
        if let env = environment["WINNOW_RULES"], !env.isEmpty { return env }
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<8 {
            candidates.append(dir.appendingPathComponent("rules").path)
            candidates.append(dir.appendingPathComponent("share/winnow/rules").path)
            dir = dir.deletingLastPathComponent()
        }
        // Sources/Winnow/Rules/RuleSet.swift -> the package root.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("rules").path)
        return candidates.first(where: isRuleDir)
    }
}
