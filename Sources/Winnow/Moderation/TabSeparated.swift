/// A model file (`TokenStatistics`, `DocumentFrequencies`, `LogisticModel`) read by bytes: its
/// lines, and each line's tab-separated fields, as ranges of one byte array. The three files are
/// most of the bytes every run loads, and splitting them into arrays of substrings line by line
/// was a tenth of the start-up (step 613 in docs/performance.md).
struct TabSeparated {
    let bytes: [UInt8]
    /// Each line's range, without its line feed; the empty line after a final line feed is
    /// dropped (as the files end).
    let lines: [Range<Int>]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        lines.append(start..<bytes.count)
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    /// Line `k` (0-based) as text: the header.
    func line(_ k: Int) -> Substring { Substring(string(lines[k])) }

    /// The fields of line `k` split at tabs (empty fields kept), into `fields`.
    func fields(_ k: Int, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        var start = lines[k].lowerBound
        for i in lines[k] where bytes[i] == 0x09 {
            fields.append(start..<i)
            start = i + 1
        }
        fields.append(start..<lines[k].upperBound)
    }

    func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
    func integer(_ r: Range<Int>) -> Int? { Int(string(r)) }
    func number(_ r: Range<Int>) -> Double? { Double(string(r)) }
}
