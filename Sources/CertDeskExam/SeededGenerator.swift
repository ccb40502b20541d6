/// A random number generator that gives the same sequence for the same seed, forever.
///
/// Papers store their seed so an auditor can draw them again; the algorithm (SplitMix64) and
/// the ways it is used (``uniform(below:)``, ``shuffle(_:)``) are spelled out here rather than
/// borrowed from the standard library, whose shuffling may change between Swift releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly drawn integer in `0..<bound`, without modulo bias (rejection sampling).
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = next()
            if value >= threshold { return Int(value % limit) }
        }
    }

    /// Shuffles in place (Fisher–Yates, from the last element down).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, uniform(below: index + 1))
        }
    }

    /// A shuffled copy.
    public mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var copy = elements
        shuffle(&copy)
        return copy
    }
}
