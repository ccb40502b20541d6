import Foundation

/// Everything a child process writes to one pipe, read on a thread of its own so the pipe never
/// fills, and searchable while it grows.
final class OutputCollector: @unchecked Sendable {  // `data` and `ended` are guarded by `condition`
    private let condition = NSCondition()
    private var data = Data()
    private var ended = false
    private let handle: FileHandle

    init(_ handle: FileHandle) {
        self.handle = handle
        let thread = Thread { [self] in self.readToEnd() }
        thread.start()
    }

    private func readToEnd() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(handle.fileDescriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            condition.lock()
            if count > 0 { data.append(contentsOf: buffer[..<count]) } else { ended = true }
            condition.broadcast()
            condition.unlock()
            if count <= 0 { return }
        }
    }

    /// Everything collected so far.
    var text: String { condition.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits until `needle` appears at or after byte `start`; returns the byte offset just past
    /// it, or `nil` when the pipe closed or `timeout` passed first.
    func offset(after needle: String, from start: Int, timeout: TimeInterval) -> Int? {
        let wanted = Data(needle.utf8)
        let limit = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if start <= data.count, let found = data.range(of: wanted, in: start..<data.count) { return found.upperBound }
            if ended || !condition.wait(until: limit) { return nil }
        }
    }

    /// The text between two byte offsets.
    func text(from start: Int, to end: Int) -> String {
        condition.withLock { String(decoding: data[start..<min(end, data.count)], as: UTF8.self) }
    }

    /// Waits for the pipe to close (the child ended) and returns everything written to it.
    func waitForEnd() -> String {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
        return String(decoding: data, as: UTF8.self)
    }
}
