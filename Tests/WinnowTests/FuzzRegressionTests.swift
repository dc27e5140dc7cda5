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
        for target in ["page", "rule-loader", "label"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
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
}
