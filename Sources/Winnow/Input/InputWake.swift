#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Wakes a read that waits on an idle pipe or terminal when the batch is interrupted.
///
/// A signal handler only sets `batchInterrupt`; the read(2) under it is restarted (SA_RESTART),
/// and the signal may go to any thread: `winnow clean --jsonl -` fed by a pipe that had gone
/// quiet went on waiting for the next record after Ctrl-C, and exited only when one came. With
/// `install()` called before the handler is set, the handler calls `wake()` (a write(2) to a pipe
/// of its own: async-signal-safe), and `read(_:_:_:)` waits on the input and that pipe at once.
public enum InputWake {
    /// The pipe's two ends (-1 before `install`).
    private static let readEnd = Atomic<Int32>(-1)
    private static let writeEnd = Atomic<Int32>(-1)

    /// Makes the pipe (once). Call before setting the signal handler that calls `wake`.
    public static func install() {
        guard readEnd.load(ordering: .acquiring) < 0 else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        writeEnd.store(ends[1], ordering: .releasing)
        readEnd.store(ends[0], ordering: .releasing)
    }

    /// From a signal handler: wakes every read waiting in `read`. Async-signal-safe.
    public static func wake() {
        let fd = writeEnd.load(ordering: .relaxed)
        guard fd >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }

    private static let cut = Atomic<Bool>(false)

    /// Whether a read was ended by `wake`: what was being read then is cut short.
    public static var cutShort: Bool { cut.load(ordering: .relaxed) }

    /// read(2) of `fd`, which returns 0, as at the end of the input, once `wake` has been called:
    /// when the input has no byte ready it waits on the input and the wake pipe together. A
    /// regular file never waits, and is read as it is. EINTR is retried.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, regularFile: Bool) -> Int {
        while true {
            let wakeFD = readEnd.load(ordering: .acquiring)
            if !regularFile && wakeFD >= 0 {
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&fds, 2, -1)
                if ready < 0 && errno == EINTR { continue }
                // Woken: stop, even when input is ready too (the interrupt asked to read no more).
                if ready > 0 && fds[1].revents & Int16(POLLIN) != 0 {
                    cut.store(true, ordering: .relaxed)
                    return 0
                }
            }
            let n = systemRead(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }
}

/// read(2), under a name that `InputWake.read` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
