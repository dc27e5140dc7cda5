/// An array of `count` copies of one value, allocated through the compiler's specialised path
/// (step 560 in docs/performance.md).
///
/// `Array(repeating:count:)` allocates through the standard library's
/// `Array._allocateBufferUninitialized(minimumCapacity:)`, which is not inlinable: it runs
/// unspecialised and asks the runtime for the storage class's metadata on each call
/// (`swift_getGenericMetadata`, a lookup in a concurrent hash map). Once a page per array, that
/// code is cold in the instruction cache each time: about 30-70 I1 misses a call, more than
/// filling the array. `Array(repeatElement(_:count:))` copies a collection instead, through the
/// inlinable `_copyCollectionToContiguousArray`, whose storage class is a type of this module
/// with its metadata cached. The elements are the same.
extension Array {
    @inline(__always)
    init(filled value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
