import CertDeskCore
import Crypto
import Foundation

/// The file that holds a staff session's token for one OS user and one database.
///
/// It lives in `~/.certdesk/sessions/` (a folder only its owner can enter), named after the
/// database's absolute path, unless `CERTDESK_SESSION_FILE` names another file. It is refused
/// unless it is a regular file that belongs to the user running CertDesk and gives nobody else
/// any access, so a token copied to another account, or left readable, opens nothing.
public struct SessionFile: Sendable, Equatable {
    public var database: String
    public var staff: String
    public var token: String

    static let header = "certdesk-session 1"

    public init(database: String, staff: String, token: String) {
        self.database = database
        self.staff = staff
        self.token = token
    }

    /// Where the session file of `database` is for the current user.
    ///
    /// - Throws: `session.no-home` when neither `CERTDESK_SESSION_FILE` nor a home folder is known.
    public static func location(database: String, environment: [String: String]) throws -> String {
        if let configured = environment["CERTDESK_SESSION_FILE"], !configured.isEmpty { return configured }
        guard let home = environment["HOME"].flatMap({ $0.isEmpty ? nil : $0 }) ?? homeOfCurrentUser() else {
            throw ProblemsError.error("session.no-home")
        }
        let digest = SHA256.hash(data: Data(absolute(database).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return home + "/.certdesk/sessions/" + digest + ".session"
    }

    /// The absolute form of a database path, as session files record it.
    public static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    private static func homeOfCurrentUser() -> String? {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// A new random token: 32 bytes in base64url.
    public static func newToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of a token in hex: all the database keeps of it.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    var text: String { [Self.header, "database " + database, "staff " + staff, "token " + token, ""].joined(separator: "\n") }

    /// Writes the file with mode 0600 (its folder 0700), replacing an older session file.
    ///
    /// - Throws: `session.write-failed`.
    public func write(to path: String) throws {
        func failed(_ code: Int32) -> ProblemsError {
            .error("session.write-failed", ["path": path, "reason": String(cString: strerror(code))])
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch { throw failed(EACCES) }
        }
        let temporary = path + ".\(getpid()).new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failed(errno) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let code = errno
        fsync(descriptor)
        close(descriptor)
        guard written == bytes.count else {
            unlink(temporary)
            throw failed(code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failed(code)
        }
    }

    /// Reads and checks a session file.
    ///
    /// - Throws: `session.file-missing` (no file), `session.not-a-file`, `session.wrong-owner`,
    ///   `session.loose` (group or others may access it), `session.unreadable`, `session.malformed`.
    public static func read(_ path: String) throws -> SessionFile {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw ProblemsError.error("session.file-missing", ["path": path]) }
            throw ProblemsError.error("session.unreadable", ["path": path, "reason": String(cString: strerror(errno))])
        }
        let mode = UInt32(info.st_mode)
        guard mode & 0o170000 == 0o100000 else { throw ProblemsError.error("session.not-a-file", ["path": path]) }
        guard info.st_uid == geteuid() else {
            throw ProblemsError.error("session.wrong-owner", ["path": path, "owner": String(info.st_uid), "user": String(geteuid())])
        }
        guard mode & 0o077 == 0 else {
            throw ProblemsError.error("session.loose", ["path": path, "mode": String(format: "%04o", mode & 0o7777)])
        }
        guard info.st_size < 4096, let data = FileManager.default.contents(atPath: path) else {
            throw ProblemsError.error("session.unreadable", ["path": path, "reason": String(cString: strerror(EIO))])
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard lines.first == header, let database = fields["database"], let staff = fields["staff"], let token = fields["token"],
            token.count >= 32
        else { throw ProblemsError.error("session.malformed", ["path": path]) }
        return SessionFile(database: database, staff: staff, token: token)
    }

    /// Removes a session file; a missing one is fine.
    public static func remove(_ path: String) {
        unlink(path)
    }
}
