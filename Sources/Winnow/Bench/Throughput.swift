import Dispatch
import Foundation
import Synchronization

/// Labelling throughput over an in-memory corpus: the measurement behind `winnow bench`.
public enum Throughput {
    public struct Result: Sendable {
        public let pages: Int
        public let bytes: Int
        public let seconds: Double
        /// CPU seconds (user and system) the process used meanwhile: `cpuSeconds / seconds` is
        /// how many cores it got, which on a shared machine can be fewer than its jobs.
        public let cpuSeconds: Double
        public var cores: Double { cpuSeconds / seconds }
        public var pagesPerSecond: Double { Double(pages) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / seconds }
        /// Megabytes per CPU second (per core-second with more jobs): on a shared machine the
        /// other work takes cores, not this process's instructions, so this moves less than
        /// `megabytesPerSecond` (it still pays for caches the other work empties).
        public var megabytesPerCPUSecond: Double { Double(bytes) / 1_000_000 / cpuSeconds }
    }

    /// The `pcre2grep -f` file of the bench's reference: every rule's pattern, one per line.
    /// pcre2grep runs without UTF mode, so a pattern must not need it (`\x{2013}`: write the
    /// character itself); `PCRE2GrepReferenceTests` runs pcre2grep on the bundled rules' file.
    public static func grepPatterns(_ rules: RuleSet) -> [String] {
        rules.rules.compactMap { $0.pattern?.source.replacingOccurrences(of: "\n", with: " ") }
    }

    /// Why `corpus` cannot be made, naming the directory or the page.
    public struct CorpusError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The corpus's pages repeated until their bytes reach `minBytes`, read once up front so the
    /// timed runs measure labelling, not the disk. A missing directory, a file given for one or a
    /// directory without pages printed Foundation's error dump, a page that could not be read was
    /// left out without a word, and a named pipe waited for ever (session 29, gaps33): each is now
    /// an error naming it.
    public static func corpus(directory: String, minBytes: Int) throws -> (pages: [Page], bytes: [UInt8]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw CorpusError(description: "\(directory): no such directory")
        }
        guard isDirectory.boolValue else {
            throw CorpusError(description: "\(directory): is a file; bench reads the *.txt pages of a directory")
        }
        guard let all = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw CorpusError(description: "\(directory): cannot list the directory")
        }
        let names = all.filter { $0.hasSuffix(".txt") }.sorted()
        var originals: [(Page, [UInt8])] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            if let kind = PageReader.notAFile(path: path) {
                throw CorpusError(description: "\(path): is \(kind), not a page file")
            }
            var isSubdirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isSubdirectory), isSubdirectory.boolValue { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CorpusError(description: "\(path): cannot read")
            }
            let bytes = [UInt8](data)
            originals.append((Page(source: path, bytes: bytes), bytes))
        }
        guard !originals.isEmpty else { throw CorpusError(description: "\(directory) holds no .txt page") }
        var pages: [Page] = [], bytes: [UInt8] = []
        while bytes.count < minBytes {
            for (page, b) in originals {
                pages.append(page)
                bytes += b
                if bytes.last != 0x0A { bytes.append(0x0A) }
            }
        }
        return (pages, bytes)
    }

    /// Labels every page with `jobs` threads, each with its own `Labeler`, each taking the next
    /// unlabelled page. Not round-robin: the corpus repeats an even number of pages, so with 2
    /// jobs one thread would get the same half of the pages every time, and the costlier half
    /// would set the time.
    public static func label(_ pages: [Page], bytes: Int, rules: RuleSet, jobs: Int) -> Result {
        let next = Atomic<Int>(0)
        let start = DispatchTime.now(), cpuStart = cpuSeconds()
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            let labeler = Labeler(rules: rules)
            var articleLines = 0
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < pages.count else { break }
                articleLines += labeler.label(pages[i]).lines.count { $0.label == .article }
            }
            // Keeps the optimiser from dropping the work.
            if articleLines < 0 { print(articleLines) }
        }
        return Result(pages: pages.count, bytes: bytes, seconds: seconds(since: start),
                      cpuSeconds: cpuSeconds() - cpuStart)
    }

    /// One PCRE2 JIT pattern over every line: the cost floor of any regex-per-line labeller.
    public static func singlePattern(_ pattern: Pattern, pages: [Page], bytes: Int) -> Result {
        let scratch = MatchScratch()
        let start = DispatchTime.now(), cpuStart = cpuSeconds()
        var hits = 0
        for page in pages {
            for line in page.lines {
                if case .matched = pattern.firstMatch(in: line, scratch: scratch) { hits += 1 }
            }
        }
        if hits < 0 { print(hits) }
        return Result(pages: pages.count, bytes: bytes, seconds: seconds(since: start),
                      cpuSeconds: cpuSeconds() - cpuStart)
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// User and system CPU time of this process so far, all threads.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let t = [usage.ru_utime, usage.ru_stime]
        return t.reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }

    /// Peak resident memory of this process so far, in megabytes.
    public static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
