import BenchKit
import Benchmark

let benchmarks: @Sendable () -> Void = {
    examRoomBenchmarks()
    resultsDayBenchmarks()
    terminalBenchmarks()
}
