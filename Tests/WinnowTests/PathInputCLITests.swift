import Foundation
import Testing
@testable import Winnow

/// A corpus given as paths: `--files-from LIST` (one path a line, `-` for standard input) on
/// `clean`, `label` and `audit`, and many paths on the command line.
@Suite struct PathInputCLITests {
    /// Runs `winnow` with `input` on standard input and `directory` as its working directory.
    func run(_ arguments: [String], input: String = "", in directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output to files: read from two pipes one after the other, a full standard error (an
        // error line for each of 40,000 paths) waited on the reader of standard output.
        let outPath = try temporaryFile([], suffix: ".out"), errPath = try temporaryFile([], suffix: ".err")
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        let inPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        let o = FileManager.default.contents(atPath: outPath) ?? Data(), e = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "winnow-paths-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try (articleLine + "\n").write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try ("The mayor said the hours would start in March.\n").write(toFile: dir + "/b page.txt", atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))
            .write(to: URL(fileURLWithPath: dir + "/c.png"))
        return dir
    }

    /// Every listed path is one record, in list order, its id the path as listed: a missing file,
    /// a directory and a binary file are records with an error; a blank line is no path; a path
    /// keeps its spaces; CRLF line ends are line ends. The list comes from a file or standard input.
    @Test(arguments: ["clean", "label"])
    func everyListedPathIsARecord(command: String) throws {
        let dir = try directory()
        let list = "a.txt\r\nmissing.txt\n\nb page.txt\nsub\nc.png\n"
        try list.write(toFile: dir + "/list", atomically: true, encoding: .utf8)
        for source in ["list", "-"] {
            let r = try run([command, "--rules", Repo.path("rules"), "--files-from", source], input: list, in: dir)
            #expect(r.status == 1, "\(r.err)")
            let objects = try jsonObjects(r.out)
            #expect(objects.map { $0["record"] as? Int } == [1, 2, 3, 4, 5])
            #expect(objects.map { $0["id"] as? String } == ["a.txt", "missing.txt", "b page.txt", "sub", "c.png"])
            #expect(objects.map { $0["error"] == nil } == [true, false, true, false, false])
            #expect(objects[1]["error"] as? String == "missing.txt: cannot read (No such file or directory)")
            #expect(objects[3]["error"] as? String == "sub: is a directory, not a page")
            #expect(objects[4]["error"] as? String == "c.png: binary file, not labelled (looks like a PNG image)")
            if command == "clean" { #expect(objects[0]["text"] as? String == articleLine + "\n") }
            #expect(r.err.contains("records in 5, records out 5, failed 3"))
        }
    }

    @Test func auditReadsTheListedPages() throws {
        let dir = try directory()
        let r = try run(["audit", "--stats", "--rules", Repo.path("rules"), "--files-from", "-"], input: "a.txt\nb page.txt\nmissing.txt\n", in: dir)
        #expect(r.status == 1)
        #expect(r.out.hasPrefix("2 pages, 2 non-blank lines"), "\(r.out.prefix(200))")
        #expect(r.err.contains("missing.txt: no such file"))
    }

    @Test func pathsAndAListTogetherAreAUsageError() throws {
        let dir = try directory()
        let r = try run(["clean", "--files-from", "-", "a.txt"], input: "a.txt\n", in: dir)
        #expect(r.status == 2 && r.err.contains("give page paths or --files-from, not both"))
        let csv = try run(["label", "--csv", "x.csv", "--files-from", "-"], in: dir)
        #expect(csv.status == 2 && csv.err.contains("one of them"))
        let missing = try run(["clean", "--files-from", "no-list"], in: dir)
        #expect(missing.status == 2 && missing.err.contains("--files-from no-list: cannot read (No such file or directory)"))
    }

    /// Paths on the command line before, between and after options are labelled in the order
    /// given: `main` sets the leading and trailing runs aside from ArgumentParser (`PathArguments`).
    @Test func pathsAroundOptionsKeepTheirOrder() throws {
        let dir = try directory()
        let pages = (1...6).map { "p\($0).txt" }
        for page in pages { try (articleLine + "\n").write(toFile: dir + "/" + page, atomically: true, encoding: .utf8) }
        let r = try run(["label", "p1.txt", "p2.txt", "--rules", Repo.path("rules"), "p3.txt", "--format", "json", "p4.txt", "p5.txt", "p6.txt"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(try jsonObjects(r.out).map { $0["source"] as? String } == pages)
        let stdin = try run(["clean", "--rules", Repo.path("rules"), "p1.txt", "-", "p2.txt"], input: articleLine + "\n", in: dir)
        #expect(stdin.out.components(separatedBy: "==> ").map { $0.prefix(6) } == ["", "p1.txt", "- <==\n", "p2.txt"])
        let twice = try run(["clean", "p1.txt", "-", "--no-prefilter", "-"], in: dir)
        #expect(twice.status == 2 && twice.err.contains("'-' (standard input) can be given only once"))
    }

    /// ArgumentParser stores each value of an array argument by copying the array parsed so far
    /// and uniting position sets: 500 / 1,000 / 2,000 / 4,000 paths added 48 / 86 / 173 / 507 ms
    /// (perf42), 40,000 about a minute. Set aside by `main`, 40,000 missing paths take well under
    /// a second of parsing (each is one error line).
    @Test func fortyThousandPathsParseInLinearTime() throws {
        let dir = try directory()
        let paths = (0..<40_000).map { "m\($0)" }
        let start = Date()
        let r = try run(["clean", "--rules", Repo.path("rules"), "--jobs", "1"] + paths, in: dir)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1 && r.err.components(separatedBy: ": no such file").count == 40_001)
        #expect(seconds < 20, "40,000 paths took \(seconds) s")
    }
}
