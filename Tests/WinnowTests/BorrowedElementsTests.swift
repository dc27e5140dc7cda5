import Testing
@testable import Winnow

/// Steps 400-402 in docs/performance.md: arrays of objects read borrowed (`containsBorrowed`,
/// `firstBorrowed`, `firstIndexBorrowed`, `allBorrowed`, `firstUnmanaged`) give what the
/// standard reads give, and leave every element's reference count as it was.
@Suite struct BorrowedElementsTests {
    final class Box {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    /// Every read against its standard counterpart, on arrays of 0 to 9 objects and every
    /// threshold, and each element still held by its array alone afterwards (a read that kept a
    /// retain fails `isKnownUniquelyReferenced`; one that released what it did not retain frees
    /// an element the array still holds, which the value reads after it catch, and the address
    /// sanitizer too).
    @Test func borrowedReadsMatchStandardOnesAndRetainNothing() {
        for count in 0..<10 {
            var boxes = (0..<count).map { Box($0 * 7 % 10) }
            for threshold in -1...10 {
                let test: (Box) -> Bool = { $0.value >= threshold }
                #expect(boxes.containsBorrowed(where: test) == boxes.contains(where: test))
                #expect(boxes.firstIndexBorrowed(where: test) == boxes.firstIndex(where: test))
                #expect(boxes.firstBorrowed(where: test) === boxes.first(where: test))
                #expect(boxes.firstUnmanaged(where: test)?.takeUnretainedValue() === boxes.first(where: test))
                var visited: [Int] = []
                let ranToEnd = boxes.allBorrowed { box in
                    visited.append(box.value)
                    return !test(box)
                }
                let stop = boxes.firstIndex(where: test)
                #expect(ranToEnd == (stop == nil))
                #expect(visited == Array(boxes.prefix(stop.map { $0 + 1 } ?? count).map(\.value)))
            }
            for i in boxes.indices {
                #expect(isKnownUniquelyReferenced(&boxes[i]), "element \(i) of \(count) kept a retain")
                #expect(boxes[i].value == i * 7 % 10)
            }
        }
    }
}
