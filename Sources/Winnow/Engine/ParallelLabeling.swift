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
    /// (`map`, one `Labeler` a thread), and gives each result to `body` in input order: what one
    /// thread would give, with at most `workers` pages held at once. `body` runs on the calling
    /// thread; `next` returns nil at the end. With one worker, or one page, no thread is started.
    public static func inOrder(rules: RuleSet, workers: Int, next: () throws -> Page?, _ body: (PageResult) throws -> Void) throws {
        try inOrder(rules: rules, workers: workers, next: next, label: { $0.label($1) }, body)
    }

    /// `inOrder` with another labelling step (tests).
    public static func inOrder<R: Sendable>(
        rules: RuleSet, workers: Int, next: () throws -> Page?,
        label: @escaping @Sendable (Labeler, Page) -> R, _ body: (R) throws -> Void
    ) throws {
        var window: [Page] = []
        let single = workers <= 1 ? Labeler(rules: rules) : nil
        func flush() throws {
            let results = window.count == 1 || single != nil
                ? window.map { label(single ?? Labeler(rules: rules), $0) }
                : map(window, rules: rules, workers: workers, label)
            window.removeAll(keepingCapacity: true)
            for r in results { try body(r) }
        }
        while let page = try next() {
            window.append(page)
            if window.count >= max(1, workers) { try flush() }
        }
        try flush()
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
