import Foundation

/// Reads lines from a file descriptor without blocking past a deadline.
///
/// The plain room waits for the candidate's next line but must still submit when time runs
/// out and notice a takeover, so reading wakes up at least every `wake` seconds.
public final class LineInput: @unchecked Sendable {  // owns a buffer; used from one task only
    /// What a read produced.
    public enum Event: Equatable {
        case line(String)
        /// Nothing yet; time to check the clock.
        case wake
        /// The input was closed.
        case closed
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    public init(descriptor: Int32 = 0) { self.descriptor = descriptor }

    /// The next line, or `.wake` after `timeout` seconds, or `.closed` at end of input.
    public func next(timeout: TimeInterval) -> Event {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var lineBytes = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if lineBytes.last == 13 { lineBytes.removeLast() }
                return .line(String(decoding: lineBytes, as: UTF8.self))
            }
            if closed {
                if buffer.isEmpty { return .closed }
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(0, min(timeout, 3600)) * 1000))
            if ready == 0 { return .wake }
            if ready < 0 {
                if errno == EINTR { return .wake }
                closed = true
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 {
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                closed = true
            } else {
                buffer += chunk[..<count]
            }
        }
    }
}
