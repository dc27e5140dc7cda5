import Foundation

/// Reads a page's bytes from a path or standard input (`-`) and decodes it.
///
/// Refuses, with a message naming the reason, a page larger than the size limit (checked before
/// reading, so a huge file never fills memory) and a binary file passed by mistake.
public enum PageReader {
    public struct ReadError: Error {
        public let message: String
    }

    /// The default page-size limit: far above any real web page, low enough that labelling a
    /// page of that size (a few copies of its text) fits in memory.
    public static let defaultMaxBytes = 128 * 1024 * 1024

    public static func read(path: String, maxBytes: Int = defaultMaxBytes) throws(ReadError) -> Page {
        let bytes: [UInt8]
        if path == "-" {
            bytes = try readChunks(FileHandle.standardInput, maxBytes: maxBytes)
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(message: "no such file")
            }
            guard !isDirectory.boolValue else { throw ReadError(message: "is a directory") }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size > maxBytes { throw tooLarge(size, maxBytes) }
            // Read through a file handle, not FileManager.contents(atPath:), which leaks a buffer on
            // an empty file (found by the address sanitizer's leak check). A file that grew after
            // the size check, or a device reporting size 0, is caught by the chunked read.
            // Opened here for the reason of a failure: "cannot read file" said none (a page of
            // mode 000 under `audit DIR`, session 29, gaps33).
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ReadError(message: "cannot read (\(String(cString: strerror(errno))))") }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            defer { try? handle.close() }
            bytes = try readChunks(handle, maxBytes: maxBytes, expected: size)
        }
        return try decode(source: path, bytes: bytes)
    }

    /// Decodes bytes already in memory, refusing binary data.
    public static func decode(source: String, bytes: [UInt8]) throws(ReadError) -> Page {
        if let reason = BinaryDetector.reason(bytes) {
            throw ReadError(message: "binary file, not labelled (\(reason))")
        }
        let page = Page(source: source, bytes: bytes)
        guard page.lines.allSatisfy(Page.isBlank) else { return page }
        let what = bytes.isEmpty ? "empty page" : "page has only blank lines"
        return Page(source: page.source, lines: page.lines, warnings: page.warnings + ["\(what): nothing to label"])
    }

    /// Reads in chunks, stopping as soon as the limit is passed. Room for the `expected` size
    /// (the file's) is made at once: grown by doubling, a 50 MB page took a 64 MB buffer.
    static func readChunks(_ input: FileHandle, maxBytes: Int, expected: Int = 0) throws(ReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        if expected > 0 { bytes.reserveCapacity(min(expected, maxBytes) + 1) }
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { return bytes }
            bytes += chunk
            if bytes.count > maxBytes { throw tooLarge(nil, maxBytes) }
        }
    }

    /// What a file of this mode is when it is neither a regular file nor a directory ("a named
    /// pipe (FIFO)", "a character device"): reading one as a page waits for a writer for ever (a
    /// FIFO) or never ends (/dev/zero). Nil for a regular file or a directory.
    public static func notAFile(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a file of another kind"
        }
    }

    /// `notAFile(mode:)` of the file at `path` (symbolic links followed); nil when it cannot be read.
    public static func notAFile(path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return notAFile(mode: info.st_mode)
    }

    static func tooLarge(_ size: Int?, _ maxBytes: Int) -> ReadError {
        let actual = size.map { " (\($0) bytes)" } ?? ""
        return ReadError(message: "page too large\(actual): the limit is \(maxBytes) bytes; raise it with --max-page-bytes")
    }
}
