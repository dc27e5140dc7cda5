import Testing
@testable import Winnow

/// Labels compare by a code for the known kinds and by name for any other (a rule file may
/// score a kind the engine does not list); both ways must agree with the labels' names.
@Suite struct LabelTests {
    @Test func knownAndUnknownKindsCompareByTheirNames() throws {
        let widget = Label(.boilerplate, "widget")
        #expect(widget == Label(.boilerplate, "widget"))
        #expect(widget.hashValue == Label(.boilerplate, "widget").hashValue)
        #expect(widget != Label(.boilerplate, "gadget"))
        #expect(widget != Label(.comment, "widget"))
        #expect(widget != Label(.boilerplate, "related"))
        #expect(Label(.boilerplate, "related") != widget)
        #expect(try #require(Label(parsing: "boilerplate.related")) == Label(.boilerplate, "related"))
        #expect(try #require(Label(parsing: "comment")) == Label(.comment))
        #expect(Label(.comment) != Label(.comment, "on-topic"))
        #expect(Label(.article) != Label(.article, "lead"))
        #expect(Set([widget, Label(.boilerplate, "widget"), Label(.boilerplate, "related")]).count == 2)
    }
}
