#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input, `-`) one line at a time, so a JSON Lines input of any
/// size streams through in the memory of its longest line, or of `limit` bytes with
/// `next(limit:)`: a longer line is read past to its end, not kept (`winnow moderate
/// --max-record-mb`: a 100 MB line took 100 MB before it was refused).
public final class LineStream {
    private let fd: Int32
    private let ownsFile: Bool
    private let regularFile: Bool
    private let chunk: UnsafeMutablePointer<UInt8>
    private static let chunkSize = 1 << 16
    private var position = 0
    private var filled = 0
    /// The last line ended at a CR (an LF next is part of its line break).
    private var afterCR = false
    /// 1-based number of the line last read.
    public private(set) var lineNumber = 0
    /// Lines end at a NUL byte only, not at LF or CR (a list of paths from `find -print0`, whose
    /// names may hold a line break).
    private let nulSeparated: Bool

    public struct OpenError: Error { public let message: String }

    /// A line read under a limit: its bytes, or, past the limit, its length alone.
    public enum Line: Equatable {
        case bytes([UInt8])
        case tooLong(Int)
    }

    /// Read with read(2), not stdio: `fread` of a 64 KB chunk waited for the whole chunk, so a
    /// record fed through a pipe by a slow writer was not read until 64 KB more came or the pipe
    /// closed; read(2) returns what the pipe holds.
    public init(path: String, nulSeparated: Bool = false) throws(OpenError) {
        self.nulSeparated = nulSeparated
        if path == "-" {
            fd = 0
            ownsFile = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw OpenError(message: String(cString: strerror(errno))) }
            ownsFile = true
        }
        // A directory opens, and then reads as no line at all: an empty list, not an error.
        var info = stat()
        let known = fstat(fd, &info) == 0
        if known, (info.st_mode & S_IFMT) == S_IFDIR {
            if ownsFile { close(fd) }
            throw OpenError(message: "is a directory")
        }
        regularFile = known && (info.st_mode & S_IFMT) == S_IFREG
        chunk = .allocate(capacity: LineStream.chunkSize)
    }

    deinit {
        chunk.deallocate()
        if ownsFile { close(fd) }
    }

    /// The next line without its line break, or nil at the end. A line ends at LF, CRLF or a
    /// lone CR (classic Mac line ends; JSON allows no raw CR inside a string).
    public func next() -> [UInt8]? {
        switch next(limit: .max) {
        case .bytes(let bytes)?: bytes
        case .tooLong?, nil: nil  // no line is longer than Int.max
        }
    }

    /// The next line without its line break (LF, CRLF or a lone CR; a NUL byte when
    /// `nulSeparated`), or its length alone when it
    /// is longer than `limit` bytes: then at most `limit` bytes of it are held at once, the rest
    /// read past. Nil at the end.
    public func next(limit: Int) -> Line? {
        if afterCR {
            // The line before ended at a CR: an LF right after it belongs to that line break.
            afterCR = false
            if position < filled || refill(), chunk[position] == 0x0A { position += 1 }
        }
        var bytes: [UInt8] = []
        var length = 0  // bytes before the line break
        var read = false
        while position < filled || refill() {
            read = true
            let start = chunk + position
            let available = filled - position
            let lf = memchr(start, nulSeparated ? 0 : 0x0A, available).map { $0.assumingMemoryBound(to: UInt8.self) - start }
            let cr = nulSeparated ? nil : memchr(start, 0x0D, lf ?? available).map { $0.assumingMemoryBound(to: UInt8.self) - start }
            let end = cr ?? lf
            let take = end ?? available
            if take > 0 {
                if bytes.count < limit {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: min(take, limit - bytes.count)))
                }
                length += take
            }
            position += take
            if end != nil {
                position += 1  // the line break
                afterCR = cr != nil
                break
            }
        }
        guard read else { return nil }
        lineNumber += 1
        if length > limit { return .tooLong(length) }
        return .bytes(bytes)
    }

    /// The name of a compressed or binary format the input starts with ("gzip archive",
    /// `BinaryDetector.signatures`), nil otherwise. Call before reading: it looks at the first chunk.
    public func binaryFormat() -> String? {
        guard lineNumber == 0, position < filled || refill() else { return nil }
        return BinaryDetector.signature(Array(UnsafeBufferPointer(start: chunk + position, count: min(filled - position, 16))))
    }

    private func refill() -> Bool {
        // Standard input gone quiet is waited on until `InputWake.wake` (Ctrl-C in a batch).
        filled = max(0, InputWake.read(fd, chunk, LineStream.chunkSize, regularFile: regularFile))
        position = 0
        return filled > 0
    }
}
