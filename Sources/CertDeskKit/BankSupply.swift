import CertDeskCore
import CertDeskStore

/// Counting a bank's questions per module and difficulty, for blueprint checks.
public enum BankSupply {
    /// Questions per module and difficulty level.
    public static func of(_ summaries: [QuestionSummary]) -> [String: [Int: Int]] {
        var supply: [String: [Int: Int]] = [:]
        for summary in summaries { supply[summary.module, default: [:]][summary.difficulty, default: 0] += 1 }
        return supply
    }

    /// The problem describing a shortfall, with every argument its messages use.
    public static func problem(_ shortfall: BlueprintShortfall, track: String, severity: Problem.Severity, at location: SourceLocation?)
        -> Problem
    {
        var arguments = [
            "track": track, "module": shortfall.module, "wanted": String(shortfall.wanted),
            "available": String(shortfall.available), "missing": String(shortfall.wanted - shortfall.available),
        ]
        let key: String
        if let level = shortfall.difficulty {
            arguments["difficulty"] = String(level)
            key = "content.blueprint.shortfall-difficulty"
        } else {
            key = "content.blueprint.shortfall"
        }
        return Problem(severity, key, arguments, at: location, subject: shortfall.module)
    }
}
