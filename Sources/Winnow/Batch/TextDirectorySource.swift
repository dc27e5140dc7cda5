import Foundation

/// Batch records from a directory of `.txt` pages (any case: `.TXT` too; searched recursively,
/// in path order): the id
/// is the path relative to the directory. Only the list of names is held in memory. A binary
/// file (`BinaryDetector`) is a record with an error, not a page.
public final class TextDirectorySource: BatchSource {
    private let directory: String
    private let paths: [String]
    private let maxRecordBytes: Int
    private var index = 0
    public private(set) var bytesRead = 0
    public let totalBytes: Int?

    public init(directory: String, maxRecordBytes: Int) {
        self.directory = directory
        self.maxRecordBytes = maxRecordBytes
        let found = Self.textFiles(in: directory)
        paths = found.map(\.path)
        totalBytes = found.reduce(0) { $0 + $1.size }
    }

    /// The `.txt` files below `directory` (any case, recursively), in path order, relative to
    /// it, with their sizes. `winnow audit DIR` reads the same pages as `winnow label DIR`.
    public static func textFiles(in directory: String) -> [(path: String, size: Int)] {
        var found: [(path: String, size: Int)] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.lowercased().hasSuffix(".txt") else { continue }
            found.append((relative, (enumerator?.fileAttributes?[.size] as? NSNumber)?.intValue ?? 0))
        }
        return found.sorted { $0.path < $1.path }
    }

    public var count: Int { paths.count }

    public func next() -> BatchRecord? {
        guard index < paths.count else { return nil }
        let relative = paths[index]
        index += 1
        let path = (directory as NSString).appendingPathComponent(relative)
        let record = FileRecord.load(path: Array(path.utf8), shown: relative, maxRecordBytes: maxRecordBytes,
                                     number: index, id: .string(relative))
        bytesRead += record.size
        return record
    }
}
