#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Batch records from a list of page paths, one a line (`--files-from FILE`, `-` for standard
/// input, as tar's `-T` and rsync's `--files-from` read them): the list is streamed, a line at a
/// time, so a corpus of millions of pages is held one path and the records in flight at once.
/// Every listed path is a record, the id the path as listed; a path that cannot be read (missing,
/// a directory, over the limit, a binary file) is a record with an error. A blank line is no path.
/// A line is a path as it stands: spaces are kept, and `-` is a file named `-`, not standard input.
/// With `--null` the paths end at NUL bytes instead (`find -print0`, tar's `--null`).
public final class PathListSource: BatchSource {
    private let list: LineStream
    private let maxRecordBytes: Int
    private var number = 0
    public private(set) var bytesRead = 0
    public var totalBytes: Int? { nil }

    /// The longest line read as a path: longer is no path on any file system (Linux's PATH_MAX is 4,096).
    public static let maxPathBytes = 1 << 16

    public init(list: LineStream, maxRecordBytes: Int) {
        self.list = list
        self.maxRecordBytes = maxRecordBytes
    }

    public func next() -> BatchRecord? {
        var line: LineStream.Line
        repeat {
            guard let next = list.next(limit: PathListSource.maxPathBytes) else { return nil }
            line = next
        } while line == .bytes([])
        number += 1
        guard case .bytes(let path) = line else {
            return BatchRecord(number: number, id: .null,
                               error: "line \(list.lineNumber) of the path list is longer than \(PathListSource.maxPathBytes) bytes: no path")
        }
        var warnings: [String] = []
        let shown = decodeField(path, name: "path", warnings: &warnings)
        var record = FileRecord.load(path: path, shown: shown, maxRecordBytes: maxRecordBytes, number: number, id: .string(shown))
        record.warnings = warnings + record.warnings
        bytesRead += record.size
        return record
    }
}

/// A page file read as a batch record: its bytes, or why they are not a page.
enum FileRecord {
    /// `path`: the file's name as bytes (a name that is no valid UTF-8 is still opened); `shown`,
    /// how errors name it. Read with `open` and `read`: `FileManager.contents(atPath:)` leaks a
    /// buffer on an empty file (docs/fuzzing.md).
    static func load(path: [UInt8], shown: String, maxRecordBytes: Int, number: Int, id: JSONValue) -> BatchRecord {
        var record = BatchRecord(number: number, id: id)
        if path.contains(0) {
            record.error = "\(shown): a path holds no NUL byte (a list of paths ended by NUL bytes, as find -print0 writes it, is read with --null)"
            return record
        }
        // Opened without waiting: a named pipe among a directory's pages (or in a list of paths)
        // waited for a writer for ever, deaf to Ctrl-C and SIGTERM, and no record after it was
        // written (session 29, gaps33). Its type is then read from the open file.
        let fd = (path + [0]).withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        }
        guard fd >= 0 else {
            record.error = "\(shown): cannot read (\(String(cString: strerror(errno))))"
            return record
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            record.error = "\(shown): cannot read (\(String(cString: strerror(errno))))"
            return record
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            record.error = "\(shown): is a directory, not a page"
            return record
        }
        if let kind = PageReader.notAFile(mode: info.st_mode) {
            record.error = "\(shown): is \(kind), not a page file (a directory or a list of paths is read as regular files)"
            return record
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let size = Int(info.st_size)
        record.size = size
        if size > maxRecordBytes {
            record.error = "\(shown) is \(size) bytes, over the \(maxRecordBytes)-byte record limit (raise it with --max-record-mb)"
            return record
        }
        // A file that grows after fstat, or a device of size 0, is read to its end under the limit.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        let chunk = 1 << 16
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let n = bytes.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + start, chunk) }
            if n < 0 && errno == EINTR { bytes.removeLast(chunk); continue }
            guard n >= 0 else {
                record.error = "\(shown): cannot read (\(String(cString: strerror(errno))))"
                return record
            }
            bytes.removeLast(chunk - n)
            if n == 0 { break }
            if bytes.count > maxRecordBytes {
                record.error = "\(shown) is over the \(maxRecordBytes)-byte record limit (raise it with --max-record-mb)"
                return record
            }
        }
        record.size = bytes.count
        if let reason = BinaryDetector.reason(bytes) {
            record.error = "\(shown): binary file, not labelled (\(reason))"
        } else {
            record.text = bytes
        }
        return record
    }
}
