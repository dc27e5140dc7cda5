/// Reading an array of objects (a line's candidates, a line's hits) without retaining each one
/// (steps 400-403 in docs/performance.md).
///
/// `for c in candidates[i]`, `contains(where:)` and `first(where:)` retained each element they
/// handed on, then released it: two atomic operations per element read (in the walks alone about
/// 16 K retains and as many releases per 160 news pages; in the segmenter about 7 K). Here each
/// element is loaded as a bare pointer from the array's buffer and handed to `body` as a
/// guaranteed reference (`Unmanaged._withUnsafeGuaranteedRef`), as the matcher reads its rules
/// (`RuleMatcher.borrowedRules`). (The array itself, read out of an array of arrays, is still
/// retained: reading it from an `UnsafeBufferPointer` copies it as `self[i]` does.)
///
/// Why it is safe: the array is `self`, borrowed for the whole call (`withUnsafeBufferPointer`),
/// and an array holds a strong reference to each of its elements, so every element outlives
/// `body`'s use of it. `body` must not change the array it reads (none of the callers can: they
/// read a `let` copy or a parameter), and must not keep the reference past its return without
/// retaining it (storing it, appending it, returning it: Swift retains on a copy out of a
/// guaranteed reference, as `first` below does).
extension Array where Element: AnyObject {
    /// Whether `test` holds for some element, each borrowed.
    @inline(__always)
    func containsBorrowed(where test: (Element) -> Bool) -> Bool {
        firstIndexBorrowed(where: test) != nil
    }

    /// The first element `test` holds for (retained: it is returned), each tested borrowed.
    @inline(__always)
    func firstBorrowed(where test: (Element) -> Bool) -> Element? {
        firstIndexBorrowed(where: test).map { self[$0] }
    }

    /// The index of the first element `test` holds for, each borrowed.
    @inline(__always)
    func firstIndexBorrowed(where test: (Element) -> Bool) -> Int? {
        withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            for k in 0..<buffer.count {
                let object = raw.load(fromByteOffset: k &* MemoryLayout<UnsafeRawPointer>.stride, as: UnsafeRawPointer.self)
                if Unmanaged<Element>.fromOpaque(object)._withUnsafeGuaranteedRef(test) { return k }
            }
            return nil
        }
    }

    /// The first element `test` holds for, unretained: valid only while this array holds it
    /// (for an array that lives as long as its reader, as the matcher's own tables do).
    @inline(__always)
    func firstUnmanaged(where test: (Element) -> Bool) -> Unmanaged<Element>? {
        withUnsafeBufferPointer { buffer -> Unmanaged<Element>? in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            for k in 0..<buffer.count {
                let object = Unmanaged<Element>.fromOpaque(
                    raw.load(fromByteOffset: k &* MemoryLayout<UnsafeRawPointer>.stride, as: UnsafeRawPointer.self))
                if object._withUnsafeGuaranteedRef(test) { return object }
            }
            return nil
        }
    }

    /// `body` on each element in order, borrowed, until it returns false; whether it ran to the end.
    @inline(__always)
    func allBorrowed(_ body: (Element) -> Bool) -> Bool {
        withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            for k in 0..<buffer.count {
                let object = raw.load(fromByteOffset: k &* MemoryLayout<UnsafeRawPointer>.stride, as: UnsafeRawPointer.self)
                if !Unmanaged<Element>.fromOpaque(object)._withUnsafeGuaranteedRef(body) { return false }
            }
            return true
        }
    }
}
