#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input) through a fixed buffer, a byte at a time, so batch inputs of
/// any size stream in constant memory.
public final class ByteReader {
    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var position = 0
    private var filled = 0
    private var atEnd = false
    /// Bytes handed out so far (for progress and ETA).
    public private(set) var consumed = 0
    /// Size of the file when known (not for pipes).
    public let totalBytes: Int?

    /// `-` reads standard input.
    public init(path: String, bufferSize: Int = 1 << 16) throws(OpenError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw OpenError(description: "\(path): cannot open (\(String(cString: strerror(errno))))") }
            ownsDescriptor = true
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            if ownsDescriptor { close(fd) }
            throw OpenError(description: "\(path): is a directory")
        }
        totalBytes = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// The next byte, or nil at the end of the input (a read error also ends the input).
    @inline(__always)
    public func next() -> UInt8? {
        if position == filled, !refill() { return nil }
        let byte = buffer[position]
        position += 1
        consumed += 1
        return byte
    }

    /// The next byte without consuming it.
    @inline(__always)
    public func peek() -> UInt8? {
        if position == filled, !refill() { return nil }
        return buffer[position]
    }

    /// Skips a UTF-8 byte-order mark at the very start of the input (spreadsheet programs write
    /// one before a CSV's header), counting its bytes as consumed. Call before reading.
    public func skipByteOrderMark() {
        guard consumed == 0, position < filled || refill() else { return }
        // A pipe may hand the mark over in pieces: read on while what came is its beginning (an
        // input that starts otherwise is not waited on).
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        while position == 0, filled < 3, filled < capacity, !atEnd,
              (0..<filled).allSatisfy({ buffer[$0] == mark[$0] }) {
            let n = InputWake.read(fd, buffer + filled, capacity - filled, regularFile: totalBytes != nil)
            if n > 0 { filled += n } else { atEnd = true }
        }
        if filled - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
            consumed += 3
        }
    }

    /// "little-endian" or "big-endian" when the input starts with a UTF-16 byte-order mark (a
    /// spreadsheet's "Unicode text", PowerShell's `>`); nil otherwise. Call before reading.
    public func utf16ByteOrder() -> String? {
        guard consumed == 0, position < filled || refill(), filled - position >= 2 else { return nil }
        switch (buffer[position], buffer[position + 1]) {
        case (0xFF, 0xFE): return "little-endian"
        case (0xFE, 0xFF): return "big-endian"
        default: return nil
        }
    }

    /// The name of a compressed or binary format the input starts with ("gzip archive",
    /// `BinaryDetector.signatures`), nil otherwise. Call before reading.
    public func binaryFormat() -> String? {
        guard consumed == 0, position < filled || refill() else { return nil }
        return BinaryDetector.signature(Array(UnsafeBufferPointer(start: buffer + position, count: min(filled - position, 16))))
    }

    private func refill() -> Bool {
        guard !atEnd else { return false }
        // A pipe or terminal that has gone quiet is waited on until `InputWake.wake` (Ctrl-C).
        let n = InputWake.read(fd, buffer, capacity, regularFile: totalBytes != nil)
        if n > 0 {
            position = 0
            filled = n
            return true
        }
        atEnd = true
        return false
    }
}
