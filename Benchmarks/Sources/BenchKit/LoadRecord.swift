/// What one worker process reports, one line each, on its standard output.
///
/// - `save <ms>`: an answer acknowledged (durable) after `ms`;
/// - `start <ms> <total ms>`: a paper ready `ms` after Start was pressed (`total`: since the
///   process was spawned, its own start and the database opening included);
/// - `acked <attempt> <count>`: the answers a candidate had acknowledged when it stopped;
/// - `error <text>`: a refused or failed operation.
public struct LoadRecord: Sendable {
    public var saves = Latencies()
    public var starts = Latencies()
    public var startsFromSpawn = Latencies()
    public var acknowledged: [Int64: Int] = [:]
    public var errors: [String] = []

    public init() {}

    /// Adds the lines of one worker's output.
    public mutating func read(_ text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1).map(String.init)
            let rest = fields.count > 1 ? fields[1] : ""
            let numbers = rest.split(separator: " ").compactMap { Double($0) }
            switch fields.first {
            case "save" where numbers.count == 1: saves.append(numbers[0])
            case "start" where numbers.count == 2:
                starts.append(numbers[0])
                startsFromSpawn.append(numbers[1])
            case "acked" where numbers.count == 2: acknowledged[Int64(numbers[0]), default: 0] += Int(numbers[1])
            case "error": errors.append(rest)
            default: errors.append("unreadable worker line: \(line)")
            }
        }
    }
}
