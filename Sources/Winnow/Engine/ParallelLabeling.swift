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

    /// Results written by index from several threads.
    private final class Slots<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.withLock { storage[i] = value } }
        func values() -> [R] { lock.withLock { storage.map { $0! } } }
    }
}
