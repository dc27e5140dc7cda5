import Foundation
import Testing
@testable import Winnow

/// Ctrl-C while standard input is a pipe gone quiet: the batch waited in read(2) for the next
/// record (the signal handler only set a flag, and the read was restarted) and exited only when
/// one came or the pipe closed. It exits at once, status 130, with the records read written.
@Suite struct QuietPipeInterruptTests {
    /// The system call the process's main thread waits in, and its first argument.
    func waitingIn(_ pid: Int32) -> (call: Int, first: String)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let call = Int(fields[0]) else { return nil }
        return (call, String(fields[1]))
    }

    @Test(arguments: [["clean", "--jsonl", "-"], ["clean", "--csv", "-"], ["label", "--files-from", "-"]])
    func ctrlCOnAQuietPipeExitsAtOnce(command: [String]) throws {
        let dir = NSTemporaryDirectory() + "winnow-quiet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try (articleLine + "\n").write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        let input = switch command[1] {
        case "--jsonl": "{\"id\": 1, \"text\": \"\(articleLine)\"}\n{\"id\": 2, \"text\": \"\(articleLine)\"}\n"
        case "--csv": "id,content\n1,\"\(articleLine)\"\n2,\"\(articleLine)\"\n"
        default: "\(dir)/a.txt\n\(dir)/a.txt\n"
        }
        // Spawned with no signal blocked: a child inherits its parent's blocked signals, and the
        // test runner's threads block SIGINT, so that a Process child never saw it.
        var stdin: [Int32] = [0, 0], stdout: [Int32] = [0, 0], stderr: [Int32] = [0, 0]
        #expect(pipe(&stdin) == 0 && pipe(&stdout) == 0 && pipe(&stderr) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdout[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
        for fd in stdin + stdout + stderr { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = [CLI.executable, command[0], "--rules", Repo.path("rules"), "--jobs", "1"] + command.dropFirst()
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, CLI.executable, &actions, &attributes, argv, environ) == 0)
        close(stdin[0]); close(stdout[1]); close(stderr[1])
        _ = input.utf8CString.withUnsafeBufferPointer { write(stdin[1], $0.baseAddress, $0.count - 1) }
        // Wait until the batch waits on the quiet pipe: its main thread in poll(2) (with the fix)
        // or in read(2) of standard input (without), the records before labelled; at most 60 s.
        var waiting = false
        for _ in 0..<600 where !waiting {
            Thread.sleep(forTimeInterval: 0.1)
            if let w = waitingIn(pid), w.call == 7 || w.call == 271 || (w.call == 0 && w.first == "0x0") {
                Thread.sleep(forTimeInterval: 0.3)
                waiting = waitingIn(pid).map { $0.call == w.call } ?? false
            }
        }
        #expect(waiting, "the batch never waited on standard input")
        kill(pid, SIGINT)
        let sent = Date()
        var status: Int32 = 0
        var exited = false
        while !exited && Date().timeIntervalSince(sent) < 10 {
            exited = waitpid(pid, &status, WNOHANG) == pid
            if !exited { Thread.sleep(forTimeInterval: 0.05) }
        }
        close(stdin[1])  // without the fix, the batch ends here
        if !exited { waitpid(pid, &status, 0) }
        func drain(_ fd: Int32) -> String {
            var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            close(fd)
            return String(decoding: bytes, as: UTF8.self)
        }
        let o = drain(stdout[0]), e = drain(stderr[0])
        #expect(exited, "still running 10 s after SIGINT")
        #expect(status & 0x7F == 0 && (status >> 8) & 0xFF == 130, "status \(status): \(e)")
        #expect(try jsonObjects(o).map { $0["record"] as? Int } == [1, 2])
        #expect(e.contains("interrupted (SIGINT): the output holds records 1 to 2, whole"))
    }
}
