import Foundation
import Testing
@testable import Winnow

/// `winnow clean --jobs 2 a.txt b.txt`: `--jobs` was read for batch input only, and page files
/// were labelled one after another. They are labelled `jobs` at a time now, in input order.
@Suite struct ParallelPagesTests {
    /// Threads that wait for each other: each caller of `arrive` waits until `count` have
    /// arrived. The deadline never times the labelling: it only turns a wait that would never end
    /// (pages labelled one at a time) into a failure with a message instead of a hang.
    final class Meeting: @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0
        private let count: Int
        init(count: Int) { self.count = count }

        /// Whether all `count` callers arrived before the deadline.
        func arrive(deadline: Date = Date(timeIntervalSinceNow: 120)) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            arrived += 1
            condition.broadcast()
            while arrived < count { if !condition.wait(until: deadline) { return arrived >= count } }
            return true
        }
    }

    @Test func pagesAreLabelledSideBySideAndComeBackInInputOrder() throws {
        let pages = (0..<5).map { Page(source: "p\($0)", lines: ["The council voted on Tuesday to extend the library's opening hours, page \($0)."]) }
        let meeting = Meeting(count: 2)
        var queue = pages[...]
        var results: [(source: String, together: Bool, article: Bool)] = []
        try ParallelLabeling.inOrder(rules: Repo.rules, workers: 2, next: { queue.popFirst() }, label: { labeler, page in
            // The first two pages meet while both are being labelled: two threads at once.
            let together = page.source == "p0" || page.source == "p1" ? meeting.arrive() : true
            let result = labeler.label(page)
            return (result.source, together, result.lines.first?.label == .article)
        }) { results.append($0) }
        #expect(results.map(\.source) == pages.map(\.source))
        #expect(results.allSatisfy { $0.together }, "the first two pages were not labelled at the same time")
        #expect(results.allSatisfy { $0.article })
    }

    /// Pages that together pass the window's bytes are labelled one window each: two 20 MB
    /// pages side by side took 619 MB, one at a time 350 MB (a page costs about 15 times its
    /// size while it is labelled). Small pages still share a window.
    @Test func aWindowHoldsNoMoreThanItsBytes() throws {
        final class Overlap: @unchecked Sendable {
            let lock = NSLock()
            var now = 0, most = 0
            func enter() { lock.withLock { now += 1; most = max(most, now) } }
            func leave() { lock.withLock { now -= 1 } }
        }
        func run(windowBytes: Int, meeting: Meeting? = nil) throws -> (sources: [String], most: Int, met: Bool) {
            let overlap = Overlap()
            var queue = (0..<4).map { Page(source: "p\($0)", lines: [String(repeating: "word ", count: 20)]) }[...]
            var results: [(source: String, met: Bool)] = []
            try ParallelLabeling.inOrder(rules: Repo.rules, workers: 2, windowBytes: windowBytes, next: { queue.popFirst() },
                                         label: { _, page in
                overlap.enter()
                // Side by side, the first two pages meet; one a window, they overlap never.
                let met = page.source == "p0" || page.source == "p1" ? meeting?.arrive() ?? true : true
                Thread.sleep(forTimeInterval: 0.05)  // room for a second thread to start
                overlap.leave()
                return (page.source, met)
            }) { results.append($0) }
            return (results.map(\.source), overlap.most, results.allSatisfy(\.met))
        }
        #expect(Page(source: "p", lines: ["abc", "é"]).byteCount == 7)
        let big = try run(windowBytes: 150)  // each page is 101 bytes: one a window
        #expect(big.sources == ["p0", "p1", "p2", "p3"])
        #expect(big.most == 1, "pages past the window's bytes were labelled side by side")
        let small = try run(windowBytes: 1 << 20, meeting: Meeting(count: 2))
        #expect(small.sources == ["p0", "p1", "p2", "p3"])
        #expect(small.met, "small pages were not labelled side by side")
    }

    /// The labellers are kept from window to window: one made per page and thread (a copy of
    /// the rules and their scratch, about 9 ms) made `clean --jobs 2` over 66 tune pages cost
    /// 0.91 s of CPU against 0.35 s with `--jobs 1`.
    @Test func labellersAreMadeOncePerThreadNotPerWindow() throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var scratches: [MatchScratch] = []  // kept alive, so no two are at one address
            func add(_ s: MatchScratch) { lock.withLock { if !scratches.contains(where: { $0 === s }) { scratches.append(s) } } }
        }
        let seen = Seen()
        var queue = (0..<7).map { Page(source: "p\($0)", lines: ["The council voted on Tuesday, page \($0)."]) }[...]
        var sources: [String] = []
        try ParallelLabeling.inOrder(rules: Repo.rules, workers: 2, next: { queue.popFirst() }, label: { labeler, page in
            seen.add(labeler.matcher.scratch)
            return page.source
        }) { sources.append($0) }
        #expect(sources == (0..<7).map { "p\($0)" })
        #expect(seen.scratches.count <= 2, "\(seen.scratches.count) labellers for 2 threads")
    }

    /// Page files, as batch records, get at most `OrderedPipeline.maxWorkers` labellers (four per
    /// core) whatever `--jobs` asks: `clean --jobs 100000` over a directory made one per page.
    @Test func aHugeJobsMakesNoMoreLabellersThanFourPerCore() throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var scratches: [MatchScratch] = []
            func add(_ s: MatchScratch) { lock.withLock { if !scratches.contains(where: { $0 === s }) { scratches.append(s) } } }
        }
        let count = OrderedPipeline.maxWorkers + 5
        let seen = Seen()
        var queue = (0..<count).map { Page(source: "p\($0)", lines: ["The council voted on Tuesday, page \($0)."]) }[...]
        var sources: [String] = []
        try ParallelLabeling.inOrder(rules: Repo.rules, workers: 100_000, next: { queue.popFirst() }, label: { labeler, page in
            seen.add(labeler.matcher.scratch)
            return page.source
        }) { sources.append($0) }
        #expect(sources == (0..<count).map { "p\($0)" })
        #expect(seen.scratches.count <= OrderedPipeline.maxWorkers, "\(seen.scratches.count) labellers, at most \(OrderedPipeline.maxWorkers) wanted")
        let mapped = Seen()
        let pages = (0..<count).map { Page(source: "p\($0)", lines: ["Page \($0)."]) }
        _ = ParallelLabeling.map(pages, rules: Repo.rules, workers: 100_000) { labeler, page in mapped.add(labeler.matcher.scratch); return 0 }
        #expect(mapped.scratches.count <= OrderedPipeline.maxWorkers)
    }

    /// The command line: `--jobs 2` over several pages, one of them unreadable, prints what
    /// `--jobs 1` prints, in the same order, and reports the unreadable page.
    @Test func cleanWithJobsPrintsPagesInInputOrder() throws {
        let dir = NSTemporaryDirectory() + "winnow-jobs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [String] = []
        for n in 0..<5 {
            let path = dir + "/p\(n).txt"
            try "Page \(n): the council voted on Tuesday to extend the library's opening hours after months of debate.\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        files.insert(dir + "/missing.txt", at: 2)
        let one = try CLI.run(["clean", "--jobs", "1"] + files), two = try CLI.run(["clean", "--jobs", "2"] + files)
        #expect(one.status == 1 && two.status == 1)
        #expect(two.out == one.out)
        // Several pages: each cleaned text under its '==> PATH <==' line.
        #expect(one.out.split(separator: "\n").filter { !$0.hasPrefix("==> ") }.map { String($0.prefix(6)) } == (0..<5).map { "Page \($0)" })
        #expect(one.out.split(separator: "\n").filter { $0.hasPrefix("==> ") } == (0..<5).map { "==> \(dir)/p\($0).txt <==" })
        #expect(two.err.contains("missing.txt"))
    }
}
