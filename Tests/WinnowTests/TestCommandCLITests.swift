import Foundation
import Testing

/// `winnow test` as a rule author runs it: failing pages, the pass counts per fixture folder
/// (tune, check, ...), the summary line and the exit status.
@Suite struct TestCommandCLITests {
    @Test func passCountsArePrintedPerFolder() throws {
        let dir = NSTemporaryDirectory() + "winnow-fixtures-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = "The council said on Tuesday that the harbour road would reopen once the storm had passed.\n"
        for folder in ["good", "bad"] {
            try FileManager.default.createDirectory(atPath: "\(dir)/pages/\(folder)", withIntermediateDirectories: true)
            try page.write(toFile: "\(dir)/pages/\(folder)/p.txt", atomically: true, encoding: .utf8)
        }
        // The good page expects what Winnow says (this test is about the report, not the label);
        // the bad one expects another label.
        let label = try CLI.run(["label", "--rules", Repo.path("rules"), "--format", "annotated", "\(dir)/pages/good/p.txt"])
        try #require(label.status == 0)
        try label.out.write(toFile: "\(dir)/pages/good/p.expected", atomically: true, encoding: .utf8)
        let other = label.out.hasPrefix("article") ? "boilerplate.other" : "article"
        let wrong = other.padding(toLength: 29, withPad: " ", startingAt: 0) + label.out.drop { $0 != "|" }
        try wrong.write(toFile: "\(dir)/pages/bad/p.expected", atomically: true, encoding: .utf8)

        let r = try CLI.run(["test", "--rules", Repo.path("rules"), "--fixtures", dir, "--filter", "/p$"])
        #expect(r.status == 1)
        #expect(r.out.contains("FAIL bad/p: 1 line(s) differ"))
        #expect(r.out.contains("pages passing by folder: bad 0/1, good 1/1"))
        #expect(r.out.hasSuffix("1 passed, 1 failed\n"))
    }
}
