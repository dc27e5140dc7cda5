import Dispatch
import Foundation

/// Labelling throughput over an in-memory corpus: the measurement behind `winnow bench`.
public enum Throughput {
    public struct Result: Sendable {
        public let pages: Int
        public let bytes: Int
        public let seconds: Double
        public var pagesPerSecond: Double { Double(pages) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / seconds }
    }

    /// The corpus's pages repeated until their bytes reach `minBytes`, read once up front so the
    /// timed runs measure labelling, not the disk.
    public static func corpus(directory: String, minBytes: Int) throws -> (pages: [Page], bytes: [UInt8]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        var originals: [(Page, [UInt8])] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            originals.append((Page(source: path, bytes: bytes), bytes))
        }
        guard !originals.isEmpty else { throw CocoaError(.fileReadNoSuchFile) }
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

    /// Labels every page with `jobs` threads, each with its own `Labeler`, pages dealt round-robin.
    public static func label(_ pages: [Page], bytes: Int, rules: RuleSet, jobs: Int) -> Result {
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            let labeler = Labeler(rules: rules)
            var articleLines = 0
            for i in stride(from: worker, to: pages.count, by: jobs) {
                articleLines += labeler.label(pages[i]).lines.count { $0.label == .article }
            }
            // Keeps the optimiser from dropping the work.
            if articleLines < 0 { print(articleLines) }
        }
        return Result(pages: pages.count, bytes: bytes, seconds: seconds(since: start))
    }

    /// One PCRE2 JIT pattern over every line: the cost floor of any regex-per-line labeller.
    public static func singlePattern(_ pattern: Pattern, pages: [Page], bytes: Int) -> Result {
        let scratch = MatchScratch()
        let start = DispatchTime.now()
        var hits = 0
        for page in pages {
            for line in page.lines {
                if case .matched = pattern.firstMatch(in: line, scratch: scratch) { hits += 1 }
            }
        }
        if hits < 0 { print(hits) }
        return Result(pages: pages.count, bytes: bytes, seconds: seconds(since: start))
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Peak resident memory of this process so far, in megabytes.
    public static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
