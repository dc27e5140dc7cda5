import Foundation

/// In how many documents of a reference corpus each content term occurs, for inverse document
/// frequency: a term most pages use ("government") says little about what a comment is about;
/// a rare one ("Aleppo") says much. Computed from the news development pages by
/// `winnow train terms` and shipped beside the rules.
public struct DocumentFrequencies: Sendable, Equatable {
    public var documents = 0
    public var counts: [String: Int] = [:]

    public init() {}

    /// Counts one document's distinct terms.
    public mutating func add(terms: some Sequence<String>) {
        documents += 1
        for term in Set(terms) { counts[term, default: 0] += 1 }
    }

    /// Smoothed inverse document frequency: log((N + 1) / (df + 1)), so an unseen term weighs most.
    public func idf(_ term: String) -> Double {
        log(Double(documents + 1) / Double((counts[term] ?? 0) + 1))
    }

    /// `#winnow-document-frequencies<TAB>documents=N`, then `term<TAB>count` sorted by term;
    /// terms in fewer than `minCount` documents are left out (they count as unseen).
    public func serialized(minCount: Int = 2) -> String {
        var out = "#winnow-document-frequencies\tdocuments=\(documents)\n"
        for (term, n) in counts.sorted(by: { $0.key < $1.key }) where n >= minCount { out += "\(term)\t\(n)\n" }
        return out
    }

    public init(parsing text: String) throws(TokenStatistics.FormatError) {
        // Split on bytes: Character splitting made loading the models most of a short run's time.
        let file = TabSeparated(text)
        guard !file.lines.isEmpty, case let header = file.line(0), header.hasPrefix("#winnow-document-frequencies\tdocuments="),
              let n = Int(header.dropFirst("#winnow-document-frequencies\tdocuments=".count)) else {
            throw .init(line: 1, message: "not a document-frequency file (first line must be '#winnow-document-frequencies<TAB>documents=N')")
        }
        documents = n
        counts.reserveCapacity(file.lines.count - 1)
        var parts: [Range<Int>] = []
        for index in file.lines.indices.dropFirst() {
            file.fields(index, into: &parts)
            guard parts.count == 2, let c = file.integer(parts[1]), c >= 0 else {
                throw .init(line: index + 1, message: "expected term<TAB>count")
            }
            counts[file.string(parts[0])] = c
        }
    }
}

