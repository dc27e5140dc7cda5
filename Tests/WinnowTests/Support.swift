import Foundation
import Testing
@testable import Winnow

/// Paths inside the package checkout: tests read only files of this repository.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }
    static let rules: RuleSet = try! RuleLoader.load(directory: path("rules"))
}

/// A temporary directory holding the given files, for loader tests.
func temporaryRuleDirectory(_ files: [String: String], config: String? = "priors: {body: {article: 1}}\n") throws -> String {
    let dir = NSTemporaryDirectory() + "winnow-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    if let config { try config.write(toFile: dir + "/config.yml", atomically: true, encoding: .utf8) }
    for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
}

func loadErrors(_ files: [String: String]) throws -> [RuleError] {
    loadErrors(directory: try temporaryRuleDirectory(files))
}

/// The loader's errors for a rule directory; empty when it loads.
func loadErrors(directory dir: String) -> [RuleError] {
    do {
        _ = try RuleLoader.load(directory: dir)
        return []
    } catch {
        return error.errors
    }
}

/// The `winnow` executable built beside the test bundle, run as a user would run it.
enum CLI {
    static var executable: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir, dir.deletingLastPathComponent()].map { $0.appendingPathComponent("winnow").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(
            FileManager.default.isExecutableFile(atPath: executable) ? executable : nil, "winnow not built"))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs `winnow` with standard output and error to /dev/null, and returns its exit status and
    /// peak resident memory in MB, as `/usr/bin/time` (Debian's `time`, installed by .ci/run)
    /// counted it for that one process. Not `wait4` on a child spawned from here: `posix_spawn`
    /// starts the child in this process's memory (vfork), and Linux keeps that memory's high-water
    /// mark in the child's peak across `exec`, so a child spawned after another test grew this
    /// process read as large as it (a 16 MB line once read as 138 MB over `clean /dev/null`, with
    /// a fuzz test's 50 MB field held side by side). `time` forks its own small process instead.
    static func peakMB(_ arguments: [String]) throws -> (status: Int32, mb: Double) {
        let path = try #require(FileManager.default.isExecutableFile(atPath: executable) ? executable : nil, "winnow not built")
        let time = "/usr/bin/time"
        try #require(FileManager.default.isExecutableFile(atPath: time), "\(time) missing: apt-get install time")
        let report = NSTemporaryDirectory() + "winnow-peak-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: report) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([time, "-f", "%M", "-o", report, path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        // A child reaped by another waiter in this process (the tests run side by side and spawn
        // processes of their own) leaves wait4 failing: such a run is made again.
        for _ in 0..<5 {
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, time, &actions, nil, argv, environ)
            try #require(spawned == 0, "posix_spawn failed: \(spawned)")
            var status: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &status, 0) } while reaped < 0 && errno == EINTR
            // `time -f %M` writes the peak in KB (after a line naming a signal, if one ended it);
            // it exits with winnow's status, bits 8-15 of a normal exit.
            guard reaped == pid, let text = try? String(contentsOfFile: report, encoding: .utf8),
                  let kb = text.split(separator: "\n").last.flatMap({ Double($0) }) else { continue }
            return ((status >> 8) & 0xFF, kb / 1024)
        }
        throw MeasurementLost()
    }

    struct MeasurementLost: Error {}
}
