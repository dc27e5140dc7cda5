import ArgumentParser
import Foundation
import Winnow

/// `--format text|json`, for the commands whose output is a report or one JSON object.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--rules DIR`: which rule set to use.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Directory of YAML rule files and their config.yml (default: the bundled rules).",
        valueName: "dir"))
    var rules: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Run every pattern in PCRE2 on every line, without the literal prefilter that skips patterns whose required words are absent. Same results, slower; for comparison (docs/performance.md)."))
    var noPrefilter = false

    /// Loads the rules, or prints every problem and exits with status 2.
    func load() throws -> RuleSet {
        do {
            let set: RuleSet
            if let rules { set = try RuleLoader.load(directory: rules) } else { set = try RuleSet.bundled() }
            return noPrefilter ? set.withoutPrefilter() : set
        } catch {
            // One problem a line, each with the `winnow:` prefix.
            for line in error.description.split(separator: "\n") { Console.error(String(line)) }
            throw ExitCode(2)
        }
    }
}

/// `-` named twice read standard input twice, the second time as an empty page.
func refuseStandardInputTwice(_ files: [String]) throws {
    if files.filter({ $0 == "-" }).count > 1 {
        throw ValidationError("'-' (standard input) can be given only once")
    }
}

/// The pages to read: paths, or `-` for standard input.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Pages to read (plain text, one paragraph per line); '-' reads standard input (give it once).",
                                 valueName: "file"))
    var given: [String] = []

    @Option(name: .customLong("files-from"), help: ArgumentHelp(
        "Read the page paths from this file, one a line ('-': standard input), streamed: for a corpus too long for the command line. clean and label write one batch record per path (a path that cannot be read is a record with an error).",
        valueName: "list"))
    var filesFrom: String?

    @Flag(name: .customLong("null"), help: ArgumentHelp(
        "With --files-from: the paths end at NUL bytes, not line breaks (find -print0, as tar's --null and xargs -0 read them)."))
    var nulSeparated = false

    /// The page paths given on the command line: those ArgumentParser parsed and those `main`
    /// set aside before parsing (`PathArguments`: a long run of paths parsed one by one took
    /// time growing with the square of their number).
    var files: [String] { PathArguments.leading + given + PathArguments.trailing }

    // Optional, so that the help states the default once: "(128 MiB by default)" was followed
    // by "(default: 134217728)".
    @Option(name: .customLong("max-page-bytes"), help: ArgumentHelp(
        "Refuse a page larger than this many bytes, before reading it (default: 134217728, 128 MiB).",
        valueName: "bytes"))
    var maxPageBytesGiven: Int?

    /// `--max-page-bytes`, or `PageReader.defaultMaxBytes`.
    var maxPageBytes: Int { maxPageBytesGiven ?? PageReader.defaultMaxBytes }

    func validate() throws {
        if maxPageBytes < 1 { throw ValidationError("--max-page-bytes must be at least 1") }
        if filesFrom != nil && !files.isEmpty { throw ValidationError("give page paths or --files-from, not both") }
        if nulSeparated && filesFrom == nil { throw ValidationError("--null reads the --files-from list; give --files-from LIST") }
        try refuseStandardInputTwice(files)
    }

    /// The paths listed in `--files-from`, a line at a time (blank lines skipped; a line is a
    /// path as it stands, so `-` is a file named `-`); nil without the option.
    func listedPaths() throws -> AnyIterator<String>? {
        guard let filesFrom else { return nil }
        let stream: LineStream
        do { stream = try LineStream(path: filesFrom, nulSeparated: nulSeparated) } catch {
            throw ValidationError("--files-from \(filesFrom): cannot read (\(error.message))")
        }
        return AnyIterator {
            while let line = stream.next() {
                guard !line.isEmpty else { continue }
                // A path holds no NUL byte: a `find -print0` list read a line at a time was one
                // "path" that open(2) cut at its first NUL, so one page was read and the rest
                // ignored without a word.
                if line.contains(0) {
                    Console.error("--files-from \(filesFrom): line \(stream.lineNumber) holds a NUL byte, which no path holds: a list of paths ended by NUL bytes (find -print0) is read with --null")
                    Foundation.exit(2)
                }
                let path = String(decoding: line, as: UTF8.self)
                return path == "-" ? "./-" : path
            }
            return nil
        }
    }

    /// A directory is batch input only when it is the sole input (`BatchOptions.directory`): among
    /// other paths it is a usage error that says how to read several directories.
    func refuseDirectoryAmongPages(command: String) throws {
        guard files.count > 1 else { return }
        let directories = files.filter { path in
            var isDirectory: ObjCBool = false
            return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        guard let first = directories.first else { return }
        throw ValidationError("'\(first)' is a directory: a directory is batch input only when it is the only input; "
            + "to read several, list their pages: find \(directories.joined(separator: " ")) -name '*.txt' | winnow \(command) --files-from -")
    }

    /// Reads each page in order; a page that cannot be read is reported and skipped, and the
    /// command ends with status 1.
    func pages(_ body: (Page) throws -> Void) throws {
        // Checked here, not in validate(): `clean` and `label` also run without files (--csv, --jsonl).
        let listed = try listedPaths()
        if files.isEmpty && listed == nil { throw ValidationError("give at least one file, or '-' for standard input") }
        var failed = false
        for path in listed.map({ AnySequence($0) }) ?? AnySequence(files) {
            // A directory is read as its .txt pages, in path order, as `label DIR` reads them
            // (`winnow audit DIR` said "is a directory"; `audit --stats DIR` spares a glob too long
            // for the shell).
            var isDirectory: ObjCBool = false
            var pages = [path]
            var inDirectory = listed != nil
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                pages = TextDirectorySource.textFiles(in: path).map { (path as NSString).appendingPathComponent($0.path) }
                if pages.isEmpty {
                    throw ValidationError("'\(path)' holds no .txt page (a directory is read as the .txt pages in it and under it)")
                }
                inDirectory = true
            }
            for page in pages {
                // A named pipe or a device among a directory's pages or in --files-from is not
                // read: `audit DIR` waited for a FIFO's writer for ever (session 29, gaps33).
                // Named on the command line, one is read, as cat reads it (`audit <(producer)`).
                if inDirectory, let kind = PageReader.notAFile(path: page) {
                    Console.error("\(page): is \(kind), not a page file (a directory or a list of paths is read as regular files)")
                    failed = true
                    continue
                }
                do {
                    try body(try PageReader.read(path: page, maxBytes: maxPageBytes))
                } catch let error as PageReader.ReadError {
                    Console.error("\(page): \(error.message)")
                    failed = true
                }
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Reads the pages in order and labels them on `jobs` threads, `jobs` pages at a time
    /// (`ParallelLabeling.inOrder`): `body` gets each page's result in input order, so the output
    /// is the same for any `--jobs`. A page that cannot be read is reported when it is reached
    /// and skipped; the count of such pages is returned (the command then ends with status 1).
    func labelledPages(rules: RuleSet, jobs: Int, command: String, _ body: (PageResult) throws -> Void) throws -> Int {
        if files.isEmpty { throw ValidationError("give at least one file, or '-' for standard input") }
        // `clean pages/` is a batch of the directory's pages, but `clean news/ web/` (or a
        // directory beside a page) said "news: is a directory" for each and exited 1.
        try refuseDirectoryAmongPages(command: command)
        var unreadable = 0
        var paths = files[...]
        try ParallelLabeling.inOrder(rules: rules, workers: jobs, next: {
            while let path = paths.popFirst() {
                do { return try PageReader.read(path: path, maxBytes: maxPageBytes) } catch let error as PageReader.ReadError {
                    Console.error("\(path): \(error.message)")
                    unreadable += 1
                }
            }
            return nil
        }, body)
        return unreadable
    }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("winnow: " + message + "\n").utf8))
    }

    /// Writes to standard output; when it cannot (a full disk, a closed pipe), says so and exits
    /// with status 1, as batch output does (FileHandle.write(_:) crashed the process).
    /// The text's UTF-8 bytes are written where they are: `Data(text.utf8)` copied the whole
    /// output once more (a page's cleaned text, or its JSON, held twice at the end of the run).
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { out(UnsafeRawBufferPointer($0)) }
    }

    static func out(_ data: some DataProtocol) {
        for region in data.regions { region.withUnsafeBytes { out($0) } }
    }

    /// A closed pipe (with SIGPIPE ignored) said "The operation could not be completed.
    /// (NSCocoaErrorDomain error 512.)": the reason is now the system's ("Broken pipe").
    static func out(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                Console.error("cannot write the output (\(n < 0 ? String(cString: strerror(errno)) : "nothing could be written"))")
                exit(1)
            }
            offset += n
        }
    }
}
