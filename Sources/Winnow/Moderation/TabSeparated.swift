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

    /// The field as an integer, as `Int(String)` reads it: a plain `-?[0-9]{1,18}` from its
    /// bytes, anything else (a `+`, more digits, no digit) through `Int(String)`.
    func integer(_ r: Range<Int>) -> Int? {
        if let (negative, mantissa, digits, fraction) = Self.plainDecimal(bytes, r), fraction < 0, digits <= 18 {
            return negative ? -Int(mantissa) : Int(mantissa)
        }
        return Int(string(r))
    }

    /// The field as a number, as `Double(String)` reads it (every weight of a model file): a
    /// plain `-?[0-9]+(\.[0-9]+)?` of at most 15 digits, whose digits as an integer and the
    /// power of ten it is divided by are both exact doubles, is that integer divided by the
    /// power: one correctly rounded division, the double nearest the decimal, which `strtod`
    /// gives too (a model file's 45,000 weights cost 38 M instructions by `Double(String)`,
    /// step 661 in docs/performance.md). Anything else (an exponent, more digits) goes
    /// through `Double(String)`.
    func number(_ r: Range<Int>) -> Double? {
        if let (negative, mantissa, digits, fraction) = Self.plainDecimal(bytes, r), digits <= 15 {
            let x = fraction <= 0 ? Double(mantissa) : Double(mantissa) / Self.powersOfTen[fraction]
            return negative ? -x : x
        }
        return Double(string(r))
    }

    /// 10^0 ... 10^22, each an exact double.
    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    /// `-?[0-9]+(\.[0-9]+)?` at `bytes[r]`: its sign, its digits as an integer (at most 18 of
    /// them read; `digits` counts them all) and the number of digits after the point (-1: no
    /// point); nil for anything else.
    static func plainDecimal(_ bytes: [UInt8], _ r: Range<Int>) -> (negative: Bool, mantissa: UInt64, digits: Int, fraction: Int)? {
        var i = r.lowerBound
        let negative = i < r.upperBound && bytes[i] == 0x2D
        if negative { i += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = -1
        while i < r.upperBound {
            let b = bytes[i]
            if b == 0x2E {
                guard fraction < 0, digits > 0 else { return nil }
                fraction = 0
            } else {
                guard b &- 0x30 < 10 else { return nil }
                if digits < 18 { mantissa = mantissa &* 10 &+ UInt64(b &- 0x30) }
                digits += 1
                if fraction >= 0 { fraction += 1 }
            }
            i += 1
        }
        guard digits > 0, fraction != 0 else { return nil }
        return (negative, mantissa, digits, fraction)
    }
}
