import Dispatch
import Foundation

/// Runs work that labels pages on several threads, each with its own `Labeler` (PCRE2 match
/// scratch is per thread), and returns the results in input order. Never more threads than
/// `OrderedPipeline.maxWorkers` (four per core), as for batch records: each thread's labeller is
/// a copy of the rules and their scratch, and more threads than that only wait for a core.
public enum ParallelLabeling {
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], rules: RuleSet, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ body: @Sendable (Labeler, T) -> R
    ) -> [R] {
        let slots = Slots<R>(count: items.count)
        let n = max(1, min(workers, items.count, OrderedPipeline.maxWorkers))
        DispatchQueue.concurrentPerform(iterations: n) { worker in
            let labeler = Labeler(rules: rules)
            for i in stride(from: worker, to: items.count, by: n) { slots.set(i, body(labeler, items[i])) }
        }
        return slots.values()
    }

    /// Input bytes a window of pages may hold before it is labelled: a page costs about 12
    /// times its size while it is labelled (15 before session 16), so two 20 MB pages side by side took 619 MB where one
    /// at a time took 350 MB. A page this large or larger is labelled alone; web pages (tens
    /// of KB) still fill their windows (docs/performance.md, "Why memory is bounded").
    public static let windowBytes = 16 << 20

    /// Labels the pages `next` hands over, in windows of `workers` pages labelled side by side
    /// (one `Labeler` a thread), and gives each result to `body` in input order: what one thread
    /// would give, with at most `workers` pages held at once, and, beyond the first, at most
    /// `windowBytes` of them. `body` runs on the calling thread; `next` returns nil at the end.
    /// With one worker, or one page, no thread is started; `workers` past
    /// `OrderedPipeline.maxWorkers` count as that many (`clean --jobs 100000 *.txt` made a
    /// labeller per page).
    public static func inOrder(rules: RuleSet, workers: Int, next: () throws -> Page?, _ body: (PageResult) throws -> Void) throws {
        try inOrder(rules: rules, workers: workers, next: next, label: { $0.label($1) }, body)
    }

    /// `inOrder` with another labelling step (tests).
    ///
    /// The labellers are made once and kept from window to window: a `Labeler` copies the rules
    /// and their scratch space (about 9 ms), and one made per page and thread cost more than
    /// labelling a short page (66 tune pages: 0.91 s CPU with `--jobs 2`, 0.35 s with `--jobs 1`).
    public static func inOrder<R: Sendable>(
        rules: RuleSet, workers: Int, windowBytes budget: Int = windowBytes, next: () throws -> Page?,
        label: @escaping @Sendable (Labeler, Page) -> R, _ body: (R) throws -> Void
    ) throws {
        var window: [Page] = []
        var bytes = 0
        let width = min(max(1, workers), OrderedPipeline.maxWorkers)
        var labelers: [Labeler] = []  // made as the windows need them, at most `width`
        func flush() throws {
            while labelers.count < min(width, window.count) { labelers.append(Labeler(rules: rules)) }
            let results: [R]
            if window.count == 1 || labelers.count == 1 {
                results = window.map { label(labelers[0], $0) }
            } else {
                let slots = Slots<R>(count: window.count)
                let n = min(labelers.count, window.count)
                let (pages, kept) = (window, Kept(labelers))
                DispatchQueue.concurrentPerform(iterations: n) { worker in
                    for i in stride(from: worker, to: pages.count, by: n) { slots.set(i, label(kept.labelers[worker], pages[i])) }
                }
                results = slots.values()
            }
            window.removeAll(keepingCapacity: true)
            bytes = 0
            for r in results { try body(r) }
        }
        while let page = try next() {
            let size = page.byteCount
            // A page that would take the window past its bytes waits for the next window.
            if !window.isEmpty, bytes + size > budget { try flush() }
            window.append(page)
            bytes += size
            if window.count >= width || bytes >= budget { try flush() }
        }
        if !window.isEmpty { try flush() }
    }

    /// The kept labellers, handed to the worker threads: worker `w` alone uses `labelers[w]`
    /// during a window, and the calling thread waits for the window to end.
    private final class Kept: @unchecked Sendable {
        let labelers: [Labeler]
        init(_ labelers: [Labeler]) { self.labelers = labelers }
    }

    /// Results written by index from several threads.
    private final class Slots<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.withLock { storage[i] = value } }
        func values() -> [R] { lock.withLock { storage.map { $0! } } }
    }
}
