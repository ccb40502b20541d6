import Foundation

/// Classical item analysis of graded attempts: facility, discrimination, option shares and
/// flags per item, and reliability per form.
///
/// Pure: it reads only its arguments. Every formula and threshold is written out for
/// operators in `docs/item-analysis.md`.
///
/// - The *total* of an attempt is the sum of its items' marks; the *rest score* for item i is
///   the total less item i's mark.
/// - *Facility* is the mean of mark ÷ points.
/// - *Discrimination* is the corrected point-biserial: Pearson's r between the item's mark and
///   the rest score, over the attempts that had the item.
/// - A *form* is the set of question ids of an attempt; reliability (KR-20 or Cronbach's
///   alpha) is computed per form with population variances.
///
/// ```swift
/// let report = ItemAnalysis.analyse(attempts, questions: questionsByID)
/// for item in report.items where item.flags.contains(.negativeDiscrimination) { … }
/// ```
public enum ItemAnalysis {
    /// Below this many responses an item gets only `fewResponses`.
    public static let minimumResponses = 10
    /// Below this many responses discrimination is not computed (a correlation of two points is always ±1).
    public static let minimumForDiscrimination = 3
    /// Facility above this is `tooEasy`.
    public static let easyAbove = 0.90
    /// Facility below this is `tooHard`.
    public static let hardBelow = 0.30
    /// Discrimination from 0 up to (not including) this is `weakDiscrimination`.
    public static let weakBelow = 0.20
    /// Discrimination below this is `negativeDiscrimination`.
    public static let negativeBelow = 0.0
    /// Spreads of marks or totals up to this are rounding, not variance.
    static let flatSpread = 1e-9
    /// Correlations closer to 0 than this are reported as 0, so rounding noise is not "negative".
    static let zeroCorrelation = 1e-12

    /// Analyses `attempts`.
    ///
    /// - Parameters:
    ///   - attempts: graded attempts, voided and unmarked items already left out.
    ///   - questions: the questions by id, for option ids and keys; an item whose question is
    ///     missing is treated as a non-choice item.
    /// - Returns: items sorted by question id (only items some attempt had), forms with the
    ///   most attempts first.
    public static func analyse(_ attempts: [AnalysedAttempt], questions: [String: AnalysedQuestion]) -> ItemAnalysisReport {
        var observations: [String: [Observation]] = [:]
        for attempt in attempts {
            let total = attempt.items.reduce(0) { $0 + $1.mark }
            for item in attempt.items {
                observations[item.questionID, default: []].append(Observation(item: item, rest: total - item.mark))
            }
        }
        let items = observations.keys.sorted().map { id in
            statistics(of: id, observations[id] ?? [], question: questions[id])
        }
        return ItemAnalysisReport(items: items, forms: forms(of: attempts), attempts: attempts.count)
    }

    /// One item's response in one attempt, with that attempt's rest score.
    struct Observation {
        var item: AnalysedItem
        var rest: Double
    }

    static func statistics(of id: String, _ observations: [Observation], question: AnalysedQuestion?) -> ItemStatistics {
        let responses = observations.count
        let facility = mean(observations.map { fraction($0.item) })
        let discrimination = correlation(observations.map(\.item.mark), observations.map(\.rest))
        let options = (question?.optionIDs ?? []).map { option in
            let count = observations.filter { Set($0.item.choices ?? []).contains(option) }.count
            return OptionShare(
                id: option, keyed: question?.keyed.contains(option) == true, count: count,
                share: Double(count) / Double(responses))
        }
        let omitted = observations.filter { $0.item.choices?.isEmpty == true }.count
        return ItemStatistics(
            questionID: id, responses: responses, facility: facility, discrimination: discrimination, options: options,
            omitted: omitted,
            flags: flags(responses: responses, facility: facility, discrimination: discrimination, options: options))
    }

    /// The flags of an item, in `ItemFlag.allCases` order.
    static func flags(responses: Int, facility: Double, discrimination: Double?, options: [OptionShare]) -> [ItemFlag] {
        guard responses >= minimumResponses else { return [.fewResponses] }
        var flags: [ItemFlag] = []
        if let discrimination {
            if discrimination < negativeBelow {
                flags.append(.negativeDiscrimination)
            } else if discrimination < weakBelow {
                flags.append(.weakDiscrimination)
            }
        }
        if facility > easyAbove { flags.append(.tooEasy) }
        if facility < hardBelow { flags.append(.tooHard) }
        if options.contains(where: { !$0.keyed && $0.count == 0 }) { flags.append(.unusedDistractor) }
        return flags
    }

    /// mark ÷ points, or 0 for an item worth nothing.
    static func fraction(_ item: AnalysedItem) -> Double {
        item.points > 0 ? item.mark / item.points : 0
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Variance with the n denominator.
    static func populationVariance(_ values: [Double]) -> Double {
        let centre = mean(values)
        return mean(values.map { ($0 - centre) * ($0 - centre) })
    }

    /// Whether `values` do not vary beyond rounding.
    static func isFlat(_ values: [Double]) -> Bool {
        guard let low = values.min(), let high = values.max() else { return true }
        return high - low <= flatSpread
    }

    /// Pearson's r, or nil with fewer than `minimumForDiscrimination` pairs or when either side does not vary.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= minimumForDiscrimination, x.count == y.count, !isFlat(x), !isFlat(y) else { return nil }
        let meanX = mean(x)
        let meanY = mean(y)
        var products = 0.0
        var squaresX = 0.0
        var squaresY = 0.0
        for (a, b) in zip(x, y) {
            products += (a - meanX) * (b - meanY)
            squaresX += (a - meanX) * (a - meanX)
            squaresY += (b - meanY) * (b - meanY)
        }
        let r = products / (squaresX * squaresY).squareRoot()
        return abs(r) < zeroCorrelation ? 0 : min(1, max(-1, r))
    }
}
