/// Tells a binary file passed by mistake (an image, an archive, an executable) from a text page,
/// so it is reported instead of labelled. Text pages with a few NUL bytes or bad UTF-8 still
/// count as text: those are repaired and warned about by `Page`.
public enum BinaryDetector {
    /// Signatures of common binary formats, with a name for the error message.
    static let signatures: [(bytes: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "GIF image"), ([0x25, 0x50, 0x44, 0x46, 0x2D], "PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"), ([0x1F, 0x8B], "gzip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"), ([0x28, 0xB5, 0x2F, 0xFD], "zstd archive"),
        ([0x42, 0x5A, 0x68], "bzip2 archive"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz archive"),
        ([0x00, 0x61, 0x73, 0x6D], "WebAssembly module"), ([0x52, 0x49, 0x46, 0x46], "RIFF media file"),
    ]

    /// How many leading bytes are examined (as git and grep do, the head decides).
    static let sampleSize = 8192
    /// Share of control bytes (other than tab, LF, CR, FF, ESC) in the sample above which a file
    /// is binary. Scraped text has almost none; compressed or executable data has many.
    static let controlShare = 0.10

    /// The name of the format whose signature `bytes` start with ("gzip archive"), or nil.
    public static func signature(_ bytes: [UInt8]) -> String? {
        signatures.first(where: { bytes.starts(with: $0.bytes) })?.name
    }

    /// Why `bytes` look binary, or nil for text. UTF-16 with a byte-order mark is text.
    public static func reason(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if let name = signature(bytes) { return "looks like a \(name)" }
        let sample = bytes.prefix(sampleSize)
        guard !sample.isEmpty else { return nil }
        let controls = sample.reduce(0) { count, byte in
            let isControl = byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(byte) || byte == 0x7F
            return count + (isControl ? 1 : 0)
        }
        let share = Double(controls) / Double(sample.count)
        if share > controlShare {
            return "\(Int((share * 100).rounded()))% of its first \(sample.count) bytes are control bytes"
        }
        return nil
    }
}
