import Foundation
import Synchronization

/// Set by the command's SIGINT / SIGTERM handler (an atomic store is async-signal-safe): the batch
/// stops reading records and writes those it has read (`BatchRun.run`).
public let batchInterrupt = Atomic<Int32>(0)

/// Counts of a batch run, for progress and the final summary.
public struct BatchStats: Sendable {
    public var recordsIn = 0
    public var recordsOut = 0
    public var failed = 0
    public var warnings = 0
    /// Records labelled with no article line (each also has a warning).
    public var noArticle = 0
    public var bytesRead = 0
    public var totalBytes: Int?
    public var elapsed: Double = 0
    /// The signal that stopped the reading (SIGINT, SIGTERM), 0 when the input was read to its end.
    public var interruptedBy: Int32 = 0
    /// The output could not be written (a closed pipe with SIGPIPE ignored, a full disk): the
    /// reading stopped there, as no later record could reach the output.
    public var outputFailed = false
}

/// A whole batch run: records from a source, labelled on `jobs` threads, written in input order.
public enum BatchRun {
    /// Input bytes in flight beyond the first record (`OrderedPipeline`'s budget): as for page
    /// files (`ParallelLabeling.windowBytes`), a record costs about 12 times its size (15 before session 16) while it is
    /// labelled, and a 64 MB budget let two 20 MB records be labelled side by side (715 MB with
    /// `--jobs 2`). Small records still fill the `16 × jobs` window.
    public static let inFlightBytes = ParallelLabeling.windowBytes

    /// `interrupt`: the signal that asks the run to stop reading (0: none), read before each
    /// record (the command's `batchInterrupt`, by default).
    public static func run(source: BatchSource, task: BatchTask, rules: RuleSet, writer: BatchWriter, jobs: Int,
                           progress: ((BatchStats) -> Void)? = nil,
                           interrupt: () -> Int32 = { batchInterrupt.load(ordering: .relaxed) }) -> BatchStats {
        writer.writeHeader(input: source.header)
        var stats = run(source: source, task: task, rules: rules, jobs: jobs, progress: progress, interrupt: interrupt,
                        outputFailed: { writer.sink.failed }, write: writer.write)
        writer.sink.flush()
        stats.bytesRead = source.bytesRead
        return stats
    }

    /// The run with its own output: `write` gets each result in input order (`clean --output DIR`
    /// writes a file a record); `outputFailed` true stops the reading, as a failed write does.
    public static func run(source: BatchSource, task: BatchTask, rules: RuleSet, jobs: Int,
                           progress: ((BatchStats) -> Void)? = nil,
                           interrupt: () -> Int32 = { batchInterrupt.load(ordering: .relaxed) },
                           outputFailed: () -> Bool, write: (BatchResult) -> Void) -> BatchStats {
        let start = Date()
        let jobs = min(max(1, jobs), OrderedPipeline.maxWorkers)
        var stats = BatchStats(totalBytes: source.totalBytes)
        OrderedPipeline.run(
            jobs: jobs, window: max(8, jobs * 16), byteBudget: inFlightBytes,
            cost: { $0.size },
            produce: { () -> BatchRecord? in
                // Interrupted: no more records are read; those read are labelled and written, so
                // the output holds records 1...N, whole, and the summary says N.
                let signal = interrupt()
                if signal != 0 { stats.interruptedBy = signal; return nil }
                // The output is gone: `clean --csv big.csv | head` with SIGPIPE ignored (as a
                // parent process may leave it) labelled every record of the file after the reader
                // had gone, and only then said "cannot write the output".
                if outputFailed() { stats.outputFailed = true; return nil }
                let record = source.next()
                // A read that waited on a quiet pipe was ended by the interrupt (`InputWake`): the
                // record it was reading is cut short, so it is not kept, and the output still
                // holds records 1...N whole (N + 1 is where to resume).
                if InputWake.cutShort {
                    stats.interruptedBy = interrupt() != 0 ? interrupt() : SIGINT
                    return nil
                }
                if record != nil { stats.recordsIn += 1 }
                return record
            },
            makeWorker: {
                let processor = BatchProcessor(task: task, rules: rules)
                return processor.process
            },
            consume: { result in
                write(result)
                stats.recordsOut += 1
                if result.error != nil { stats.failed += 1 }
                stats.warnings += result.warnings.count
                if result.noArticle { stats.noArticle += 1 }
                stats.bytesRead = source.bytesRead
                stats.elapsed = Date().timeIntervalSince(start)
                progress?(stats)
            })
        stats.bytesRead = source.bytesRead
        stats.elapsed = Date().timeIntervalSince(start)
        return stats
    }
}
