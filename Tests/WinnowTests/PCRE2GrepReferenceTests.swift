import Foundation
import Testing
@testable import Winnow

/// `winnow bench` times `pcre2grep -i -c -f` over every rule pattern, one per line. pcre2grep
/// runs them without UTF mode, where a pattern such as `\x{2013}` does not compile and the whole
/// reference fails (session 20: the reference read 1,965 MB/s, pcre2grep having stopped at once).
/// CI installs pcre2-utils (.ci/run), so the reference is checked on the bundled rules here.
@Suite struct PCRE2GrepReferenceTests {
    @Test func everyBundledPatternCompilesInPCRE2Grep() throws {
        let dir = NSTemporaryDirectory() + "winnow-grep-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let patterns = Throughput.grepPatterns(Repo.rules)
        #expect(patterns.count > 300)
        try (patterns.joined(separator: "\n") + "\n").write(toFile: dir + "/patterns", atomically: true, encoding: .utf8)
        try "Share this story\nThe council voted on Tuesday.\n".write(toFile: dir + "/page.txt", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pcre2grep")
        process.arguments = ["-i", "-c", "-f", dir + "/patterns", dir + "/page.txt"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 0: some line matched, 1: none did, 2: an error (the message names the pattern's line).
        #expect([0, 1].contains(process.terminationStatus), "\(message)")
    }
}
