/// `winnow eval`: gold labels against moderation labels, as a confusion table with per-label
/// precision, recall and F1, accuracy and macro-F1.
///
/// Gold sets with two labels ask one question, so the third label is folded in: against
/// `promotional` / `not-promotional`, on-topic and off-topic count as not-promotional; against
/// `on-topic` / `off-topic`, promotional counts as off-topic (spam is off any topic).
public struct EvalMetrics: Sendable {
    /// gold -> predicted -> count, predictions as the model gave them.
    public private(set) var confusion: [String: [String: Int]] = [:]
    public private(set) var count = 0

    public init() {}

    public mutating func add(gold: String, predicted: String) {
        confusion[gold, default: [:]][predicted, default: 0] += 1
        count += 1
    }

    public var goldLabels: [String] { confusion.keys.sorted() }

    /// The gold labels a prediction can be scored against: Winnow's three kinds, and
    /// `not-promotional` (the other two folded, `folded(_:)`).
    public static let knownGoldLabels: Set<String> = ["on-topic", "off-topic", "promotional", "not-promotional"]

    /// Gold labels that are none of `knownGoldLabels` ("spam", "ham", "1"), with their counts:
    /// every comment under one counts as wrong, which the table alone did not say.
    public var unknownGoldLabels: [(label: String, count: Int)] {
        goldLabels.filter { !Self.knownGoldLabels.contains($0) }.map { ($0, confusion[$0]!.values.reduce(0, +)) }
    }

    /// The prediction as scored against this gold set, and a sentence saying so when it folds.
    public func folded(_ predicted: String) -> String {
        let gold = Set(confusion.keys)
        if gold.contains(predicted) { return predicted }
        if predicted != "promotional" && gold.contains("not-promotional") { return "not-promotional" }
        if predicted == "promotional" && gold.contains("off-topic") { return "off-topic" }
        return predicted
    }

    public var foldingNote: String? {
        let gold = Set(confusion.keys)
        if gold.contains("not-promotional") { return "on-topic and off-topic count as not-promotional" }
        if gold.contains("off-topic") && !gold.contains("promotional") { return "promotional counts as off-topic" }
        return nil
    }

    public struct Scores: Sendable {
        public let precision: Double, recall: Double, f1: Double, support: Int
    }

    public func scores(for label: String) -> Scores {
        var tp = 0, fp = 0, fn = 0
        for (gold, row) in confusion {
            for (p, n) in row {
                let predicted = folded(p)
                if gold == label && predicted == label { tp += n }
                else if predicted == label { fp += n }
                else if gold == label { fn += n }
            }
        }
        let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        let recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return Scores(precision: precision, recall: recall, f1: f1, support: tp + fn)
    }

    public var accuracy: Double {
        let right = confusion.reduce(0) { sum, entry in sum + entry.value.filter { folded($0.key) == entry.key }.values.reduce(0, +) }
        return count == 0 ? 0 : Double(right) / Double(count)
    }

    public var macroF1: Double {
        let labels = goldLabels
        return labels.isEmpty ? 0 : labels.reduce(0) { $0 + scores(for: $1).f1 } / Double(labels.count)
    }

    public func render() -> String {
        let labels = goldLabels
        var out = "label".rightPad(18) + "precision  recall      f1  support\n"
        for label in labels {
            let s = scores(for: label)
            out += label.rightPad(18) + fixed(s.precision).leftPad(9) + fixed(s.recall).leftPad(8)
                + fixed(s.f1).leftPad(8) + String(s.support).leftPad(9) + "\n"
        }
        out += "\naccuracy  \(fixed(accuracy))\nmacro-F1  \(fixed(macroF1))\n"
        let predicted = Set(confusion.values.flatMap(\.keys)).sorted()
        out += "\nconfusion (rows: gold, columns: predicted\(foldingNote.map { "; " + $0 } ?? ""))\n"
        out += "".rightPad(18) + predicted.map { $0.leftPad(14) }.joined() + "\n"
        for label in labels {
            out += label.rightPad(18) + predicted.map { String(confusion[label]?[$0] ?? 0).leftPad(14) }.joined() + "\n"
        }
        return out
    }

    func fixed(_ v: Double) -> String {
        let n = Int((v * 1000).rounded())
        return "\(n / 1000).\(String(n % 1000).leftPad(3).replacingSpaces())"
    }
}
