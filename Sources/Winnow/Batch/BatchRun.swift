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
    public static func run(source: BatchSource, task: BatchTask, rules: RuleSet, writer: BatchWriter, jobs: Int,
                           progress: ((BatchStats) -> Void)? = nil) -> BatchStats {
        let start = Date()
        var stats = BatchStats(totalBytes: source.totalBytes)
        writer.writeHeader(input: source.header)
        OrderedPipeline.run(
            jobs: jobs, window: max(8, jobs * 16), byteBudget: 64 << 20,
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
