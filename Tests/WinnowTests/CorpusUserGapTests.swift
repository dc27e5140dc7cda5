import Foundation
import Testing
@testable import Winnow

/// What a user cleaning a corpus hit in session 22 (gaps26): a record of a CSV or JSON Lines
/// file could not be audited without cutting it out first, several directories were each "is a
/// directory", a CSV header naming the text column twice was read without a word, and output
/// that could not be written was reported as "NSCocoaErrorDomain error 512" (pages) or only
/// after every record had been labelled (batch).
@Suite struct CorpusUserGapTests {
    func file(_ text: String, _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "winnow-gaps26-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let csv = "id,title,content\n"
        + "141,Library,\"\(articleLine)\nShare this:\"\n"
        + "142,Budget,\"The mayor said the new hours would start in March, after the budget vote.\"\n"
        + "143,Empty,\n"

    /// `audit --csv FILE --id X` audits that record's text as `clean --csv` labels it, `--record N`
    /// by place; an id or place that names no record is reported (status 1).
    @Test func auditReadsARecordOfACSVFileByIdOrPlace() throws {
        let csv = try file(Self.csv, "pages.csv")
        let rules = ["--rules", Repo.path("rules")]
        let byID = try CLI.run(["audit"] + rules + ["--csv", csv, "--id", "141", "--line", "2"])
        #expect(byID.status == 0, "\(byID.err)")
        #expect(byID.out.hasPrefix("== \(csv) record 1 (id 141): 2 lines\n"))
        #expect(byID.out.contains("line 2: boilerplate.share"))
        let byPlace = try CLI.run(["audit"] + rules + ["--csv", csv, "--record", "2", "--format", "json"])
        #expect(byPlace.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(byPlace.out.utf8)) as? [String: Any])
        #expect(object["source"] as? String == "\(csv) record 2 (id 142)")
        // The labels are those of `clean --csv`: line 1 of record 1 is the cleaned text.
        let cleaned = try CLI.run(["clean"] + rules + ["--csv", csv])
        #expect(try jsonObjects(cleaned.out).first?["text"] as? String == articleLine + "\n")
        let missing = try CLI.run(["audit"] + rules + ["--csv", csv, "--id", "999", "--record", "7"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("\(csv): no record 7 (the file has 3 records)"))
        #expect(missing.err.contains("\(csv): no record with id '999'"))
        let stats = try CLI.run(["audit", "--stats"] + rules + ["--csv", csv])
        #expect(stats.status == 0 && stats.out.hasPrefix("3 pages, 3 non-blank lines"), "\(stats.out.prefix(80))")
    }

    @Test func auditReadsARecordOfAJSONLinesFileByANumberId() throws {
        let jsonl = try file("{\"id\": 7, \"body\": \"\(articleLine)\"}\n{\"id\": 8, \"body\": \"Share this:\"}\n", "pages.jsonl")
        let r = try CLI.run(["audit", "--rules", Repo.path("rules"), "--jsonl", jsonl, "--text-field", "body", "--id", "8"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("== \(jsonl) record 2 (id 8): 1 lines\n"))
    }

    @Test func recordAndIdWithoutARecordFileAreUsageErrors() throws {
        let page = try file(articleLine + "\n", "page.txt")
        let r = try CLI.run(["audit", "--rules", Repo.path("rules"), page, "--record", "1"])
        #expect(r.status == 2 && r.err.contains("--record and --id pick records of a --csv or --jsonl file"))
        let both = try CLI.run(["audit", "--rules", Repo.path("rules"), page, "--csv", page])
        #expect(both.status == 2 && both.err.contains("don't give page files or --files-from as well"))
    }

    /// `clean news/ web/` said "news: is a directory" for each and exited 1, where `clean news/` is
    /// a batch of its pages: now a usage error that says how to read several.
    @Test(arguments: ["clean", "label"]) func aDirectoryAmongOtherInputsIsAUsageError(command: String) throws {
        let page = try file(articleLine + "\n", "a.txt")
        let dir = (page as NSString).deletingLastPathComponent
        let r = try CLI.run([command, "--rules", Repo.path("rules"), dir, page])
        #expect(r.status == 2)
        #expect(r.err.contains("'\(dir)' is a directory: a directory is batch input only when it is the only input"))
        #expect(r.err.contains("find \(dir) -name '*.txt' | winnow \(command) --files-from -"))
        #expect(r.out.isEmpty)
    }

    /// A header naming the text column twice: the first was read without a word (Python's
    /// DictReader reads the last).
    @Test func aCSVHeaderNamingTheSelectedColumnTwiceIsRefused() throws {
        #expect(throws: CSVSource.HeaderError.self) { _ = try csvSource("id,content,content\n1,a,b\n") }
        do {
            _ = try csvSource("id,content,content\n1,a,b\n")
        } catch {
            #expect("\(error)" == "the CSV header names 'content' 2 times (columns 2, 3): --column cannot tell which holds it; rename all but one in the header")
        }
        #expect(throws: CSVSource.HeaderError.self) {
            _ = try CSVSource(input: ByteReader(path: temporaryFile(Array("key,content,key\n1,a,b\n".utf8), suffix: ".csv")),
                              textColumn: "content", idColumn: "key", maxRecordBytes: 1 << 20)
        }
        // A repeated column that is not selected is passed through as before.
        let source = try csvSource("id,content,note,note\n1,\(articleLine),x,y\n")
        let (stats, _) = try runBatch(source)
        #expect(stats.recordsOut == 1 && stats.failed == 0)
    }

    /// Output to a descriptor that cannot be written: the batch stops reading there (it labelled
    /// every record of the input first), and the sink says why.
    @Test func aBatchStopsReadingWhenItsOutputCannotBeWritten() throws {
        final class Endless: BatchSource {
            var produced = 0
            let bytesRead = 0
            let totalBytes: Int? = nil
            let text = Array(String(repeating: articleLine + "\n", count: 400).utf8)
            func next() -> BatchRecord? {
                guard produced < 400 else { return nil }
                produced += 1
                return BatchRecord(number: produced, id: .int(produced), text: text, size: 1 << 20)
            }
        }
        let path = try temporaryFile([], suffix: ".out")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let source = Endless()
        let writer = BatchWriter(format: .jsonl, task: .clean, sink: OutputSink(fileDescriptor: fd))
        let stats = BatchRun.run(source: source, task: .clean, rules: Repo.rules, writer: writer, jobs: 2)
        #expect(stats.outputFailed)
        #expect(source.produced < 100, "\(source.produced) records read after the output failed")
        #expect(writer.sink.failureReason == String(cString: strerror(EBADF)))
    }

    /// Page output that cannot be written names the system's reason (it said "The operation could
    /// not be completed. (NSCocoaErrorDomain error 512.)" for a closed pipe with SIGPIPE ignored).
    @Test func pageOutputThatCannotBeWrittenSaysWhy() throws {
        let page = try file(articleLine + "\n", "a.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["clean", "--rules", Repo.path("rules"), page]
        process.standardOutput = try FileHandle(forReadingFrom: URL(fileURLWithPath: page))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(e.contains("winnow: cannot write the output (\(String(cString: strerror(EBADF))))"), "\(e)")
    }

    /// A tab-separated file was refused with "needs its separators made commas first", which a
    /// file with quoted fields makes no one-line job: `--delimiter tab` reads it (quotes as RFC
    /// 4180 has them) and CSV output writes with the same delimiter.
    @Test func aTabSeparatedFileIsReadWithDelimiterTab() throws {
        let tsv = try file("id\tcontent\n1\t\"\(articleLine)\tstill the story\"\n", "pages.tsv")
        let rules = ["--rules", Repo.path("rules")]
        let refused = try CLI.run(["clean"] + rules + ["--csv", tsv])
        #expect(refused.status == 2 && refused.err.contains("a file separated by tab is read with --delimiter tab"), "\(refused.err)")
        let read = try CLI.run(["clean"] + rules + ["--csv", tsv, "--delimiter", "tab"])
        #expect(read.status == 0, "\(read.err)")
        #expect(try jsonObjects(read.out).first?["text"] as? String == articleLine + "\tstill the story\n")
        let csv = try CLI.run(["clean"] + rules + ["--csv", tsv, "--delimiter", "tab", "--output-format", "csv"])
        #expect(csv.out.hasPrefix("id\tcontent\tcleaned_text\tline_count\twarnings\terror\n1\t\"\(articleLine)\tstill the story\"\t"))
        let semicolon = try file("id;content\n1;\(articleLine)\n", "pages.csv")
        let s = try CLI.run(["clean"] + rules + ["--csv", semicolon, "--delimiter", ";"])
        let first = try jsonObjects(s.out).first
        #expect(s.status == 0 && first?["id"] as? String == "1")
        let jsonl = try CLI.run(["clean"] + rules + ["--jsonl", semicolon, "--delimiter", ";"])
        #expect(jsonl.status == 2 && jsonl.err.contains("--delimiter is for --csv"))
        let bad = try CLI.run(["clean"] + rules + ["--csv", semicolon, "--delimiter", "ab"])
        #expect(bad.status == 2 && bad.err.contains("give one ASCII character other than a quote or a line break, or 'tab'"))
    }

    /// A rule directory without config.yml said "DIR/config.yml:0: missing config.yml (thresholds
    /// and priors)": no line 0, and not what to do.
    @Test func aRuleDirectoryWithoutConfigSaysWhatToDo() throws {
        let dir = try temporaryRuleDirectory(["mine.yml": "- id: mine.x\n  description: x\n  pattern: 'x'\n  scores: {article: 1}\n"], config: nil)
        let errors = loadErrors(directory: dir)
        #expect(errors.map(\.description) == ["\(dir)/config.yml: missing config.yml (thresholds and priors): a rule directory needs one beside its rule files; copy the bundled rules/config.yml there"])
    }

    /// `clean --output DIR` over a directory or `--files-from` was refused ("batch output goes to
    /// standard output"), so a corpus too large for a glob could not be cleaned into files: each
    /// page is now written under DIR at its path (the directory's tree mirrored; a listed path as
    /// listed), and a page that cannot be read or written is named and counted.
    @Test func cleanOutputWritesAFileForEachPageOfADirectoryOrAList() throws {
        let page = try file(articleLine + "\nShare this:\n", "a.txt")
        let dir = (page as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try Data("The mayor said the new hours would start in March, after the budget vote.\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/sub/b.txt"))
        let out = dir + "-cleaned"
        let rules = ["--rules", Repo.path("rules")]
        let r = try CLI.run(["clean"] + rules + ["--output", out, dir])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == articleLine + "\n")
        #expect(try String(contentsOfFile: out + "/sub/b.txt", encoding: .utf8).hasPrefix("The mayor said"))
        #expect(r.err.contains("pages in 2, written 2 to \(out), failed 0"))
        // A list: paths as listed, one missing, one climbing out of the output directory.
        let list = try file("\(dir)/a.txt\n\(dir)/missing.txt\n\(dir)/sub/../a.txt\n", "list")
        let out2 = dir + "-listed"
        let l = try CLI.run(["clean"] + rules + ["--output", out2, "--files-from", list])
        #expect(l.status == 1)
        #expect(FileManager.default.fileExists(atPath: out2 + dir + "/a.txt"))
        #expect(l.err.contains("\(dir)/missing.txt: cannot read (No such file or directory)"))
        #expect(l.err.contains("\(dir)/sub/../a.txt: not written: its path leaves \(out2) ('..')"))
        #expect(l.err.contains("pages in 3, written 1 to \(out2), failed 2 (1 unreadable, 1 not written)"))
        // Records of a CSV file have no file name.
        let csv = try file(Self.csv, "pages.csv")
        let c = try CLI.run(["clean"] + rules + ["--output", out, "--csv", csv])
        #expect(c.status == 2 && c.err.contains("--csv and --jsonl records go to standard output"))
    }

    /// A gold set labelled "spam" scored 0.000 everywhere with no word of why, and a file of no
    /// usable comment printed an empty table with status 0 when `--only` kept none.
    @Test func evalWarnsOfGoldLabelsItCannotScoreAndOfNothingToScore() throws {
        let labelled = try file("{\"text\": \"Check out my channel for free gift cards\", \"label\": \"spam\", \"video\": \"a\"}\n", "gold.jsonl")
        let rules = ["--rules", Repo.path("rules")]
        let r = try CLI.run(["eval"] + rules + [labelled])
        #expect(r.status == 0)
        #expect(r.err.contains("warning: gold label 'spam' (1 comment) is none of the labels scored"))
        let none = try CLI.run(["eval"] + rules + ["--only", "video=b", labelled])
        #expect(none.status == 1 && none.err.contains("no labelled comment to score (--only kept none)"))
        #expect(!none.out.contains("confusion"))
    }

    /// A dropped paragraph of a record had to be found by its line number, which a record's text
    /// does not show: `--text` picks the lines holding it, upper or lower case alike.
    @Test func auditTextPicksTheLinesHoldingIt() throws {
        let csv = try file(Self.csv, "pages.csv")
        let rules = ["--rules", Repo.path("rules")]
        let r = try CLI.run(["audit"] + rules + ["--csv", csv, "--id", "141", "--text", "SHARE THIS"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("line 2: boilerplate.share") && !r.out.contains("line 1:"))
        let none = try CLI.run(["audit"] + rules + ["--csv", csv, "--id", "142", "--text", "harbour"])
        #expect(none.status == 1 && none.err.contains("record 2 (id 142): no line holds 'harbour'"))
        let stats = try CLI.run(["audit", "--stats"] + rules + ["--csv", csv, "--text", "x"])
        #expect(stats.status == 2)
    }

    /// Over a directory, `--text` showed every page: a bare header for each page without the
    /// text, each named on standard error ("no line holds"), status 1 (457 headers and 424 such
    /// lines for one phrase on the news pages). Now a page shows only when a line is selected,
    /// and a --text or --rule that selects nothing anywhere is named once. `--rule ID` selects
    /// the lines where a rule fired, or where a step removed its hit (session 24, gaps28).
    @Test func auditSelectsLinesAcrossADirectoryByTextOrRule() throws {
        let share = try file(articleLine + "\n\nShare this:\n", "a.txt")
        let dir = (share as NSString).deletingLastPathComponent
        try Data((articleLine + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        let rules = ["--rules", Repo.path("rules")]
        let text = try CLI.run(["audit"] + rules + [dir, "--text", "SHARE THIS"])
        #expect(text.status == 0 && text.err.isEmpty, "\(text.err)")
        #expect(text.out.hasPrefix("== \(dir)/a.txt: 3 lines\n") && text.out.contains("line 3: boilerplate.share"))
        #expect(!text.out.contains("b.txt") && !text.out.contains("line 1:"))
        let rule = try CLI.run(["audit"] + rules + [dir, "--rule", "share.prompt", "--format", "json"])
        #expect(rule.status == 0, "\(rule.err)")
        let objects = try jsonObjects(rule.out)
        #expect(objects.count == 1 && (objects.first?["lines"] as? [[String: Any]])?.map { $0["line"] as? Int } == [3])
        // A hit a step removed counts: the story line's `walk.section` note names the rule.
        let removed = try CLI.run(["audit"] + rules + [dir + "/b.txt", "--rule", "comments.main-prose-after-mark"])
        #expect(removed.status == 0 && removed.out.contains("line 1: article"), "\(removed.err)")
        let none = try CLI.run(["audit"] + rules + [dir, "--text", "harbour festival", "--rule", "donation.appeal"])
        #expect(none.status == 1 && none.out.isEmpty)
        #expect(none.err.contains("winnow: no line of the 2 pages holds 'harbour festival'"))
        #expect(none.err.contains("winnow: rule 'donation.appeal' fired on no line of the 2 pages"))
        let one = try CLI.run(["audit"] + rules + [share, "--rule", "donation.appeal"])
        #expect(one.status == 1 && one.err.contains("winnow: \(share): rule 'donation.appeal' fired on no line"))
        let typo = try CLI.run(["audit"] + rules + [dir, "--rule", "share.promt"])
        #expect(typo.status == 2 && typo.err.contains("--rule 'share.promt': no rule or engine step has this id (did you mean 'share.prompt'?)"))
        let stats = try CLI.run(["audit", "--stats"] + rules + [dir, "--rule", "share.prompt"])
        #expect(stats.status == 2)
    }

    /// `find -print0` lists paths ended by NUL bytes: `audit --files-from` read such a list as one
    /// path that open(2) cut at its first NUL (one page of five, no word), batch input as one
    /// path "holding no NUL byte". `--null` reads it, names with a line break too (session 24, gaps28).
    @Test func filesFromReadsAListOfPathsEndedByNULBytesWithNull() throws {
        let a = try file(articleLine + "\n", "a.txt")
        let dir = (a as NSString).deletingLastPathComponent
        let odd = dir + "/two\nlines.txt"
        try Data("Share this:\n".utf8).write(to: URL(fileURLWithPath: odd))
        let list = dir + "/list"
        try Data((a + "\0" + odd + "\0").utf8).write(to: URL(fileURLWithPath: list))
        let rules = ["--rules", Repo.path("rules")]
        let clean = try CLI.run(["clean"] + rules + ["--files-from", list, "--null"])
        #expect(clean.status == 0, "\(clean.err)")
        let records = try jsonObjects(clean.out)
        #expect(records.map { $0["id"] as? String } == [a, odd])
        #expect(records.first?["text"] as? String == articleLine + "\n" && records.last?["text"] as? String == "")
        let stats = try CLI.run(["audit", "--stats"] + rules + ["--files-from", list, "--null"])
        #expect(stats.status == 0 && stats.out.hasPrefix("2 pages, 2 non-blank lines"), "\(stats.out.prefix(60))")
        let unread = try CLI.run(["audit", "--stats"] + rules + ["--files-from", list])
        #expect(unread.status == 2 && unread.err.contains("line 1 holds a NUL byte, which no path holds: a list of paths ended by NUL bytes (find -print0) is read with --null"))
        let batch = try CLI.run(["clean"] + rules + ["--files-from", list])
        #expect(batch.status == 1 && batch.out.contains("is read with --null"))
        let alone = try CLI.run(["clean"] + rules + [a, "--null"])
        #expect(alone.status == 2 && alone.err.contains("--null reads the --files-from list"))
    }

    /// Cleaning a file an earlier run wrote (its header has `cleaned_text` ... `error`) gave CSV
    /// output with those columns twice, which CSV readers merge or rename (session 23, gaps27):
    /// now a usage error before any record; JSON Lines output and other columns are unaffected.
    @Test func csvOutputRefusesAnInputColumnNamedAsAResultColumn() throws {
        let csv = try file("id,content,cleaned_text,error\n1,\"\(articleLine)\",old,\n", "cleaned.csv")
        let rules = ["--rules", Repo.path("rules")]
        let r = try CLI.run(["clean"] + rules + ["--csv", csv, "--output-format", "csv"])
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("the CSV header already has the column(s) 'cleaned_text', 'error' that --output-format csv adds"))
        let label = try CLI.run(["label"] + rules + ["--csv", csv, "--output-format", "csv"])
        #expect(label.status == 2 && label.err.contains("the column(s) 'error' that"))
        let jsonl = try CLI.run(["clean"] + rules + ["--csv", csv])
        #expect(try jsonl.status == 0 && jsonObjects(jsonl.out).count == 1)
        let plain = try CLI.run(["clean"] + rules + ["--csv", try file(Self.csv, "pages.csv"), "--output-format", "csv"])
        #expect(plain.status == 0 && plain.out.hasPrefix("id,title,content,cleaned_text,line_count,warnings,error\n"))
    }
}

/// What session 27's reviews left (session 28, gaps32): a run of lines for `audit --line`, and a
/// corpus user told which records came out with no article line.
extension CorpusUserGapTests {
    static let menu = ["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy", "Terms of use", "Cookie settings", "Sign in"]

    /// `--line 2-3` was refused by the parser ("The value '2-3' is invalid"); a span past the
    /// page's end is clipped, one that starts past it is named (status 1), a reversed one refused.
    @Test func auditShowsASpanOfLines() throws {
        let page = try file(Self.menu.joined(separator: "\n") + "\n", "menu.txt")
        let rules = ["--rules", Repo.path("rules")]
        let span = try CLI.run(["audit"] + rules + [page, "--line", "2-3"])
        #expect(span.status == 0, "\(span.err)")
        #expect(span.out.contains("\nline 2: ") && span.out.contains("\nline 3: "))
        #expect(!span.out.contains("\nline 1: ") && !span.out.contains("\nline 4: "))
        let clipped = try CLI.run(["audit"] + rules + [page, "--line", "8-20"])
        #expect(clipped.status == 0 && clipped.out.contains("\nline 9: ") && clipped.err.isEmpty, "\(clipped.err)")
        let past = try CLI.run(["audit"] + rules + [page, "--line", "12-20"])
        #expect(past.status == 1 && past.err.contains("no line 12 (the page has 9 lines)"))
        #expect(try CLI.run(["audit"] + rules + [page, "--line", "5-3"]).status != 0)
        #expect(try CLI.run(["audit"] + rules + [page, "--line", "0-3"]).err.contains("--line 0-3: lines are numbered from 1"))
    }

    /// A record or page with no article line came out empty with no word said: the record has a
    /// warning and the summary counts such records; a page argument warns on standard error.
    @Test func recordsWithNoArticleLineAreWarnedAboutAndCounted() throws {
        let csv = try file("id,content\n1,\"\(articleLine)\"\n2,\"\(Self.menu.joined(separator: "\n"))\"\n", "pages.csv")
        let rules = ["--rules", Repo.path("rules")]
        let batch = try CLI.run(["clean"] + rules + ["--csv", csv])
        #expect(batch.status == 0)
        #expect(batch.err.contains("failed 0, warnings 1 (1 with no article line), elapsed"), "\(batch.err)")
        #expect(try jsonObjects(batch.out)[1]["warnings"] as? [String] == [PageResult.noArticleWarning])
        let page = try file(Self.menu.joined(separator: "\n") + "\n", "menu.txt")
        let clean = try CLI.run(["clean"] + rules + [page])
        #expect(clean.status == 0 && clean.out.isEmpty && clean.err == "winnow: \(page): warning: \(PageResult.noArticleWarning)\n", "\(clean.err)")
    }
}
