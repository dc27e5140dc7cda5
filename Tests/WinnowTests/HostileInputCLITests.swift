import Foundation
import Testing
@testable import Winnow

/// Hostile input through the `winnow` command: refused pages are named on standard error, the
/// other pages are still labelled, and the exit status says something failed.
@Suite struct HostileInputCLITests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try CLI.run(arguments) }

    func file(_ bytes: [UInt8], _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "winnow-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func binaryFileIsReportedAndTheOtherPageLabelled() throws {
        let png = try file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64), "photo.png")
        let text = try file(Array("The council met on Tuesday.\n".utf8), "page.txt")
        let r = try run(["label", "--rules", Repo.path("rules"), png, text])
        #expect(r.status == 1)
        #expect(r.err.contains("\(png): binary file, not labelled (looks like a PNG image)"))
        #expect(!r.out.contains("photo.png"))
        #expect(r.out.contains("page.txt: 1 lines"))
    }

    /// `winnow audit DIR` reads the directory's .txt pages in path order, as `label DIR` does (it
    /// said "is a directory", status 1); a directory with none is bad usage.
    @Test func auditReadsADirectoryAsItsTextPages() throws {
        let a = try file(Array("The council met on Tuesday.\n".utf8), "a.txt")
        let dir = (a as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try Data("The mayor spoke on Wednesday.\n".utf8).write(to: URL(fileURLWithPath: dir + "/sub/b.TXT"))
        try Data("not a page".utf8).write(to: URL(fileURLWithPath: dir + "/notes.md"))
        let r = try run(["audit", "--rules", Repo.path("rules"), dir])
        #expect(r.status == 0)
        #expect(r.out.split(separator: "\n").filter { $0.hasPrefix("== ") } == ["== \(dir)/a.txt: 1 lines", "== \(dir)/sub/b.TXT: 1 lines"])
        let stats = try run(["audit", "--stats", "--rules", Repo.path("rules"), dir])
        #expect(stats.status == 0 && stats.out.hasPrefix("2 pages, 2 non-blank lines"))
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try run(["audit", "--rules", Repo.path("rules"), empty])
        #expect(none.status == 2 && none.err.contains("holds no .txt page"))
    }

    /// NUL bytes were kept in their lines and printed raw by `clean`, the annotated and text
    /// formats and the audit; they are removed, the page's warning says how many, and no
    /// output, page or batch record, carries one.
    @Test func nulBytesNeverReachTheOutput() throws {
        let story = "The council met on Tuesday\0 to vote on the library budget for next year.\n\0\nIt passed.\0\n"
        let page = try file(Array(story.utf8), "nul.txt")
        let records = try file(Array(("id,content\n1,\"" + story + "\"\n").utf8), "nul.csv")
        var outputs: [[String]: String] = [:]
        for arguments in [["clean", page], ["label", "--format", "annotated", page], ["label", "--format", "json", page],
                          ["audit", page], ["clean", "--csv", records], ["clean", "--csv", records, "--output-format", "csv"],
                          ["label", "--csv", records]] {
            let r = try run(arguments.prefix(1) + ["--rules", Repo.path("rules")] + arguments.dropFirst())
            outputs[arguments] = r.out
            #expect(r.status == 0 && !r.out.isEmpty, "\(arguments)")
            // CSV output repeats the input columns unchanged (docs/output.md): its 3 NULs there only.
            let kept = arguments.contains("csv") ? 3 : 0
            #expect(r.out.utf8.filter { $0 == 0 }.count == kept && !r.out.contains("\\u0000"), "\(arguments)")
        }
        #expect(outputs[["clean", page]]?.hasPrefix("The council met on Tuesday to vote") == true)
        #expect(outputs[["label", "--format", "json", page]]?.contains(#""warnings": ["3 NUL byte(s) removed"]"#) == true)
    }

    @Test func pageOverTheLimitNamesTheLimit() throws {
        let text = try file(Array(repeating: 0x61, count: 2000), "big.txt")
        let r = try run(["clean", "--rules", Repo.path("rules"), "--max-page-bytes", "1000", text])
        #expect(r.status == 1)
        #expect(r.err.contains("page too large (2000 bytes): the limit is 1000 bytes"))
    }

    /// A broken rule set: every problem on its own line of standard error, each with the
    /// `winnow:` prefix, the file, the line and the rule id; status 2 and nothing labelled.
    @Test func everyRuleProblemIsOneLineNamingFileLineAndRule() throws {
        let dir = try temporaryRuleDirectory(["bad.yml": """
            - id: bad.regex
              description: d
              pattern: '\\b(unclosed'
              scores: {article: 1}
            - id: bad.key
              description: d
              pattern: 'abc'
              scores: {article: 1}
              scorez: {article: 1}
            """])
        let r = try run(["label", "--rules", dir, try file(Array("The council met.\n".utf8), "page.txt")])
        #expect(r.status == 2 && r.out.isEmpty)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines == ["winnow: \(dir)/bad.yml:3: rule 'bad.regex': bad pattern: PCRE2 says missing closing parenthesis at offset 11 in '\\b(unclosed'",
                          "winnow: \(dir)/bad.yml:9: rule 'bad.key': rule: unknown key 'scorez' (did you mean 'scores'? allowed: ascii_copy, case_sensitive, description, examples, id, marks, pattern, scores, when)"])
    }

    /// `clean --output DIR` writes each page under its file name: two pages of one name from
    /// different directories are refused before anything is written (the second overwrote the first).
    @Test func cleanOutputRefusesTwoPagesOfOneName() throws {
        let a = try file(Array("The council met on Tuesday.\n".utf8), "page.txt")
        let b = try file(Array("The mayor spoke on Wednesday.\n".utf8), "page.txt")
        let out = NSTemporaryDirectory() + "winnow-cli-out-" + UUID().uuidString
        let r = try run(["clean", "--rules", Repo.path("rules"), "--output", out, a, b])
        #expect(r.status == 2)
        #expect(r.err.contains("--output: '\(a)' and '\(b)' would both be written to page.txt"))
        #expect(!FileManager.default.fileExists(atPath: out + "/page.txt"))
        let one = try run(["clean", "--rules", Repo.path("rules"), "--output", out, a])
        #expect(one.status == 0)
        #expect(FileManager.default.contents(atPath: out + "/page.txt") == Data("The council met on Tuesday.\n".utf8))
    }

    /// `clean --output DIR` into the pages' own directory is refused before anything is written:
    /// it replaced each page by its cleaned text, with status 0.
    @Test func cleanOutputRefusesToOverwriteTheInputPage() throws {
        let original = Data("Home | News | Sport\n\nThe council met on Tuesday to vote on the budget for the coming year.\n".utf8)
        let page = try file(Array(original), "page.txt")
        let dir = (page as NSString).deletingLastPathComponent
        for output in [dir, dir + "/./"] {
            let r = try run(["clean", "--rules", Repo.path("rules"), "--output", output, page])
            #expect(r.status == 2)
            #expect(r.err.contains("--output: '\(page)' would be overwritten by its own cleaned text"))
            #expect(FileManager.default.contents(atPath: page) == original)
        }
    }

    /// `clean --output DIR` with one page it cannot write (its name taken by a directory): the
    /// pages after it are still written, the failure names the page, the summary counts it and
    /// the status is 1. The first such page stopped the run, with the later pages unwritten.
    @Test(arguments: ["1", "2"])
    func cleanOutputWritesTheOtherPagesPastOneItCannotWrite(jobs: String) throws {
        let pages = try ["a.txt", "b.txt", "c.txt"].map { name in
            try file(Array("The council met on Tuesday to vote on the budget for the coming year (\(name)).\n".utf8), name)
        }
        let out = NSTemporaryDirectory() + "winnow-cli-out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: out + "/b.txt", withIntermediateDirectories: true)
        let r = try run(["clean", "--rules", Repo.path("rules"), "--jobs", jobs, "--output", out] + pages)
        #expect(r.status == 1)
        #expect(r.err.contains("\(pages[1]): cannot write \(out)/b.txt (Is a directory)"))
        #expect(r.err.contains("pages in 3, written 2 to \(out), failed 1 (0 unreadable, 1 not written)"))
        for name in ["a.txt", "c.txt"] {
            #expect(FileManager.default.contents(atPath: out + "/" + name)
                    == Data("The council met on Tuesday to vote on the budget for the coming year (\(name)).\n".utf8))
        }
    }

    /// Standard output that cannot be written (a full disk: /dev/full) is an error with status 1
    /// for every command, not a crash: FileHandle.write(_:) trapped ('try!'), status 132 and a
    /// backtrace, in clean, label, audit and moderate (batch output already said so).
    @Test(arguments: [["clean"], ["label", "--format", "json"], ["audit"], ["moderate"]])
    func anUnwritableOutputIsAnErrorNotACrash(command: [String]) throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let input = command[0] == "moderate"
            ? try file(Array("{\"id\": 1, \"text\": \"Great point about the harbour road.\"}\n".utf8), "c.jsonl")
            : try file(Array("The council met on Tuesday to vote on the budget for the coming year.\n".utf8), "page.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = command + ["--rules", Repo.path("rules"), input]
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(e)")
        #expect(e.contains("winnow: cannot write the output"))
        #expect(!e.contains("Fatal error"))
    }

    /// `label --format annotated|json` with batch input is a usage error: a directory's records
    /// came out as JSON Lines, the format silently ignored.
    @Test func labelFormatWithBatchInputIsAUsageError() throws {
        let page = try file(Array("The council met on Tuesday to vote on the budget for the coming year.\n".utf8), "page.txt")
        let dir = (page as NSString).deletingLastPathComponent
        let r = try run(["label", "--rules", Repo.path("rules"), "--format", "annotated", dir])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("--format is for pages; batch input"))
        let batch = try run(["label", "--rules", Repo.path("rules"), dir])
        #expect(batch.status == 0 && batch.out.hasPrefix("{\"record\": 1, \"id\": \"page.txt\""))
    }

    /// Several pages in the annotated format are each headed by their path (they ran together,
    /// with nothing to tell where one page ended); one page stays a fixture's exact format.
    @Test func annotatedPagesAreHeadedByTheirPathWhenThereAreSeveral() throws {
        let a = try file(Array("The council met on Tuesday to vote on the budget for the coming year.\n".utf8), "a.txt")
        let b = try file(Array("The mayor said the vote would come again in spring, after the audit.\n".utf8), "b.txt")
        let two = try run(["label", "--rules", Repo.path("rules"), "--format", "annotated", a, b])
        #expect(two.status == 0)
        let lines = two.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "==> \(a) <==" && lines.contains("==> \(b) <=="))
        let one = try run(["label", "--rules", Repo.path("rules"), "--format", "annotated", a])
        #expect(!one.out.contains("==>") && one.out.hasSuffix("The council met on Tuesday to vote on the budget for the coming year.\n"))
    }

    /// `clean a.txt b.txt` printed the two articles one after the other with nothing between
    /// them (the second page's headline read as the first page's last paragraph): with several
    /// pages each is headed by its path; one page is its article alone.
    @Test func cleanedPagesAreHeadedByTheirPathWhenThereAreSeveral() throws {
        let a = try file(Array("The council met on Tuesday to vote on the budget for the coming year.\n".utf8), "a.txt")
        let b = try file(Array("The mayor said the vote would come again in spring, after the audit.\n".utf8), "b.txt")
        let two = try run(["clean", "--rules", Repo.path("rules"), a, b])
        #expect(two.status == 0)
        #expect(two.out == "==> \(a) <==\nThe council met on Tuesday to vote on the budget for the coming year.\n"
            + "==> \(b) <==\nThe mayor said the vote would come again in spring, after the audit.\n")
        let one = try run(["clean", "--rules", Repo.path("rules"), a])
        #expect(one.out == "The council met on Tuesday to vote on the budget for the coming year.\n")
    }

    /// `--output-format` with page files is a usage error: `clean --output-format csv page.txt`
    /// printed the cleaned text, the CSV asked for silently not written.
    @Test(arguments: ["clean", "label"])
    func batchOutputFormatWithPagesIsAUsageError(command: String) throws {
        let page = try file(Array("The council met on Tuesday to vote on the budget for the coming year.\n".utf8), "page.txt")
        let r = try run([command, "--rules", Repo.path("rules"), "--output-format", "csv", page])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("--output-format is for batch input"))
        let dir = (page as NSString).deletingLastPathComponent
        let batch = try run([command, "--rules", Repo.path("rules"), "--output-format", "csv", dir])
        #expect(batch.status == 0 && batch.out.hasPrefix("id,"))
    }

    /// `label - -` read standard input twice, the second time as an empty page: `-` named twice
    /// is a usage error, before anything is read.
    @Test(arguments: ["clean", "label", "audit", "moderate"])
    func standardInputNamedTwiceIsAUsageError(command: String) throws {
        let r = try run([command, "--rules", Repo.path("rules"), "-", "-"])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("'-' (standard input) can be given only once"))
    }

    /// No page given: status 2, and the usage shown is the subcommand's, not the root's.
    @Test(arguments: ["clean", "label", "audit"])
    func noPageGivenShowsTheCommandsUsage(command: String) throws {
        let r = try run([command, "--rules", Repo.path("rules")])
        #expect(r.status == 2)
        #expect(r.err.contains("give at least one file, or '-' for standard input"))
        #expect(r.err.contains("Usage: winnow \(command) "))
    }

    /// A usage error found while the subcommand runs (here a bad --filter) shows that
    /// subcommand's usage too.
    @Test func aBadFilterShowsTheTestCommandsUsage() throws {
        let r = try run(["test", "--rules", Repo.path("rules"), "--filter", "("])
        #expect(r.status == 2)
        #expect(r.err.contains("Error: --filter: missing closing parenthesis at offset 1"))
        #expect(r.err.contains("Usage: winnow test "))
    }

    /// `audit --line N` past the page's end says so (status 1) instead of printing nothing.
    @Test func auditOfALinePastThePageEndSaysSo() throws {
        let page = try file(Array("The council met on Tuesday.\nIt voted.\n".utf8), "page.txt")
        let r = try run(["audit", "--rules", Repo.path("rules"), page, "--line", "2", "--line", "9"])
        #expect(r.status == 1)
        #expect(r.out.contains("line 2: "))
        #expect(r.err.contains("\(page): no line 9 (the page has 2 lines)"))
        #expect(try run(["audit", "--rules", Repo.path("rules"), page, "--line", "1"]).status == 0)
        // Line 0 is a usage error, not a line past the end; --line with --stats (which ignored it) too.
        let zero = try run(["audit", "--rules", Repo.path("rules"), page, "--line", "0"])
        #expect(zero.status == 2 && zero.err.contains("--line 0: lines are numbered from 1") && zero.out.isEmpty)
        let stats = try run(["audit", "--rules", Repo.path("rules"), page, "--stats", "--line", "1"])
        #expect(stats.status == 2 && stats.err.contains("--stats counts whole pages; drop --line"))
    }

    @Test func emptyPageWarns() throws {
        let r = try run(["clean", "--rules", Repo.path("rules"), try file([], "empty.txt")])
        #expect(r.status == 0)
        #expect(r.err.contains("warning: empty page: nothing to label"))
        #expect(r.out.isEmpty)
    }

    /// A saved HTML page given as a page's text came out of `clean` as nothing, status 0, with
    /// no word (session 27): it is still labelled, and a warning says what Winnow reads; so does
    /// a CSV record of scraped HTML. A page that opens with a "<" but no tag is plain text.
    @Test func anHTMLSourceFileWarnsThatWinnowReadsText() throws {
        let html = try file(Array(" \n<!DOCTYPE html>\n<html><body><p>The council met on Tuesday to vote on the bus plan.</p></body></html>\n".utf8), "saved.html")
        let r = try run(["clean", "--rules", Repo.path("rules"), html])
        #expect(r.status == 0)
        #expect(r.err.contains("saved.html: warning: looks like HTML or XML source (it opens with <!doctype), not a page's text"))
        let json = try run(["label", "--format", "json", "--rules", Repo.path("rules"), try file(Array("<HTML>\n<p>Hello</p>\n".utf8), "a.txt")])
        #expect(json.out.contains("looks like HTML or XML source (it opens with <html)"))
        let csv = try file(Array("id,content\n7,\"<div class=\"\"story\"\"><p>The council met.</p></div>\"\n".utf8), "pages.csv")
        #expect(try run(["clean", "--rules", Repo.path("rules"), "--csv", csv]).out.contains(#""warnings": ["looks like HTML or XML source (it opens with <div)"#))
        for page in ["<paragraph> is a word of the guide.\n", "<![endif]\nThe council met on Tuesday.\n",
                     "<A Man Called Ove> is a novel about a grumpy neighbour.\n", "<p to the council> and more.\n"] {
            // (A page with no article line has that warning since session 28: not this one.)
            #expect(try !run(["clean", "--rules", Repo.path("rules"), try file(Array(page.utf8), "b.txt")]).err.contains("HTML"))
        }
    }

    /// A compressed batch file (pages.csv.gz) was read as text: the CSV header's binary bytes
    /// were printed back as columns, each JSON line of a .jsonl.gz was an error record
    /// (session 27). It is refused before any record, saying what to run; so is a workbook.
    @Test func aCompressedOrWorkbookBatchFileIsRefusedSayingWhatToRun() throws {
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Array("pages.csv\0".utf8) + [0xE3, 0x02, 0x00]
        for (option, name) in [("--csv", "pages.csv.gz"), ("--jsonl", "pages.jsonl.gz")] {
            let path = try file(gzip, name)
            let r = try run(["clean", "--rules", Repo.path("rules"), option, path])
            #expect(r.status == 2 && r.out.isEmpty)
            #expect(r.err.contains("\(path) looks like a gzip archive, not text: decompress it into Winnow, gzip -dc \(path) | winnow … \(option) -"))
        }
        let workbook = try file([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "pages.xlsx")
        let r = try run(["audit", "--rules", Repo.path("rules"), "--csv", workbook, "--record", "1"])
        #expect(r.status == 2 && r.err.contains("looks like a ZIP archive, not text: a spreadsheet workbook (.xlsx) is one: save it as CSV (UTF-8) first"))
        // `moderate` reads its comment files another way: a .jsonl.gz was one error record per
        // stretch of binary bytes (session 27 review). The file is refused whole, the others read.
        let comments = try file(gzip, "comments.jsonl.gz")
        let plain = try file(Array(#"{"id": 1, "text": "Great piece on the harbour."}"#.utf8) + [0x0A], "comments.jsonl")
        let m = try run(["moderate", "--rules", Repo.path("rules"), comments, plain])
        #expect(m.status == 1 && m.out.split(separator: "\n").count == 1)
        #expect(m.err.contains("\(comments): looks like a gzip archive, not text: decompress it into Winnow, gzip -dc \(comments) | winnow moderate -"))
    }

    /// `bench --no-prefilter` means its prefilter-off runs only; asked together with
    /// `--prefilter-runs on` it is a usage error, not a silent choice of one.
    @Test func benchRefusesOppositePrefilterFlags() throws {
        let r = try run(["bench", "--no-prefilter", "--prefilter-runs", "on", NSTemporaryDirectory()])
        #expect(r.status == 2)
        #expect(r.err.contains("--no-prefilter and --prefilter-runs on ask for opposite runs"))
    }

    /// A directory with no .txt page printed a summary of zero records and exited 0: it is a
    /// usage error, as an empty fixture directory is for `winnow test`.
    @Test(arguments: ["clean", "label"])
    func aDirectoryWithNoPageIsAUsageError(command: String) throws {
        let dir = NSTemporaryDirectory() + "winnow-no-pages-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<p>not a page</p>".utf8).write(to: URL(fileURLWithPath: dir + "/sub/page.html"))
        let r = try run([command, "--rules", Repo.path("rules"), dir])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("'\(dir)' holds no .txt page"))
        #expect(r.err.contains("Usage: winnow \(command) "))
    }

    /// A CSV or JSON Lines file in UTF-16 is refused before any record, naming the encoding: read
    /// as UTF-8, its CSV header was refused with NUL bytes in the column names, and its JSON lines
    /// were each "not valid JSON" plus one record more for the NUL after the last line break.
    @Test(arguments: [("--csv", "id,content\r\n1,The council met on Tuesday.\r\n"), ("--jsonl", #"{"id": 1, "text": "The council met."}"# + "\n")])
    func aUTF16BatchFileIsRefusedNamingItsEncoding(option: String, text: String) throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { (u: UInt16) -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let path = try file(bytes, "records.txt")
        let r = try run(["clean", "--rules", Repo.path("rules"), option, path])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("\(path) is UTF-16 (little-endian byte-order mark); batch input is UTF-8"))
    }

    /// `--jobs` and `--max-page-bytes` state their default once: the help said "default: all
    /// cores" then "(default: 2)", this machine's cores, and "128 MiB by default" then
    /// "(default: 134217728)".
    @Test(arguments: ["clean", "label", "audit"])
    func eachOptionStatesItsDefaultOnce(command: String) throws {
        let help = try run([command, "--help"]).out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for option in command == "audit" ? ["--max-page-bytes <bytes>"] : ["--jobs <n>", "--max-page-bytes <bytes>"] {
            // (The last mention: the usage line may name the option first.)
            let start = try #require(help.range(of: option, options: .backwards), "\(command) --help lacks \(option)")
            let rest = help[start.upperBound...]
            let text = rest[..<(rest.range(of: " --")?.lowerBound ?? rest.endIndex)]
            #expect(text.components(separatedBy: "default").count == 2, "\(command) \(option): \(text)")
        }
    }

    /// A named pipe among a directory's pages is named and skipped by `audit DIR` (it waited for
    /// the pipe's writer for ever, session 29, gaps33); named on the command line one is read, as
    /// cat reads it. A writer comes after 5 s, so a wait fails the test rather than hangs it.
    @Test func auditNamesANamedPipeInADirectoryAndGoesOn() throws {
        let a = try file(Array("The council met on Tuesday.\n".utf8), "a.txt")
        let dir = (a as NSString).deletingLastPathComponent
        try #require(mkfifo(dir + "/b.txt", 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        let writer = Thread {
            usleep(5_000_000)
            let fd = open(dir + "/b.txt", O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        writer.start()
        let r = try run(["audit", "--rules", Repo.path("rules"), dir])
        #expect(r.status == 1)
        #expect(r.err.contains("winnow: \(dir)/b.txt: is a named pipe (FIFO), not a page file"))
        #expect(r.out.split(separator: "\n").filter { $0.hasPrefix("== ") } == ["== \(dir)/a.txt: 1 lines"])
    }

    /// Bench's directory, clean's --output and a CSV header over the record limit are named with
    /// what is wrong: they printed Foundation's error dumps ("NSCocoaErrorDomain Code=260 ... The
    /// file doesn't exist.", "Code=516 ... A file with the same name already exists."), rates of
    /// nan (--min-mb 0), or "the CSV header row is malformed: " and nothing after (session 29, gaps33).
    @Test func badDirectoriesAndHeadersAreNamed() throws {
        let page = try file(Array("The council met on Tuesday.\n".utf8), "a.txt")
        let dir = (page as NSString).deletingLastPathComponent
        let rules = Repo.path("rules")
        let missing = try run(["bench", "--rules", rules, dir + "/none"])
        #expect(missing.status == 1 && missing.err == "winnow: \(dir)/none: no such directory\n")
        let notDirectory = try run(["bench", "--rules", rules, page])
        #expect(notDirectory.status == 1 && notDirectory.err.hasPrefix("winnow: \(page): is a file; bench reads"))
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let empty = try run(["bench", "--rules", rules, dir + "/empty"])
        #expect(empty.status == 1 && empty.err == "winnow: \(dir)/empty holds no .txt page\n")
        #expect(try run(["bench", "--rules", rules, "--min-mb", "0", dir]).err.hasPrefix("Error: --min-mb is at least 1"))

        let onFile = try run(["clean", "--rules", rules, "--output", page, page])
        #expect(onFile.status == 2 && onFile.err.hasPrefix("Error: --output \(page): is a file; --output names a directory"))
        let under = try run(["clean", "--rules", rules, "--output", page + "/sub", page])
        #expect(under.status == 1 && under.err == "winnow: --output \(page)/sub: cannot make the directory (Not a directory)\n")

        let csv = try file(Array(repeating: UInt8(ascii: "a"), count: (1 << 20) + 10) + [0x0A], "one-line.csv")
        let header = try run(["clean", "--rules", rules, "--max-record-mb", "1", "--csv", csv])
        #expect(header.status == 2)
        #expect(header.err.hasPrefix("winnow: \(csv): the CSV header row is \((1 << 20) + 11) bytes, over the 1048576-byte record limit"))
        let emptyCSV = try file([], "empty.csv")
        #expect(try run(["clean", "--rules", rules, "--csv", emptyCSV]).err == "winnow: \(emptyCSV): the CSV file is empty (no header row)\n")
    }

    /// A page that cannot be opened says why: it said "cannot read file" (a page of mode 000 under
    /// `audit DIR`, session 29, gaps33). A socket stands in for it here, as the suite may run as
    /// root, which reads a file of mode 000; in a directory it is named for what it is.
    @Test func aPageThatCannotBeOpenedSaysWhy() throws {
        let page = try file(Array("The council met on Tuesday.\n".utf8), "a.txt")
        let path = (page as NSString).deletingLastPathComponent + "/s.txt"
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let name = Array(path.utf8)
        try #require(name.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind: \(String(cString: strerror(errno)))")
        let r = try run(["label", "--rules", Repo.path("rules"), path, page])
        #expect(r.status == 1)
        // The reason is the system's (ENXIO on Linux, EOPNOTSUPP on macOS).
        #expect(r.err.hasPrefix("winnow: \(path): cannot read ("), "\(r.err)")
        let audit = try run(["audit", "--rules", Repo.path("rules"), (page as NSString).deletingLastPathComponent])
        #expect(audit.status == 1 && audit.err.hasPrefix("winnow: \(path): is a socket, not a page file"))
    }

    /// A learned file that cannot be written is named with the reason: it said "cannot write"
    /// alone (session 29, gaps33).
    @Test func aTrainedFileThatCannotBeWrittenSaysWhy() throws {
        let page = try file(Array("The council met on Tuesday to vote on the harbour fees.\n".utf8), "a.txt")
        let r = try run(["train", "terms", "--rules", Repo.path("rules"), "-o", page + "/sub.tsv", page])
        #expect(r.status == 1)
        #expect(r.err.hasSuffix("winnow: \(page)/sub.tsv: cannot write (Not a directory)\n"), "\(r.err)")
    }
}
