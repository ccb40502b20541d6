import Foundation

/// Turning the terminal's echo off while a secret (an access code) is typed.
public enum EchoControl {
    /// Runs `body` with echo off on `descriptor` if it is a terminal, restoring it afterwards.
    public static func withoutEcho<T>(descriptor: Int32 = 0, _ body: () -> T) -> T {
        guard isatty(descriptor) == 1 else { return body() }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return body() }
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(descriptor, TCSANOW, &quiet)
        defer {
            tcsetattr(descriptor, TCSANOW, &original)
            StandardOutput.write("\n")
        }
        return body()
    }
}
