import Foundation

/// Durations collected by a benchmark, in milliseconds, with the percentiles it reports.
public struct Latencies: Sendable {
    public private(set) var milliseconds: [Double] = []

    public init(_ milliseconds: [Double] = []) { self.milliseconds = milliseconds }

    public mutating func append(_ value: Double) { milliseconds.append(value) }
    public mutating func append(contentsOf other: Latencies) { milliseconds += other.milliseconds }

    public var count: Int { milliseconds.count }

    /// The nearest-rank percentile `p` (0–100); 0 when empty.
    public func percentile(_ p: Double) -> Double {
        guard !milliseconds.isEmpty else { return 0 }
        let sorted = milliseconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    public var p50: Double { percentile(50) }
    public var p99: Double { percentile(99) }
    public var max: Double { milliseconds.max() ?? 0 }
    public var mean: Double { milliseconds.isEmpty ? 0 : milliseconds.reduce(0, +) / Double(milliseconds.count) }

    /// Times `body` in milliseconds on a monotonic clock.
    public static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
}
