import Testing
@testable import Winnow

/// Steps 400-402 in docs/performance.md: arrays of objects read borrowed (`containsBorrowed`,
/// `firstBorrowed`, `firstIndexBorrowed`, `allBorrowed`, `firstUnmanaged`) give what the
/// standard reads give, leave every element's reference count as it was, and do not retain an
/// element while testing it (a retain and a release around each test, balanced, is what the
/// borrowed reads save: `elementsAreNotRetainedWhileTested`).
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

    /// Each element's reference count as the test closure sees it, during each borrowed read,
    /// is the count the same closure sees on an element loaded from the array's storage and
    /// handed to it unretained (`Unmanaged._withUnsafeGuaranteedRef`): a read that retained the element around the
    /// test and released it after (balanced, so `isKnownUniquelyReferenced` afterwards holds)
    /// shows one more. The reader `retainingFirstIndex`, which does so, is caught: the check
    /// can fail.
    @Test func elementsAreNotRetainedWhileTested() {
        let boxes = (0..<5).map { Box($0) }
        var seen: [UInt] = []
        let probe: (Box) -> Bool = { box in
            seen.append(_getRetainCount(box))
            return false
        }
        // Each element straight from the array's storage, as no read of the standard library
        // hands it (a `for` loop's variable, `boxes[k]`, holds a retain of its own).
        boxes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawPointer(buffer.baseAddress!)
            for k in buffer.indices {
                let object = raw.load(fromByteOffset: k * MemoryLayout<UnsafeRawPointer>.stride, as: UnsafeRawPointer.self)
                _ = Unmanaged<Box>.fromOpaque(object)._withUnsafeGuaranteedRef(probe)
            }
        }
        let unretained = seen
        #expect(unretained.count == boxes.count)
        func counts(_ read: () -> Void) -> [UInt] {
            seen = []
            read()
            return seen
        }
        #expect(counts { _ = boxes.containsBorrowed(where: probe) } == unretained)
        #expect(counts { _ = boxes.firstIndexBorrowed(where: probe) } == unretained)
        #expect(counts { _ = boxes.firstBorrowed(where: probe) } == unretained)
        #expect(counts { _ = boxes.firstUnmanaged(where: probe) } == unretained)
        #expect(counts { _ = boxes.allBorrowed { !probe($0) } } == unretained)
        // The check fails on a read that retains and releases each element around its test.
        let retained = counts { _ = boxes.retainingFirstIndex(where: probe) }
        #expect(retained.count == unretained.count && zip(retained, unretained).allSatisfy { $0 > $1 })
    }
}

extension Array where Element: AnyObject {
    /// `firstIndexBorrowed` as it would be with a retain and a release around each test: the
    /// reader `elementsAreNotRetainedWhileTested` must catch.
    fileprivate func retainingFirstIndex(where test: (Element) -> Bool) -> Int? {
        for k in indices {
            let element = self[k]
            if withExtendedLifetime(element, { test(element) }) { return k }
        }
        return nil
    }
}
