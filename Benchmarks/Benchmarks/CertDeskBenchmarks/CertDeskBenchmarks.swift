import Benchmark
import BenchKit

let benchmarks: @Sendable () -> Void = {
    Benchmark("placeholder") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Latencies([1, 2]).p99) }
    }
}
