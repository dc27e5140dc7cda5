import Testing

/// Every command's --help teaches with examples, under an "Examples:" heading, each line short
/// enough that the help is not re-wrapped (a wrapped example line started at column 0 and read
/// as prose); an option's default is stated once, by the option.
@Suite struct HelpTextTests {
    static let commands: [[String]] = [
        [], ["clean"], ["label"], ["audit"], ["rules"], ["rules", "list"], ["rules", "lint"], ["test"],
        ["moderate"], ["eval"], ["train"], ["train", "tokens"], ["train", "logistic"], ["train", "terms"], ["bench"],
    ]

    @Test(arguments: commands) func helpHasUnwrappedExamples(_ command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "Examples:"), "\(command): no Examples:")
        let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(examples.count >= 1)
        for line in examples { #expect(line.hasPrefix("  ") && line.count <= 80, "\(command): \(line)") }
    }

    /// --max-record-mb's default (16) was also written in the discussions of moderate and eval.
    @Test(arguments: [["moderate"], ["eval"]]) func theRecordLimitsDefaultIsStatedOnce(_ command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.out.components(separatedBy: "16").count - 1 == 1, "\(command)")
    }

    /// `rules list --literals` prints sets of literals joined by ' | ' inside ' & ': the help
    /// named only ' & ', so 'you & can | may' read either way (session 23, gaps27).
    @Test func rulesListHelpSaysHowALiteralSetReads() throws {
        let r = try CLI.run(["rules", "list", "--help"])
        #expect(r.out.contains("literals joined by ' | ', any one of them"))
    }
}
