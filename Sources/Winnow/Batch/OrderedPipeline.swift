import Foundation

/// Runs work items on `jobs` worker threads and hands results back in input order.
///
/// The calling thread reads items and consumes results; at most `window` items (and, beyond the
/// first, at most `byteBudget` bytes of them) are in flight, so memory stays bounded however
/// long the input. Each worker builds its own state with `makeWorker` on its own thread (a
/// `Labeler` owns per-thread PCRE2 scratch space); a worker starts with each of the first `jobs`
/// items, so a short input builds no more workers than it has items, and never more than
/// `maxWorkers` whatever `jobs` asks.
public enum OrderedPipeline {
    /// The most workers one run starts: four per core. More only add labellers (each a copy of
    /// the rules and their scratch) that wait for a core; `--jobs 100000` over a long batch
    /// started one worker per record.
    public static var maxWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount * 4) }

    public static func run<Item: Sendable, Result: Sendable>(
        jobs: Int, window: Int, byteBudget: Int,
        cost: (Item) -> Int,
        produce: () -> Item?,
        makeWorker: @escaping @Sendable () -> (Item) -> Result,
        consume: (Result) -> Void
    ) {
        let state = State<Item, Result>()
        let finished = DispatchGroup()
        // Workers start as items arrive, at most `jobs` of them: each builds a labeller (a copy
        // of the rules and their scratch), and `--jobs 256` over five records built 256 of them
        // (1.2 GB, 21 s; `--jobs 100000` ran out of time at 6.7 GB).
        var started = 0
        let jobs = min(max(1, jobs), maxWorkers)
        func startWorker() {
            finished.enter()
            let thread = Thread {
                let work = makeWorker()
                while let (seq, item) = state.take() { state.put(seq, work(item)) }
                finished.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
            started += 1
        }
        var nextIn = 0, nextOut = 0
        var costs: [Int: Int] = [:]
        var inFlightBytes = 0
        var exhausted = false
        while true {
            while !exhausted, nextIn - nextOut < window, nextIn == nextOut || inFlightBytes < byteBudget {
                guard let item = produce() else { exhausted = true; break }
                let c = cost(item)
                costs[nextIn] = c
                inFlightBytes += c
                state.give(nextIn, item)
                nextIn += 1
                if started < jobs { startWorker() }
            }
            if nextOut == nextIn { break }
            consume(state.wait(for: nextOut))
            inFlightBytes -= costs.removeValue(forKey: nextOut) ?? 0
            nextOut += 1
        }
        state.close()
        finished.wait()
    }

    /// The queue of items and the results waiting to be consumed, under one lock.
    private final class State<Item, Result>: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [(Int, Item)] = []
        private var head = 0
        private var results: [Int: Result] = [:]
        private var closed = false

        func give(_ seq: Int, _ item: Item) {
            condition.lock()
            if head > 64 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            queue.append((seq, item))
            condition.broadcast()
            condition.unlock()
        }

        /// The next item for a worker; nil once closed and drained.
        func take() -> (Int, Item)? {
            condition.lock()
            defer { condition.unlock() }
            while head == queue.count && !closed { condition.wait() }
            guard head < queue.count else { return nil }
            head += 1
            return queue[head - 1]
        }

        func put(_ seq: Int, _ result: Result) {
            condition.lock()
            results[seq] = result
            condition.broadcast()
            condition.unlock()
        }

        func wait(for seq: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while results[seq] == nil { condition.wait() }
            return results.removeValue(forKey: seq)!
        }

        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
