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
}
