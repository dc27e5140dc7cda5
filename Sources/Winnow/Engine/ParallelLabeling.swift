import Dispatch
import Foundation

/// Runs work that labels pages on several threads, each with its own `Labeler` (PCRE2 match
/// scratch is per thread), and returns the results in input order.
public enum ParallelLabeling {
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], rules: RuleSet, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ body: @Sendable (Labeler, T) -> R
    ) -> [R] {
        let slots = Slots<R>(count: items.count)
        let n = max(1, min(workers, items.count))
        DispatchQueue.concurrentPerform(iterations: n) { worker in
            let labeler = Labeler(rules: rules)
            for i in stride(from: worker, to: items.count, by: n) { slots.set(i, body(labeler, items[i])) }
        }
        return slots.values()
    }

    /// Labels the pages `next` hands over, in windows of `workers` pages labelled side by side
    /// (one `Labeler` a thread), and gives each result to `body` in input order: what one thread
    /// would give, with at most `workers` pages held at once. `body` runs on the calling thread;
    /// `next` returns nil at the end. With one worker, or one page, no thread is started.
    public static func inOrder(rules: RuleSet, workers: Int, next: () throws -> Page?, _ body: (PageResult) throws -> Void) throws {
        try inOrder(rules: rules, workers: workers, next: next, label: { $0.label($1) }, body)
    }

    /// `inOrder` with another labelling step (tests).
    ///
    /// The labellers are made once and kept from window to window: a `Labeler` copies the rules
    /// and their scratch space (about 9 ms), and one made per page and thread cost more than
    /// labelling a short page (66 tune pages: 0.91 s CPU with `--jobs 2`, 0.35 s with `--jobs 1`).
    public static func inOrder<R: Sendable>(
        rules: RuleSet, workers: Int, next: () throws -> Page?,
        label: @escaping @Sendable (Labeler, Page) -> R, _ body: (R) throws -> Void
    ) throws {
        var window: [Page] = []
        let width = max(1, workers)
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
            for r in results { try body(r) }
        }
        while let page = try next() {
            window.append(page)
            if window.count >= width { try flush() }
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
