import ArgumentParser
import Dispatch
import Foundation
import Winnow

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure labelling throughput against cat, pcre2grep and a single PCRE2 pattern.",
        discussion: """
            Reads every *.txt page of DIR, repeats them until the corpus reaches --min-mb, and labels it \
            with 1 and 2 jobs, literal prefilter off and on; `cores` is the CPU time the process got \
            per second of the run (under 2 with 2 jobs when other work shares the machine), `MB/cpu-s` the \
            megabytes per CPU second, the best of the row's rounds (what moves least when other work takes \
            the cores); with --rounds N \
            the runs alternate N times and each row shows its fastest round. On the same bytes it times three \
            references: `cat`, `pcre2grep -i -f` with every rule pattern (one per line), and one PCRE2 JIT \
            pattern over every line; Winnow's rates are given as ratios to them. Build with \
            `swift build -c release --static-swift-stdlib` first (the build the figures in \
            docs/performance.md use; without the flag, about 3 % slower).

            Examples:
              winnow bench corpus/pages
              winnow bench --min-mb 10 --prefilter-runs off corpus/pages
              winnow bench --min-mb 30 --prefilter-runs on --rounds 3 corpus/pages
            """
    )

    @Argument(help: ArgumentHelp("Directory of pages (*.txt).", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("Repeat the pages until the corpus holds at least this many megabytes.", valueName: "mb"))
    var minMb = 100

    @Option(name: .long, help: ArgumentHelp("Label with the literal prefilter off, on or both (--no-prefilter: off).", valueName: "off|on|both"))
    var prefilterRuns = "both"

    @Option(name: .long, help: ArgumentHelp("Label this many alternated rounds (1 job, 2 jobs, 1 job, ...) and report each row's fastest round.", valueName: "n"))
    var rounds = 1

    @OptionGroup var ruleOptions: RuleOptions

    /// `--no-prefilter`, which every subcommand shares, means `--prefilter-runs off` here.
    var runs: String { ruleOptions.noPrefilter ? "off" : prefilterRuns }

    func validate() throws {
        guard ["off", "on", "both"].contains(prefilterRuns) else { throw ValidationError("--prefilter-runs is off, on or both") }
        if ruleOptions.noPrefilter && prefilterRuns == "on" {
            throw ValidationError("--no-prefilter and --prefilter-runs on ask for opposite runs")
        }
        guard rounds >= 1 else { throw ValidationError("--rounds is at least 1") }
        // --min-mb 0 labelled an empty corpus and printed rates of nan (session 29, gaps33).
        guard minMb >= 1 else { throw ValidationError("--min-mb is at least 1") }
    }

    func run() throws {
        let ruleSet = try ruleOptions.load().withoutPrefilter()
        let corpus: (pages: [Page], bytes: [UInt8])
        do { corpus = try Throughput.corpus(directory: directory, minBytes: minMb * 1_000_000) } catch let error as Throughput.CorpusError {
            Console.error(error.description)
            throw ExitCode(1)
        }
        let file = NSTemporaryDirectory() + "winnow-bench-\(getpid()).txt"
        let patterns = NSTemporaryDirectory() + "winnow-bench-\(getpid()).patterns"
        defer { try? FileManager.default.removeItem(atPath: file); try? FileManager.default.removeItem(atPath: patterns) }
        try Data(corpus.bytes).write(to: URL(fileURLWithPath: file))
        let sources = Throughput.grepPatterns(ruleSet)
        try (sources.joined(separator: "\n") + "\n").write(toFile: patterns, atomically: true, encoding: .utf8)
        let bytes = corpus.bytes.count
        let mb = Double(bytes) / 1_000_000
        Console.out(String(format: "corpus: %d pages, %.1f MB; %d rules (%d patterns)\n",
                           corpus.pages.count, mb, ruleSet.rules.count, sources.count))

        let cat = try timed("/bin/cat", [file], success: [0])
        // pcre2grep exits 1 when no line matches, 2 on an error (a pattern it cannot compile).
        let grep = try timed("/usr/bin/pcre2grep", ["-i", "-c", "-f", patterns, file], success: [0, 1])
        let single = Throughput.singlePattern(try Pattern(#"\bthe\b"#), pages: corpus.pages, bytes: bytes)
        Console.out(String(format: "reference cat:               %8.1f MB/s\n", mb / cat))
        Console.out(String(format: "reference pcre2grep -i -f:   %8.1f MB/s\n", mb / grep))
        Console.out(String(format: "reference PCRE2 JIT \\bthe\\b: %8.1f MB/s\n", single.megabytesPerSecond))

        var sets: [(String, RuleSet)] = []
        if runs != "on" { sets.append(("off", ruleSet)) }
        if runs != "off" {
            let start = DispatchTime.now()
            let filtered = RuleSet(rules: ruleSet.rules, config: ruleSet.config, directory: ruleSet.directory)
            Console.out(String(format: "prefilter build: %.3f s, %d patterns unfiltered\n",
                               Throughput.seconds(since: start), filtered.prefilters?.unfiltered.count ?? 0))
            sets.append(("on", filtered))
        }
        // Rounds alternate the runs, so a burst of other work on a shared machine slows one
        // round of each row rather than all of one row; the fastest round is the least disturbed.
        var fastest: [String: Throughput.Result] = [:]
        // The process's peak memory when the row's kept run ended (it only grows, run to run).
        var peaks: [String: Double] = [:]
        // The best megabytes per CPU second of the row's rounds (not always the fastest round's).
        var perCPU: [String: Double] = [:]
        for _ in 0..<rounds {
            for (name, set) in sets {
                for jobs in [1, 2] {
                    let r = Throughput.label(corpus.pages, bytes: bytes, rules: set, jobs: jobs)
                    perCPU["\(name) \(jobs)"] = max(perCPU["\(name) \(jobs)"] ?? 0, r.megabytesPerCPUSecond)
                    if fastest["\(name) \(jobs)"].map({ r.megabytesPerSecond > $0.megabytesPerSecond }) ?? true {
                        fastest["\(name) \(jobs)"] = r
                        peaks["\(name) \(jobs)"] = Throughput.peakMemoryMB()
                    }
                }
            }
        }
        if rounds > 1 { Console.out("fastest of \(rounds) alternated rounds:\n") }
        Console.out("prefilter  jobs   pages/s     MB/s  cores  MB/cpu-s  peak MB  x cat  x pcre2grep  x 1-pattern\n")
        for (name, _) in sets {
            for jobs in [1, 2] {
                let r = fastest["\(name) \(jobs)"]!
                Console.out(String(format: "%-9@ %4d  %8.0f  %7.1f  %5.2f  %8.1f  %7.0f  %5.3f  %11.2f  %11.3f\n",
                                   name, jobs, r.pagesPerSecond, r.megabytesPerSecond, r.cores, perCPU["\(name) \(jobs)"]!, peaks["\(name) \(jobs)"]!,
                                   r.megabytesPerSecond / (mb / cat), r.megabytesPerSecond / (mb / grep),
                                   r.megabytesPerSecond / single.megabytesPerSecond))
            }
        }
    }

    /// Wall-clock seconds of one run of a reference tool, its output discarded.
    /// The wall time of `tool`; an exit status outside `success` is an error, never a figure.
    private func timed(_ tool: String, _ arguments: [String], success: Set<Int32>) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Throughput.seconds(since: start)
        guard success.contains(process.terminationStatus) else {
            throw ValidationError("reference \(tool) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus): no figure for it")
        }
        return seconds
    }
}
