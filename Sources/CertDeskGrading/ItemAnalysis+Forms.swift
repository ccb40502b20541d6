import Foundation

extension ItemAnalysis {
    /// Groups attempts by their set of question ids and summarises each group.
    ///
    /// Attempts with no items form no form. Forms with the most attempts come first, then by
    /// first question id, then by the whole id list.
    static func forms(of attempts: [AnalysedAttempt]) -> [FormStatistics] {
        var groups: [[String]: [AnalysedAttempt]] = [:]
        for attempt in attempts where !attempt.items.isEmpty {
            groups[attempt.items.map(\.questionID).sorted(), default: []].append(attempt)
        }
        return groups.map { formStatistics($0.key, $0.value) }
            .sorted { left, right in
                if left.attempts != right.attempts { return left.attempts > right.attempts }
                return left.questionIDs.lexicographicallyPrecedes(right.questionIDs)
            }
    }

    /// Mean, SD, reliability and SEM of the attempts on one form.
    ///
    /// KR-20 when every item is scored 0/1 (mark 0 or the item's points, the same points in
    /// every attempt); Cronbach's alpha on the marks otherwise. Both use population variances.
    static func formStatistics(_ questionIDs: [String], _ attempts: [AnalysedAttempt]) -> FormStatistics {
        let totals = attempts.map { $0.items.reduce(0) { $0 + $1.mark } }
        // columns[i][a]: the item of question i in attempt a.
        let columns = questionIDs.map { id in attempts.compactMap { $0.items.first { $0.questionID == id } } }
        let dichotomous = columns.allSatisfy(isDichotomous)
        let standardDeviation = populationVariance(totals).squareRoot()
        let reliability = internalConsistency(columns, totals: totals, dichotomous: dichotomous)
        return FormStatistics(
            questionIDs: questionIDs, attempts: attempts.count, coefficient: dichotomous ? "KR-20" : "alpha",
            reliability: reliability, mean: mean(totals), standardDeviation: standardDeviation,
            standardError: reliability.map { standardDeviation * (1 - max(0, $0)).squareRoot() })
    }

    /// Whether every mark of one item is 0 or its points, with the same points throughout.
    static func isDichotomous(_ column: [AnalysedItem]) -> Bool {
        guard let points = column.first?.points else { return true }
        return column.allSatisfy { item in
            item.points == points && (abs(item.mark) <= flatSpread || abs(item.mark - points) <= flatSpread)
        }
    }

    /// KR-20 or alpha: k ÷ (k − 1) × (1 − Σ item variances ÷ total variance).
    ///
    /// For 0/1 items the variance of item i in marks is pointsᵢ² × pᵢ × qᵢ, which is the
    /// textbook KR-20 when all points are equal (the points² cancel) and alpha on the marks
    /// otherwise.
    static func internalConsistency(_ columns: [[AnalysedItem]], totals: [Double], dichotomous: Bool) -> Double? {
        let items = Double(columns.count)
        guard totals.count >= 2, columns.count >= 2, !isFlat(totals) else { return nil }
        let itemVariances = columns.map { column in
            if dichotomous {
                let points = column.first?.points ?? 1
                let p = mean(column.map { fraction($0).rounded() })
                return points * points * p * (1 - p)
            }
            return populationVariance(column.map(\.mark))
        }
        return items / (items - 1) * (1 - itemVariances.reduce(0, +) / populationVariance(totals))
    }
}
