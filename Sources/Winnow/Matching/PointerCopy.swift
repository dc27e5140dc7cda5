extension UnsafeMutablePointer {
    /// A new buffer holding a copy of `array` (at least one element's room, so an empty table
    /// still has an address): how the matching tables keep their data out of Swift arrays' reference
    /// counts and bounds checks on the hot path. The owner deallocates it.
    static func copying(_ array: [Pointee]) -> UnsafeMutablePointer<Pointee> {
        let p = UnsafeMutablePointer<Pointee>.allocate(capacity: Swift.max(1, array.count))
        p.initialize(from: array, count: array.count)
        return p
    }
}
