import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program run on a pseudo-terminal of its own, the benchmark holding the other end: it
/// types keys into it and reads what it draws, as a terminal emulator would.
///
/// The pseudo-terminal is opened with `openpty`, sized with `TIOCSWINSZ` before the program
/// starts, and becomes the program's controlling terminal (a new session, the terminal opened
/// as standard input, output and error). What arrives is kept in ``output`` (raw bytes, for
/// floors that wait for an echo) and in ``screen`` (the rows as drawn, for rooms that redraw).
///
/// ```swift
/// let probe = try TerminalProbe(executable: "/bin/echo", arguments: ["ready"])
/// probe.read(timeout: 5) { $0.outputContains("ready") }
/// probe.finish()
/// ```
///
/// A class because it owns two file descriptors and a child process, released in ``finish(sending:timeout:)``
/// or at the latest in `deinit`.
public final class TerminalProbe {
    /// The child's process id.
    public let pid: pid_t
    /// When the child was spawned, in `DispatchTime` uptime nanoseconds.
    public let spawnedAt: UInt64
    /// The bytes received since the probe started or since ``clearOutput()``.
    public private(set) var output: [UInt8] = []
    /// The rows as drawn so far.
    public private(set) var screen: Screen
    /// The exit status once the child is reaped: its code, or 128 + the signal that ended it.
    public private(set) var exitStatus: Int32?

    private var master: Int32
    private var slave: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// glibc's `POSIX_SPAWN_SETSID`, which Swift does not import (it needs `_GNU_SOURCE`).
    private static let spawnSetSID: Int32 = 0x80

    /// Starts `executable` with `arguments` on a new pseudo-terminal of `columns` × `rows` cells.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment; `TERM` is set to `xterm-256color` unless given.
    /// - Throws: ``TerminalProbeError`` when the terminal cannot be opened or the program cannot be started.
    public init(
        executable: String, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        columns: UInt16 = 80, rows: UInt16 = 24
    ) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw TerminalProbeError("openpty failed: errno \(errno)") }
        guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0, let name = ttyname(slave) else {
            close(master)
            close(slave)
            throw TerminalProbeError("cannot size the pseudo-terminal: errno \(errno)")
        }
        let slavePath = String(cString: name)
        for descriptor in [master, slave] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        self.master = master
        self.slave = slave
        screen = Screen(rows: Int(rows))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened (not inherited) after setsid, the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&signals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(
            &attributes, Int16(Self.spawnSetSID | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)))

        var environment = environment
        if environment["TERM"] == nil { environment["TERM"] = "xterm-256color" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        spawnedAt = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            close(slave)
            throw TerminalProbeError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit { finish(timeout: 0) }

    /// Milliseconds from the spawn to now.
    public var millisecondsSinceSpawn: Double { Double(DispatchTime.now().uptimeNanoseconds - spawnedAt) / 1_000_000 }

    /// Types `bytes` into the terminal, as a keyboard would.
    public func send(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty, master >= 0 {
            let written = rest.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            rest = rest.dropFirst(written)
        }
    }

    /// Types `text` into the terminal.
    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Whether the bytes received since the last ``clearOutput()`` contain `text`.
    public func outputContains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, output.count >= needle.count else { return needle.isEmpty }
        return (0...(output.count - needle.count)).contains { output[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Forgets the bytes received so far (the screen stays).
    public func clearOutput() { output.removeAll(keepingCapacity: true) }

    /// Reads what the program draws until `done` holds, checking after every read.
    ///
    /// No quiet time is waited for: the check runs as soon as bytes arrive.
    /// - Returns: whether `done` held before `timeout` seconds passed or the terminal closed.
    @discardableResult
    public func read(timeout: TimeInterval, until done: (TerminalProbe) -> Bool) -> Bool {
        if done(self) { return true }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeout) * 1e9)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return false }
            guard readOnce(waiting: Int32(((deadline - now) + 999_999) / 1_000_000)) else {
                if master < 0 { return false }
                continue
            }
            if done(self) { return true }
        }
    }

    /// Reads until nothing has arrived for `quiet` seconds (or `timeout` passed), for learning
    /// what a screen looks like when it is finished; never used while timing.
    public func readUntilQuiet(quiet: TimeInterval, timeout: TimeInterval) {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline, master >= 0 {
            if !readOnce(waiting: Int32(quiet * 1000)) { return }
        }
    }

    /// Waits up to `waiting` ms for bytes and takes what is there; false when none came.
    private func readOnce(waiting milliseconds: Int32) -> Bool {
        guard master >= 0 else { return false }
        var watched = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&watched, 1, max(0, milliseconds))
        if ready < 0 { return false }
        if ready == 0 { return false }
        let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            output += buffer[..<count]
            screen.feed(buffer[..<count])
            return true
        }
        if count < 0, errno == EINTR || errno == EAGAIN { return false }
        // EIO: every slave end is closed, the program is gone.
        reap(blocking: false)
        return false
    }

    /// Ends the program: types `keys` (e.g. the room's leave keys), waits up to `timeout`
    /// seconds for it to exit while reading what it prints, then SIGTERM, then SIGKILL; reaps it
    /// and closes the terminal.
    /// - Returns: the exit status (128 + signal when a signal ended it).
    @discardableResult
    public func finish(sending keys: [UInt8] = [], timeout: TimeInterval = 5) -> Int32? {
        if exitStatus == nil, master >= 0 {
            if !keys.isEmpty { send(keys) }
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeout) * 1e9)
            while exitStatus == nil, DispatchTime.now().uptimeNanoseconds < deadline {
                if !readOnce(waiting: 20) { reap(blocking: false) }
            }
            for signal in [SIGTERM, SIGKILL] where exitStatus == nil {
                kill(pid, signal)
                let limit = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
                while exitStatus == nil, DispatchTime.now().uptimeNanoseconds < limit {
                    if !readOnce(waiting: 20) { reap(blocking: false) }
                }
            }
        }
        if exitStatus == nil {
            kill(pid, SIGKILL)
            reap(blocking: true)
        }
        if master >= 0 { close(master) }
        if slave >= 0 { close(slave) }
        master = -1
        slave = -1
        return exitStatus
    }

    private func reap(blocking: Bool) {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        guard result == pid else { return }
        // WIFEXITED / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

/// What went wrong opening or driving a pseudo-terminal.
public struct TerminalProbeError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension TerminalProbe {
    /// The rows a terminal would show, kept from the escapes a full-screen program writes:
    /// cursor moves (`CSI row;col H`), clears (`CSI 2 J`, `CSI 2 K`) and text; colours and modes
    /// are dropped. It is enough for programs that, like CertDesk's room, redraw a row by moving
    /// to its first column, clearing it and writing it whole.
    public struct Screen: Sendable, Equatable {
        /// Each row's text as UTF-8 bytes.
        public private(set) var rows: [[UInt8]]
        private var cursor = 0
        /// An escape sequence cut off at the end of the last read.
        private var pending: [UInt8] = []

        /// An empty screen of `rows` rows.
        public init(rows: Int) { self.rows = Array(repeating: [], count: rows) }

        /// The rows as text.
        public var lines: [String] { rows.map { String(decoding: $0, as: UTF8.self) } }

        /// The rows with every clock (`1:14:48`, `19:57:41`) and candidate number (`C-000001-8`)
        /// written as `#`, so screens drawn at different times, or for different candidates, compare.
        public var normalized: [String] { rows.map(Self.normalize) }

        /// Takes `bytes` as the terminal would.
        public mutating func feed(_ bytes: some Collection<UInt8>) {
            var data = pending + bytes
            pending = []
            var index = 0
            var text = index
            func flushText(to end: Int) {
                if text < end { rows[cursor] += data[text..<end] }
            }
            while index < data.count {
                let byte = data[index]
                if byte == 0x1B {
                    flushText(to: index)
                    guard let length = escape(in: data, at: index) else {
                        pending = Array(data[index...])
                        data = []
                        return
                    }
                    index += length
                    text = index
                } else if byte < 0x20 || byte == 0x7F {
                    flushText(to: index)
                    if byte == 0x0A { lineFeed() }
                    index += 1
                    text = index
                } else {
                    index += 1
                }
            }
            flushText(to: index)
        }

        private mutating func lineFeed() {
            if cursor + 1 < rows.count {
                cursor += 1
            } else {
                rows.removeFirst()
                rows.append([])
            }
        }

        /// Applies the escape sequence at `start` and returns its length; `nil` when it is incomplete.
        private mutating func escape(in data: [UInt8], at start: Int) -> Int? {
            guard start + 1 < data.count else { return nil }
            switch data[start + 1] {
            case UInt8(ascii: "["):
                var end = start + 2
                while end < data.count, !(0x40...0x7E).contains(data[end]) { end += 1 }
                guard end < data.count else { return nil }
                control(final: data[end], parameters: String(decoding: data[(start + 2)..<end], as: UTF8.self))
                return end - start + 1
            case UInt8(ascii: "]"):
                // An operating-system command runs to BEL or ESC \.
                var end = start + 2
                while end < data.count {
                    if data[end] == 0x07 { return end - start + 1 }
                    if data[end] == 0x1B, end + 1 < data.count, data[end + 1] == UInt8(ascii: "\\") { return end - start + 2 }
                    end += 1
                }
                return nil
            case UInt8(ascii: "("), UInt8(ascii: ")"):
                return start + 2 < data.count ? 3 : nil
            default:
                return 2
            }
        }

        private mutating func control(final: UInt8, parameters: String) {
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
            switch final {
            case UInt8(ascii: "H"), UInt8(ascii: "f"):
                let row = (numbers.first ?? nil) ?? 1
                cursor = min(max(row, 1), rows.count) - 1
            case UInt8(ascii: "J"):
                let mode = (numbers.first ?? nil) ?? 0
                for row in rows.indices where mode != 0 || row >= cursor { rows[row] = [] }
            case UInt8(ascii: "K"):
                rows[cursor] = []
            default:
                break
            }
        }

        /// `row` as text with clocks and candidate numbers masked.
        static func normalize(_ row: [UInt8]) -> String {
            func isDigit(_ index: Int) -> Bool { index < row.count && (0x30...0x39).contains(row[index]) }
            var result: [UInt8] = []
            result.reserveCapacity(row.count)
            var index = 0
            while index < row.count {
                if isDigit(index) {
                    var end = index
                    while isDigit(end) { end += 1 }
                    var clock = end
                    while clock < row.count, row[clock] == UInt8(ascii: ":"), isDigit(clock + 1), isDigit(clock + 2), !isDigit(clock + 3) {
                        clock += 3
                    }
                    if clock > end {
                        result.append(UInt8(ascii: "#"))
                        index = clock
                    } else {
                        result += row[index..<end]
                        index = end
                    }
                } else if row[index] == UInt8(ascii: "C"), index + 10 <= row.count, row[index + 1] == UInt8(ascii: "-"),
                    (2...7).allSatisfy({ isDigit(index + $0) }), row[index + 8] == UInt8(ascii: "-"), isDigit(index + 9)
                {
                    result += Array("C-#".utf8)
                    index += 10
                } else {
                    result.append(row[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
