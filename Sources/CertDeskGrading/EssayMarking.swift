import CertDeskCore

/// Settles an essay's mark from its markers' marks under a track's marking rules.
///
/// - One marker (`secondMarker` false): the first marking is final (`single-marker`).
/// - Two markers: each marks blind. Marks at most `maxDifference` apart are settled by their
///   mean (`two-marker-mean`). A larger difference is settled by the track's resolution:
///   the mean anyway (`two-marker-mean`), the higher mark (`two-marker-higher`), or a third
///   marker, different from both, whose mark is final (`third-marker`).
public enum EssayMarking {
    /// Where an essay's marking stands.
    public enum State: Sendable, Hashable {
        /// The essay needs a marking in this round (1, 2 or 3).
        case needs(round: Int)
        case settled(SettledMark)
    }

    /// The state of an essay marked with `marks` (the latest mark of each round).
    public static func state(_ marks: [EssayMark], rules: MarkingRules) -> State {
        let byRound = Dictionary(marks.map { ($0.round, $0.score) }, uniquingKeysWith: { _, latest in latest })
        guard let first = byRound[1] else { return .needs(round: 1) }
        guard rules.secondMarker else { return .settled(SettledMark(mark: first, rule: "single-marker")) }
        guard let second = byRound[2] else { return .needs(round: 2) }
        // Once a third marker has settled a difference, a later correction of the first two
        // marks does not undo that settlement.
        if rules.resolution == .thirdMarker, let third = byRound[3] {
            return .settled(SettledMark(mark: third, rule: "third-marker"))
        }
        let mean = SettledMark(mark: (first + second) / 2, rule: "two-marker-mean")
        if abs(first - second) <= rules.maxDifference + 1e-9 { return .settled(mean) }
        switch rules.resolution {
        case .average:
            return .settled(mean)
        case .higher:
            return .settled(SettledMark(mark: max(first, second), rule: "two-marker-higher"))
        case .thirdMarker:
            guard let third = byRound[3] else { return .needs(round: 3) }
            return .settled(SettledMark(mark: third, rule: "third-marker"))
        }
    }

    /// The round a marker's new mark belongs to, or why they cannot mark the essay now.
    ///
    /// A marker who already marked the essay corrects their own round; otherwise they take the
    /// round the essay needs, so two markings of one essay are always by different people.
    public static func round(for marker: String, marks: [EssayMark], rules: MarkingRules) -> Result<Int, RoundRefusal> {
        if let own = marks.last(where: { $0.marker == marker }) { return .success(own.round) }
        switch state(marks, rules: rules) {
        case .needs(let round): return .success(round)
        case .settled: return .failure(.complete(markers: orderedMarkers(marks)))
        }
    }

    /// Why a marker cannot add a mark.
    public enum RoundRefusal: Error, Sendable, Hashable {
        /// Marking is complete; these people marked it.
        case complete(markers: [String])
    }

    private static func orderedMarkers(_ marks: [EssayMark]) -> [String] {
        var seen: [String] = []
        for mark in marks.sorted(by: { $0.round < $1.round }) where !seen.contains(mark.marker) { seen.append(mark.marker) }
        return seen
    }
}
