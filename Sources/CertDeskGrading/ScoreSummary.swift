import Foundation

/// Count, mean, spread, minimum, median and maximum of a list of scores, for a session report.
///
/// The standard deviation is the *sample* one (n − 1): a session is a sample of the
/// candidates who could have sat it. Reliability uses population variances instead; see
/// `docs/item-analysis.md`.
///
/// ```swift
/// ScoreSummary.of([40, 55, 66, 72.5])?.median  // 60.5
/// ```
public struct ScoreSummary: Sendable, Hashable, Codable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1 denominator); 0 when count < 2.
    public var standardDeviation: Double
    public var minimum: Double
    /// The middle value, or the mean of the two middle values for an even count.
    public var median: Double
    public var maximum: Double

    /// The summary of `values`, or nil when there are none.
    public static func of(_ values: [Double]) -> ScoreSummary? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let middle = sorted.count / 2
        return ScoreSummary(
            count: values.count, mean: mean, standardDeviation: values.count < 2 ? 0 : (squares / (count - 1)).squareRoot(),
            minimum: sorted[0],
            median: sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle],
            maximum: sorted[sorted.count - 1])
    }
}

/// Percentages counted into equal bins from 0 to 100, and drawn as a bar chart.
///
/// With the default width of 10 the bins are [0, 10), [10, 20) … [90, 100]; 100 falls in
/// the last bin. Values below 0 count in the first bin, above 100 in the last; values that
/// are not finite are skipped.
public struct ScoreHistogram: Sendable, Hashable, Codable {
    /// 0, 10, … 90 for the default width.
    public var lowerBounds: [Double]
    /// How many percentages fell in each bin.
    public var counts: [Int]

    /// Counts `percentages` into bins `width` points wide (width > 0).
    public init(percentages: [Double], width: Double = 10) {
        precondition(width > 0 && width.isFinite, "a histogram bin must be a positive width")
        let bins = Int((100 / width).rounded(.up))
        lowerBounds = (0..<bins).map { Double($0) * width }
        var counts = Array(repeating: 0, count: bins)
        for percentage in percentages where percentage.isFinite {
            let clamped = min(max(percentage, 0), 100)
            counts[min(Int((clamped / width).rounded(.down)), bins - 1)] += 1
        }
        self.counts = counts
    }

    /// Rows like " 70–79 │████████ 8", one per bin, lowest first.
    ///
    /// One cell per candidate while the largest count fits in `barWidth` (at least 1);
    /// otherwise bars are scaled so the longest is `barWidth` cells, and a non-zero count
    /// always shows at least one cell. Labels are right-aligned; with a whole-number width a
    /// bin reads "70–79", the last "90–100".
    public func render(barWidth: Int = 40) -> [String] {
        let limit = max(1, barWidth)
        let largest = counts.max() ?? 0
        let labels = lowerBounds.indices.map(label)
        let labelWidth = labels.map(\.count).max() ?? 0
        return zip(labels, counts).map { label, count in
            let cells: Int
            if count == 0 {
                cells = 0
            } else if largest <= limit {
                cells = count
            } else {
                cells = max(1, Int((Double(count) * Double(limit) / Double(largest)).rounded()))
            }
            let padding = String(repeating: " ", count: labelWidth - label.count)
            return "\(padding)\(label) │\(String(repeating: "█", count: cells)) \(count)"
        }
    }

    /// "70–79" for a middle bin of a whole-number width, "90–100" for the last, "12.5–25" otherwise.
    private func label(_ index: Int) -> String {
        let lower = lowerBounds[index]
        guard index + 1 < lowerBounds.count else { return "\(Self.number(lower))–100" }
        let upper = lowerBounds[index + 1]
        let whole = lower == lower.rounded() && upper == upper.rounded()
        return "\(Self.number(lower))–\(Self.number(whole ? upper - 1 : upper))"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
