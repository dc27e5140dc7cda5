import Foundation
import Testing

/// The docs' worked examples, run as a reader would run them: docs/rules.md's "Worked example"
/// showed an audit with a `topic.site-meta` vote that the rule no longer gives (session 23,
/// gaps27), so the rule ids its audit block names and the verdict after adding its rule are
/// checked against the program.
@Suite struct DocExampleTests {
    static let line = "Keep the lights on: every dollar from readers keeps this site running."

    /// The text of docs/rules.md from "## Worked example" to the next heading of that level.
    static func workedExample() throws -> String {
        let doc = try String(contentsOfFile: Repo.path("docs/rules.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "## Worked example"))
        let rest = doc[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The fenced block after `marker` in `text`.
    static func block(after marker: String, in text: String) throws -> String {
        let open = try #require(text.range(of: marker))
        let body = text[open.upperBound...].drop { $0 != "\n" }.dropFirst()
        return String(body[..<(try #require(body.range(of: "```"))).lowerBound])
    }

    /// The ids of the rules and engine steps whose hits the audit lines of `text` show.
    static func hitIDs(_ text: String) -> Set<String> {
        let id = try! NSRegularExpression(pattern: #"^\s+(?:[+-][0-9.]+|0)\s+\S+(?: score\))?\s+([a-z]+\.[a-z0-9.-]+)\s"#,
                                          options: .anchorsMatchLines)
        let range = NSRange(text.startIndex..., in: text)
        return Set(id.matches(in: text, range: range).map { String(text[Range($0.range(at: 1), in: text)!]) })
    }

    @Test func theWorkedExamplesAuditIsTheProgramsAndItsRuleDoesWhatItSays() throws {
        let example = try Self.workedExample()
        let shown = try Self.block(after: "```sh", in: example)
        #expect(shown.contains(Self.line))
        let page = NSTemporaryDirectory() + "winnow-doc-example-" + UUID().uuidString + ".txt"
        defer { try? FileManager.default.removeItem(atPath: page) }
        try (Self.line + "\n").write(toFile: page, atomically: true, encoding: .utf8)

        let before = try CLI.run(["audit", "--rules", Repo.path("rules"), page, "--line", "1"])
        #expect(before.status == 0)
        #expect(!Self.hitIDs(shown).isEmpty)
        #expect(Self.hitIDs(shown) == Self.hitIDs(before.out), "docs/rules.md's worked example: \(before.out)")
        #expect(shown.contains("line 1: article  (2.5, no competing label)") && before.out.contains("line 1: article  (2.5, no competing label)"))

        // Its rule, added to a copy of the bundled rules, passes lint and labels the line as it says.
        let rules = NSTemporaryDirectory() + "winnow-doc-rules-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: rules) }
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: rules)
        try (try Self.block(after: "```yaml", in: example)).write(toFile: rules + "/zz-worked-example.yml", atomically: true, encoding: .utf8)
        let lint = try CLI.run(["rules", "lint", "--strict", "--rules", rules])
        #expect(lint.status == 0, "\(lint.err)")
        let after = try CLI.run(["audit", "--rules", rules, page, "--line", "1"])
        let verdict = "boilerplate.donation (3.0, margin 0.5 over article)"
        #expect(example.contains(verdict))
        #expect(after.out.contains("line 1: " + verdict.replacingOccurrences(of: " (", with: "  (")), "\(after.out)")
        #expect(after.out.contains("donation.reader-funded"))
    }
}
