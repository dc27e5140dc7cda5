import Foundation
import Testing

/// The scripts under scripts/ that write files: run against a stand-in `winnow` (WINNOW), so
/// that what they write, and where, is checked without the data sets or a release build.
@Suite struct ScriptTests {
    /// A stand-in for `winnow`: `train ... -o FILE` writes "retrained" to FILE; the rest prints nothing.
    static let fakeWinnow = """
        #!/bin/sh
        if [ "$1" = train ]; then
          while [ $# -gt 0 ]; do if [ "$1" = -o ]; then echo retrained > "$2"; fi; shift; done
        fi
        exit 0
        """

    func write(_ text: String, _ path: String, executable: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
    }

    /// scripts/eval-comments retrains lr.promo into a copy of rules/ for each held-out video. With
    /// rules/ a symlink (a worktree sharing another checkout's rules), `cp -r` copied the link and
    /// the training overwrote the linked rule set's model.
    @Test func evalCommentsNeverRetrainsIntoASymlinkedRuleSet() throws {
        let root = NSTemporaryDirectory() + "winnow-script-" + UUID().uuidString
        let script = try String(contentsOfFile: Repo.path("scripts/eval-comments"), encoding: .utf8)
        try write(script, root + "/checkout/scripts/eval-comments", executable: true)
        try write("original\n", root + "/shared/rules/models/promo-lr.tsv")
        try write("moderation: {}\n", root + "/shared/rules/config.yml")
        try FileManager.default.createSymbolicLink(atPath: root + "/checkout/rules", withDestinationPath: root + "/shared/rules")
        try write(#"{"text": "hello", "label": "on-topic", "thread": "q1"}"# + "\n", root + "/data/youtube-dev.jsonl")
        try write(#"{"text": "hello", "label": "on-topic", "thread": "q1"}"# + "\n", root + "/data/qatarliving-dev.jsonl")
        try write(Self.fakeWinnow, root + "/winnow", executable: true)
        let keep = root + "/keep"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root + "/checkout/scripts/eval-comments", "--keep", keep]
        process.environment = ProcessInfo.processInfo.environment.merging(["DATA": root + "/data", "WINNOW": root + "/winnow"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOfFile: root + "/shared/rules/models/promo-lr.tsv", encoding: .utf8) == "original\n")
        for video in ["Psy", "KatyPerry", "LMFAO"] {
            #expect(try String(contentsOfFile: "\(keep)/rules-without-\(video)/models/promo-lr.tsv", encoding: .utf8) == "retrained\n")
        }
    }
}
