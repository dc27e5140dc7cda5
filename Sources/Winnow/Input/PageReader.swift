import Foundation

/// Reads a page's bytes from a path or standard input (`-`) and decodes it.
public enum PageReader {
    public struct ReadError: Error {
        public let message: String
    }

    public static func read(path: String) throws(ReadError) -> Page {
        if path == "-" {
            return Page(source: "-", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadError(message: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(message: "cannot read file") }
        return Page(source: path, bytes: [UInt8](data))
    }
}
