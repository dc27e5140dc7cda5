import Yams

/// Strict typed reads from a Yams node tree, each failure a `RuleError` with the node's line.
struct YAMLReader {
    let file: String
    var errors: [RuleError] = []

    init(file: String) { self.file = file }

    static func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }

    mutating func fail(_ node: Node?, _ ruleID: String?, _ message: String) {
        errors.append(RuleError(file: file, line: YAMLReader.line(node), ruleID: ruleID, message: message))
    }

    /// The pairs of a mapping, rejecting duplicate and unknown keys.
    mutating func pairs(_ node: Node, allowed: Set<String>?, ruleID: String?, what: String) -> [(String, Node)] {
        guard case .mapping(let mapping) = node else {
            fail(node, ruleID, "\(what) must be a mapping")
            return []
        }
        var seen: Set<String> = []
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { fail(keyNode, ruleID, "\(what): keys must be strings"); continue }
            if !seen.insert(key).inserted { fail(keyNode, ruleID, "\(what): duplicate key '\(key)'"); continue }
            if let allowed, !allowed.contains(key) {
                let guess = YAMLReader.nearest(key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                fail(keyNode, ruleID, "\(what): unknown key '\(key)' (\(guess)allowed: \(allowed.sorted().joined(separator: ", ")))")
                continue
            }
            result.append((key, value))
        }
        return result
    }

    /// "did you mean 'x'? " for the nearest of `allowed` (`nearest`), or "": a mistyped label,
    /// mark or condition value named as a mistyped key is.
    static func guess(_ typed: String, in allowed: [String]) -> String {
        nearest(typed, in: Set(allowed)).map { "did you mean '\($0)'? " } ?? ""
    }

    /// " (did you mean 'x'?)", or "".
    static func guessNote(_ typed: String, in allowed: [String]) -> String {
        nearest(typed, in: Set(allowed)).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The allowed key a mistyped one most likely meant: the nearest within two edits
    /// ("descripton", "max_word", "no-match"), nil when none is that near.
    static func nearest(_ key: String, in allowed: Set<String>) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
            var row = Array(0...b.count)
            for i in 1...a.count {
                var previous = row[0]
                row[0] = i
                for j in 1...b.count {
                    let kept = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = kept
                }
            }
            return row[b.count]
        }
        let typed = Array(key.lowercased())
        let scored = allowed.map { (distance(typed, Array($0)), $0) }.filter { $0.0 <= 2 }
        return scored.min { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }?.1
    }

    mutating func string(_ node: Node, _ ruleID: String?, _ key: String) -> String? {
        guard case .scalar(let scalar) = node else { fail(node, ruleID, "'\(key)' must be a string"); return nil }
        return scalar.string
    }

    mutating func number(_ node: Node, _ ruleID: String?, _ key: String) -> Double? {
        if case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingWhitespace), value.isFinite {
            return value
        }
        fail(node, ruleID, "'\(key)' must be a number")
        return nil
    }

    mutating func integer(_ node: Node, _ ruleID: String?, _ key: String) -> Int? {
        if case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingWhitespace) { return value }
        fail(node, ruleID, "'\(key)' must be a whole number")
        return nil
    }

    mutating func bool(_ node: Node, _ ruleID: String?, _ key: String) -> Bool? {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        fail(node, ruleID, "'\(key)' must be true or false")
        return nil
    }

    mutating func strings(_ node: Node, _ ruleID: String?, _ key: String) -> [String]? {
        if case .scalar(let scalar) = node { return [scalar.string] }
        guard case .sequence(let sequence) = node else { fail(node, ruleID, "'\(key)' must be a list of strings"); return nil }
        var result: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else { fail(item, ruleID, "'\(key)' must be a list of strings"); return nil }
            result.append(scalar.string)
        }
        return result
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }
}
