import Foundation

/// One measured figure: a latency, a duration, a count.
public struct Measure: Codable, Sendable, Hashable {
    /// What it is, for the reader: "p99 start to first question".
    public var name: String
    public var value: Double
    /// `ms`, `s`, `MiB`, `count`.
    public var unit: String

    public init(_ name: String, _ value: Double, _ unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// What one benchmark found: CertDesk's figure, the floor of the same shape measured in the
/// same run, and whether the goal was met. Each benchmark writes one as `<id>.json` into the
/// folder named by `CERTDESK_BENCH_RESULTS`; `performance-report` turns them into
/// docs/performance.md.
public struct BenchResult: Codable, Sendable {
    /// A stable name: `synchronised-start`, `answer-save-durable`, `answer-save-realistic`,
    /// `paper-assembly`, `bank-import`, `grading`, `item-analysis`, `issuance`,
    /// `terminal-cold-start`, `terminal-keypress`.
    public var id: String
    /// What was done, in words: "1,000 candidate processes start within 60 s; bank of 100,000 items".
    public var workload: String
    /// The goal, in words: "p99 < 100 ms, every paper ready, no error".
    public var goal: String
    /// The figure the goal is about.
    public var figure: Measure
    /// The floor's figure, same statistic and unit as ``figure``.
    public var floor: Measure
    /// What the floor is, in words: "raw SQLite C API: the same rows in one FULL commit per process".
    public var floorShape: String
    /// Whether every part of the goal was met.
    public var met: Bool
    /// The other figures a reader checks: p50, max, errors, lost answers, memory.
    public var details: [Measure]
    /// The same details for the floor, where they were measured.
    public var floorDetails: [Measure]
    public var measuredAt: Date

    /// CertDesk's figure divided by the floor's.
    public var ratio: Double { floor.value > 0 ? figure.value / floor.value : .infinity }

    public init(
        id: String, workload: String, goal: String, figure: Measure, floor: Measure, floorShape: String, met: Bool,
        details: [Measure] = [], floorDetails: [Measure] = [], measuredAt: Date = Date()
    ) {
        self.id = id
        self.workload = workload
        self.goal = goal
        self.figure = figure
        self.floor = floor
        self.floorShape = floorShape
        self.met = met
        self.details = details
        self.floorDetails = floorDetails
        self.measuredAt = measuredAt
    }

    /// The folder results go to: `CERTDESK_BENCH_RESULTS`, else `.build-bench/results` under the current folder.
    public static var folder: URL {
        let named = ProcessInfo.processInfo.environment["CERTDESK_BENCH_RESULTS"] ?? ".build-bench/results"
        return URL(fileURLWithPath: named, isDirectory: true)
    }

    /// Writes this result as `<folder>/<id>.json`, replacing an earlier one.
    public func save() throws {
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: Self.folder.appendingPathComponent("\(id).json"), options: .atomic)
    }

    /// Every result in `folder`.
    public static func loadAll(from folder: URL = folder) throws -> [BenchResult] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        return try files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }.map {
            try decoder.decode(BenchResult.self, from: Data(contentsOf: $0))
        }
    }
}
