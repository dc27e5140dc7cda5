import Foundation
import Testing
@testable import Winnow

/// Replays every input kept under Fixtures/fuzz/<target>/ (the seed corpus and, in crashes/,
/// each input a fuzzer once crashed on) through the checks the fuzz targets make (Fuzz/).
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let root = Repo.path("Fixtures/fuzz/\(target)")
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.map { root + "/" + $0 }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func everyTargetHasInputs() {
        for target in ["page", "rule-loader", "label", "csv", "jsonl", "line-stream"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
    }

    @Test(arguments: inputs("page"))
    func pageModel(path: String) throws {
        let page = Page(source: path, bytes: try Self.bytes(path))
        #expect(page.lines.allSatisfy { !$0.utf8.contains(0x0A) && !$0.utf8.contains(0x0D) })
    }

    @Test(arguments: inputs("rule-loader"))
    func ruleLoader(path: String) throws {
        guard let text = String(validating: try Self.bytes(path), as: UTF8.self) else { return }
        do {
            _ = try RuleLoader.parse(yaml: text, file: "fuzz.yml")
        } catch {
            #expect(error.errors.allSatisfy { $0.line >= 1 && $0.file == "fuzz.yml" })
        }
    }

    @Test(arguments: inputs("label"))
    func labelPipeline(path: String) throws {
        guard let page = try? PageReader.decode(source: path, bytes: try Self.bytes(path)) else { return }
        let result = Labeler(rules: Repo.rules).label(page)
        #expect(result.lines.count == page.lines.count)
        var last = 0
        for s in result.segments {
            #expect(s.lines.lowerBound > last && s.lines.upperBound <= page.lines.count)
            last = s.lines.upperBound
        }
    }

    /// The reader targets (Fuzz/Sources/FuzzCSV, FuzzJSONLines, FuzzLineStream), each input read as
    /// they read it, and cut at every byte: a record cut anywhere is still read whole or refused.
    static func readerCheck(_ target: String, _ bytes: [UInt8]) -> String? {
        guard let first = bytes.first else { return nil }
        switch target {
        case "csv": return first & 1 == 0 ? ReaderChecks.csv(Array(bytes.dropFirst(2)), limit: 1 + Int(bytes.dropFirst().first ?? 0))
                                          : ReaderChecks.roundTrip(Array(bytes.dropFirst()))
        case "jsonl": return ReaderChecks.jsonLines(Array(bytes.dropFirst()), limit: 1 + Int(first))
        default: return ReaderChecks.lineStream(Array(bytes.dropFirst()), limit: Int(first))
        }
    }

    @Test(arguments: inputs("csv") + inputs("jsonl") + inputs("line-stream"))
    func readers(path: String) throws {
        let target = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let bytes = try Self.bytes(path)
        for cut in 0...bytes.count {
            let failure = Self.readerCheck(name, Array(bytes.prefix(cut)))
            #expect(failure == nil, "\(name) \(path) cut at \(cut): \(failure ?? "")")
            if failure != nil { break }
        }
    }

    /// The checks find what they are for: a reference that lost a line, a limit not kept.
    @Test func readerChecksFailWhereTheyShould() {
        #expect(ReaderChecks.referenceLines(Array("a\r\nb\rc\n\nd".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c", "", "d"])
        #expect(ReaderChecks.fields([0x61, 0xFF, 0x62, 0xFE, 0x63]) == [[[0x61], [0x62]], [[0x63]]])
        #expect(ReaderChecks.roundTrip(Array("a \"quote\"\u{FE}\r\u{FF}".utf8)) == nil)
    }

    /// A field of 50 MB under a 1 MB limit: the CSV row and the JSON line are refused, never held
    /// (each check fails if a row holds more than the limit), and the records around them are read.
    @Test func aFiftyMegabyteFieldIsReadPastUnderTheLimit() {
        let big = [UInt8](repeating: 0x61, count: 50 << 20)
        let csv = Array("id,content\n1,a\n2,\"".utf8) + big + Array("\"\n3,c\n".utf8)
        #expect(ReaderChecks.csv(csv, limit: 1 << 20) == nil)
        let jsonl = Array("{\"text\": \"a\"}\n{\"text\": \"".utf8) + big + Array("\"}\n{\"text\": \"c\"}\n".utf8)
        #expect(ReaderChecks.jsonLines(jsonl, limit: 1 << 20) == nil)
    }
}
