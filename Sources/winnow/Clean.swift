import ArgumentParser
import Foundation
import Winnow

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print only the article lines of each page.",
        discussion: """
            Lines keep their order; blank lines between article paragraphs are kept so the \
            paragraph structure survives. With several pages on standard output, each page's \
            text starts with a line '==> PATH <==' (as head(1) does). With --output, each page \
            goes to DIR/<name> instead; for a directory or --files-from, to DIR/<its path> \
            (the directory's tree mirrored, a listed path as listed).

            Pages are labelled on --jobs threads, --jobs pages at a time, and printed in input order.

            Batch input: --csv, --jsonl or a directory of .txt pages (any case) gives one output record per \
            input record, in input order, on --jobs threads (docs/output.md, "Batch input and output").

            Examples:
              winnow clean page.txt > article.txt
              winnow clean --output cleaned/ pages/*.txt
              winnow clean --csv pages.csv --output-format csv > cleaned.csv
              winnow clean --jsonl pages.jsonl --jobs 2 > cleaned.jsonl
              winnow clean pages/ > cleaned.jsonl        (every .txt page below pages/)
              winnow clean --output cleaned/ pages/      (the same, a file per page)

            With --output, a page that cannot be written (its name taken by a directory, a \
            read-only directory) is reported on standard error and the others are still written; \
            a last line on standard error counts the pages in, written and failed.

            Exit status: 0 success; 1 when a page could not be read (binary, too large, missing: \
            the others are still cleaned) or written (--output), or a batch record failed (it \
            still has its output record, with an error); 2 bad usage or bad rules.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup(title: "Batch input") var batch: BatchOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write one cleaned file per page into this directory: under the page's file name (two pages of one name are refused), or, for a directory or --files-from, under its path.", valueName: "dir"))
    var output: String?

    /// The file name a page gets under `--output`.
    static func outputName(_ source: String) -> String {
        source == "-" ? "stdin.txt" : (source as NSString).lastPathComponent
    }

    /// Whether two paths name one existing file (same device and inode: symbolic links, `./`
    /// and hard links included).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Makes the --output directory (and its parents). An existing file of that name, or a
    /// directory that cannot be made, printed Foundation's error dump ("NSCocoaErrorDomain
    /// Code=516 ... A file with the same name already exists.", session 29, gaps33).
    static func makeOutputDirectory(_ output: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw ValidationError("--output \(output): is a file; --output names a directory to write the cleaned pages into")
        }
        if let failure = makeDirectories(output) {
            Console.error("--output \(output): cannot make the directory (\(String(cString: strerror(failure))))")
            throw ExitCode(1)
        }
    }

    /// `mkdir -p`: nil when `path` is a directory at the end, else the errno that stopped it
    /// (Foundation's createDirectory gave "NSCocoaErrorDomain error 512" for a path under a file).
    static func makeDirectories(_ path: String) -> Int32? {
        if mkdir(path, 0o777) == 0 { return nil }
        let failure = errno
        var isDirectory: ObjCBool = false
        if failure == EEXIST { return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? nil : ENOTDIR }
        guard failure == ENOENT else { return failure }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { return failure }
        if let above = makeDirectories(parent) { return above }
        return mkdir(path, 0o777) == 0 ? nil : errno
    }

    func run() throws {
        if batch.isBatch(input) {
            if let output {
                // A directory or a list of paths is pages: each gets its file, as page arguments
                // do (`--output` was refused, so a corpus too large for a glob could not be
                // cleaned into files). CSV and JSON Lines records have no file name.
                if batch.records.file != nil { throw ValidationError("--output writes page files; --csv and --jsonl records go to standard output (--output-format jsonl or csv)") }
                if batch.outputFormat != nil { throw ValidationError("--output writes each page's cleaned text as a file; drop --output-format") }
                try Clean.makeOutputDirectory(output)
                return try batch.run(task: .clean, input: input, rules: try ruleOptions.load(), pageFiles: CleanedPageFiles(directory: output))
            }
            return try batch.run(task: .clean, input: input, rules: try ruleOptions.load())
        }
        try batch.refuseBatchOutputForPages()
        if let output {
            // Each page is written under its file name: two pages of one name would overwrite.
            var seen: [String: String] = [:]
            for path in input.files {
                let name = Clean.outputName(path)
                if let first = seen[name] {
                    throw ValidationError("--output: '\(first)' and '\(path)' would both be written to \(name); clean them into separate directories")
                }
                seen[name] = path
                // `clean --output pages/ pages/*.txt` would replace each page by its cleaned text.
                let target = (output as NSString).appendingPathComponent(name)
                if path != "-", Clean.sameFile(path, target) {
                    throw ValidationError("--output: '\(path)' would be overwritten by its own cleaned text; write into another directory")
                }
            }
        }
        let rules = try ruleOptions.load()
        if let output { try Clean.makeOutputDirectory(output) }
        // Cleaned text has no header of its own: several pages' articles would run together.
        let namePages = output == nil && input.files.count > 1
        var written = 0, unwritten = 0, noArticle = 0
        let unreadable = try input.labelledPages(rules: rules, jobs: batch.jobs, command: "clean") { result in
            for w in result.warnings { Console.error("\(result.source): warning: \(w)") }
            if result.lacksArticle { noArticle += 1 }
            if let output {
                let text = CleanText.render(result)
                // A page that cannot be written (its name taken by a directory, a read-only
                // directory) is reported and counted; the other pages are still written.
                let path = (output as NSString).appendingPathComponent(Clean.outputName(result.source))
                if let reason = Clean.write(text, to: path) {
                    Console.error("\(result.source): cannot write \(path) (\(reason))")
                    unwritten += 1
                } else {
                    written += 1
                }
            } else {
                if namePages { Console.out("==> \(result.source) <==\n") }
                // Written a piece at a time through a 64 KB buffer, a long line straight from
                // the page: not copied into one string of the whole text first.
                var buffer = Data()
                CleanText.write(result) { piece in
                    if piece.utf8.count >= 1 << 16 {
                        if !buffer.isEmpty { Console.out(buffer); buffer.removeAll(keepingCapacity: true) }
                        Console.out(piece)
                    } else {
                        buffer.append(contentsOf: piece.utf8)
                        if buffer.count >= 1 << 16 { Console.out(buffer); buffer.removeAll(keepingCapacity: true) }
                    }
                }
                if !buffer.isEmpty { Console.out(buffer) }
            }
        }
        if let output {
            Console.error("pages in \(input.files.count), written \(written) to \(output), failed \(unreadable + unwritten)"
                          + (unreadable + unwritten > 0 ? " (\(unreadable) unreadable, \(unwritten) not written)" : "")
                          + (noArticle > 0 ? ", \(noArticle) with no article line (their cleaned text empty)" : ""))
        }
        if unreadable + unwritten > 0 { throw ExitCode(1) }
    }

    /// Writes one cleaned page (through a temporary file renamed over `path`, so a page is never
    /// half written); returns why it could not, or nil.
    static func write(_ text: String, to path: String) -> String? {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            let e = error as NSError
            if let underlying = e.userInfo[NSUnderlyingErrorKey] as? any Error {
                let posix = underlying as NSError
                if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
            }
            return e.localizedDescription
        }
    }
}

/// `clean --output DIR` over a directory of pages or `--files-from`: each record's cleaned text
/// is written to DIR under the page's path (relative to the directory; as listed, less a leading
/// `/`), subdirectories made as needed, through a temporary file renamed over it.
final class CleanedPageFiles {
    let directory: String
    /// The input directory when the pages come from one (ids are relative to it).
    var directorySource: String?
    private(set) var written = 0, unwritten = 0, unreadable = 0

    init(directory: String) { self.directory = directory }

    /// Where a page's text goes under DIR, or nil when its path climbs out of it (`..`).
    static func relativeTarget(_ path: String) -> String? {
        let parts = path.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        return parts.joined(separator: "/")
    }

    func write(_ result: BatchResult) {
        guard case .string(let id) = result.record.id else { return }
        for w in result.warnings { Console.error("\(id): warning: \(w)") }
        if let error = result.error {
            Console.error(error.hasPrefix(id) ? error : "\(id): \(error)")
            unreadable += 1
            return
        }
        let source = directorySource.map { ($0 as NSString).appendingPathComponent(id) } ?? id
        guard let relative = Self.relativeTarget(id) else {
            Console.error("\(id): not written: its path leaves \(directory) ('..'); list it from a directory above it")
            unwritten += 1
            return
        }
        let path = (directory as NSString).appendingPathComponent(relative)
        if Clean.sameFile(source, path) {
            Console.error("\(id): not written: \(path) is the page itself; write into another directory")
            unwritten += 1
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        if let reason = Clean.write(result.cleaned ?? "", to: path) {
            Console.error("\(id): cannot write \(path) (\(reason))")
            unwritten += 1
        } else {
            written += 1
        }
    }

    /// The last line, as page arguments' `--output` prints it.
    func summary(_ stats: BatchStats) -> String {
        "pages in \(stats.recordsIn), written \(written) to \(directory), failed \(unreadable + unwritten)"
            + (unreadable + unwritten > 0 ? " (\(unreadable) unreadable, \(unwritten) not written)" : "")
            + (stats.noArticle > 0 ? ", \(stats.noArticle) with no article line (their cleaned text empty)" : "")
    }
}
