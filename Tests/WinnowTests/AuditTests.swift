import Foundation
import Testing
@testable import Winnow

/// `winnow audit --line N` shows the engine step `walk.name-line` with the test that rejected the line.
@Suite struct AuditTests {
    let labeler = Labeler(rules: Repo.rules)

    static let page = Page(source: "audit-test", lines: [
        "Harbour ferry runs late again",
        "",
        "The morning ferry left the harbour forty minutes late on Tuesday, the third delay this week, and commuters said they had stopped trusting the timetable.",
        "The operator blamed a fault in the loading ramp and said a new part would arrive by the end of the month.",
        "",
        "Latest Articles",
        "3 hours ago",
        "Tribune staff reporter",
        "Jane Doe",
    ])

    @Test func theNameLineStepNamesTheTestAndWordThatRejectedALine() throws {
        let result = labeler.label(AuditTests.page)
        let text = AuditReport.render(result, only: [6, 8, 9])
        #expect(text.contains("walk.name-line: no: holds the section-heading word \"latest\""))
        #expect(text.contains("walk.name-line: no: ends in the byline role \"reporter\""))
        #expect(text.contains("walk.name-line: yes"))
        // The full audit stays as it was: the step shows for the lines asked for.
        #expect(!AuditReport.render(result).contains("walk.name-line"))
    }

    @Test func theNameLineVerdictIsTheWalksTest() {
        func verdict(_ text: String) -> Walk.NameLine {
            var f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            f.position = 0.5
            return Walk.nameLine(text, f)
        }
        #expect(verdict("Latest Articles") == .sectionWord("latest"))
        #expect(verdict("By Jane") == .byline)
        #expect(verdict("Key dates:") == .label)
        #expect(verdict("Deidre Reply:") == .name)
        #expect(verdict("Priya N.") == .name)
        #expect(verdict("#1 Ines") == .name)
        #expect(verdict("369") == .noLetter)
        #expect(verdict("New life for McGovern") == .headlineStopwords)
        #expect(verdict("This is a sentence of more words") == .tooManyWords(7))
        for text in ["Latest Articles", "Jane Doe", "By Jane Doe", "Priya N.", "369", "Tribune staff reporter"] {
            let f = LineFeatures(text: text, stopwords: Repo.rules.stopwords)
            #expect(Walk.isNameLine(text, f) == (Walk.nameLine(text, f) == .name))
        }
    }
}
