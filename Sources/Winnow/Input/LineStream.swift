#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input, `-`) one line at a time, so a JSON Lines input of any
/// size streams through in the memory of its longest line.
public final class LineStream {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    /// 1-based number of the line last read.
    public private(set) var lineNumber = 0

    public struct OpenError: Error { public let message: String }

    public init(path: String) throws(OpenError) {
        if path == "-" {
            guard let f = fdopen(0, "rb") else { throw OpenError(message: "cannot read standard input") }
            file = f
            ownsFile = false
        } else {
            guard let f = fopen(path, "rb") else { throw OpenError(message: String(cString: strerror(errno))) }
            file = f
            ownsFile = true
        }
    }

    deinit {
        free(buffer)
        if ownsFile { fclose(file) }
    }

    /// The next line without its line break (and a CR before it), or nil at the end.
    public func next() -> [UInt8]? {
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        lineNumber += 1
        var count = n
        if count > 0 && buffer[count - 1] == 0x0A { count -= 1 }
        if count > 0 && buffer[count - 1] == 0x0D { count -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}
