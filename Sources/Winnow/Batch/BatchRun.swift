import Foundation

/// Counts of a batch run, for progress and the final summary.
public struct BatchStats: Sendable {
    public var recordsIn = 0
    public var recordsOut = 0
    public var failed = 0
    public var warnings = 0
    public var bytesRead = 0
    public var totalBytes: Int?
    public var elapsed: Double = 0
}

/// A whole batch run: records from a source, labelled on `jobs` threads, written in input order.
public enum BatchRun {
    /// Input bytes in flight beyond the first record (`OrderedPipeline`'s budget): as for page
    /// files (`ParallelLabeling.windowBytes`), a record costs about 12 times its size (15 before session 16) while it is
    /// labelled, and a 64 MB budget let two 20 MB records be labelled side by side (715 MB with
    /// `--jobs 2`). Small records still fill the `16 × jobs` window.
    public static let inFlightBytes = ParallelLabeling.windowBytes

    public static func run(source: BatchSource, task: BatchTask, rules: RuleSet, writer: BatchWriter, jobs: Int,
                           progress: ((BatchStats) -> Void)? = nil) -> BatchStats {
        let start = Date()
        let jobs = min(max(1, jobs), OrderedPipeline.maxWorkers)
        var stats = BatchStats(totalBytes: source.totalBytes)
        writer.writeHeader(input: source.header)
        OrderedPipeline.run(
            jobs: jobs, window: max(8, jobs * 16), byteBudget: inFlightBytes,
            cost: { $0.size },
            produce: {
                let record = source.next()
                if record != nil { stats.recordsIn += 1 }
                return record
            },
            makeWorker: {
                let processor = BatchProcessor(task: task, rules: rules)
                return processor.process
            },
            consume: { result in
                writer.write(result)
                stats.recordsOut += 1
                if result.error != nil { stats.failed += 1 }
                stats.warnings += result.warnings.count
                stats.bytesRead = source.bytesRead
                stats.elapsed = Date().timeIntervalSince(start)
                progress?(stats)
            })
        writer.sink.flush()
        stats.bytesRead = source.bytesRead
        stats.elapsed = Date().timeIntervalSince(start)
        return stats
    }
}
