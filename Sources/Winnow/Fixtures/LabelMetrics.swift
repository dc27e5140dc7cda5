/// Precision, recall and F1 per label over labelled lines, plus comment-boundary scores.
public struct LabelMetrics: Sendable {
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        public var support: Int { truePositives + falseNegatives }

        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    public private(set) var perLabel: [String: Counts] = [:]
    public private(set) var boundaries = Counts()
    public private(set) var lines = 0

    public init() {}

    /// Adds one line's expected and actual labels (nil for blank lines, which do not count).
    public mutating func add(expected: Label?, actual: Label?) {
        guard expected != nil || actual != nil else { return }
        lines += 1
        if let e = expected, e == actual {
            perLabel[e.description, default: Counts()].truePositives += 1
            return
        }
        if let e = expected { perLabel[e.description, default: Counts()].falseNegatives += 1 }
        if let a = actual { perLabel[a.description, default: Counts()].falsePositives += 1 }
    }

    /// Adds comment starts: a start found on the expected line is a true positive.
    public mutating func addBoundaries(expected: Set<Int>, actual: Set<Int>) {
        boundaries.truePositives += expected.intersection(actual).count
        boundaries.falsePositives += actual.subtracting(expected).count
        boundaries.falseNegatives += expected.subtracting(actual).count
    }

    /// A table: label, precision, recall, F1, support.
    public func render() -> String {
        var out = "label".rightPad(28) + "precision  recall     f1  lines\n"
        for label in Label.all.map(\.description) {
            guard let c = perLabel[label] else { continue }
            out += row(label, c)
        }
        // With no comment start expected or found, a row of 0.000 read as every start missed.
        if boundaries.truePositives + boundaries.falsePositives + boundaries.falseNegatives == 0 {
            out += "comment boundaries".rightPad(28) + "(no comment start expected or found)\n"
        } else {
            out += row("comment boundaries", boundaries)
        }
        return out
    }

    func row(_ name: String, _ c: Counts) -> String {
        name.rightPad(28) + fixed(c.precision).leftPad(9) + fixed(c.recall).leftPad(8) + fixed(c.f1).leftPad(7)
            + String(c.support).leftPad(7) + "\n"
    }

    func fixed(_ v: Double) -> String {
        let n = Int((v * 1000).rounded())
        return "\(n / 1000).\(String(n % 1000).leftPad(3).replacingSpaces())"
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "0" : $0 }) }
}
