/// A problem in a rule file, located precisely: file, line, and rule id when known.
public struct RuleError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int
    public let ruleID: String?
    public let message: String

    public init(file: String, line: Int, ruleID: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    public var description: String {
        // Line 0 is the whole file or directory (a missing config.yml): "rules/config.yml:0:" named no line.
        "\(file):\(line > 0 ? "\(line):" : "") " + (ruleID.map { "rule '\($0)': " } ?? "") + message
    }
}

/// Every problem found while loading a rule set (the loader reports them all, not just the first).
public struct RuleLoadError: Error, CustomStringConvertible, Sendable {
    public let errors: [RuleError]
    /// Every rule id the failed file declared, with its place, the faulty rules' too: a
    /// duplicate id is reported with the file's other problems, not only once they are fixed.
    var declared: [RuleLoader.Declared] = []
    /// Where the rules came from, said before the errors when it was not a `--rules DIR`
    /// (`RuleSet.bundled`: the `WINNOW_RULES` variable).
    public var context: String?
    public var description: String { ((context.map { [$0] } ?? []) + errors.map(\.description)).joined(separator: "\n") }
}
