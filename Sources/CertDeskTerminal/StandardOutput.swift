import Foundation

/// Writing straight to a file descriptor, unbuffered, so every line is out before the next
/// prompt waits (and before a crash could lose it).
public enum StandardOutput {
    public static func write(_ text: String, to descriptor: Int32 = 1) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Writes a line.
    public static func line(_ text: String) { write(text + "\n") }
}
