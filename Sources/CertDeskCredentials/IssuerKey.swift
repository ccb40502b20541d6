import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An issuer's Ed25519 signing key, kept in a key file outside the database.
///
/// Its id is derived from the public key (``keyID(for:)``), so a key file can be named, found
/// and checked by it.
///
/// ```swift
/// let key = IssuerKey.generate(created: clock.now)
/// let path = try KeyFile.write(key, directory: "/etc/certdesk/keys")  // …/ed25519-<16 hex>.key
/// ```
public struct IssuerKey: Sendable {
    /// `ed25519-` and 16 hex digits, see ``keyID(for:)``.
    public let id: String
    /// The secret key (the 32-byte RFC 8032 seed).
    public let privateKey: Curve25519.Signing.PrivateKey
    /// When the key was made, to the second.
    public let created: Date

    /// Wraps an existing private key.
    ///
    /// - Parameters:
    ///   - privateKey: the secret.
    ///   - created: when it was made; fractions of a second are dropped, as the key file
    ///     keeps whole seconds.
    public init(privateKey: Curve25519.Signing.PrivateKey, created: Date) {
        self.id = Self.keyID(for: privateKey.publicKey)
        self.privateKey = privateKey
        self.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
    }

    /// The public half, to verify signatures with.
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// The public key as a Multikey string (`z6Mk…`), as it appears in proofs and DID documents.
    public var publicKeyMultibase: String { Multikey.encode(publicKey) }

    /// A new random key.
    ///
    /// - Parameter created: the time to record; pass the injected clock's `now`.
    public static func generate(created: Date) -> IssuerKey {
        IssuerKey(privateKey: Curve25519.Signing.PrivateKey(), created: created)
    }

    /// The id of a public key: `ed25519-` and the first 8 bytes of SHA-256 of the raw 32-byte
    /// key as 16 lowercase hex digits.
    ///
    /// ```swift
    /// IssuerKey.keyID(for: key.publicKey)  // "ed25519-3f9c0a5e71b2d864"
    /// ```
    public static func keyID(for publicKey: Curve25519.Signing.PublicKey) -> String {
        let digest = SHA256.hash(data: publicKey.rawRepresentation)
        let hex = digest.prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "ed25519-" + hex.joined()
    }
}

/// Why a key file could not be read or written. Each case names the file's path.
public enum KeyFileError: Error, Sendable, Hashable {
    /// Nothing exists at the path.
    case missing(String)
    /// The path is a directory, a symbolic link, a device or anything but a regular file.
    case notAFile(String)
    /// The file belongs to another user (the uid given) than the one running CertDesk.
    case wrongOwner(String, owner: UInt32)
    /// The group or others have some permission on the file (mode such as `0644`); it must
    /// be `0600` or stricter.
    case loosePermissions(String, mode: String)
    /// The file could not be opened or read; `reason` is the system's message.
    case unreadable(String, reason: String)
    /// The content is not a valid key file; `detail` is a stable code, see ``KeyFile/read(_:)``.
    case malformed(String, detail: String)
    /// The key directory can be written by its group or others (mode such as `0777`).
    case directoryLoosePermissions(String, mode: String)
    /// A file of that name already exists; key files are never overwritten.
    case exists(String)
    /// Creating, writing or syncing failed; `reason` is the system's message.
    case writeFailed(String, reason: String)

    /// The message-catalog key, e.g. `keys.file.loose-permissions`.
    public var key: String {
        switch self {
        case .missing: "keys.file.missing"
        case .notAFile: "keys.file.not-file"
        case .wrongOwner: "keys.file.wrong-owner"
        case .loosePermissions: "keys.file.loose-permissions"
        case .unreadable: "keys.file.unreadable"
        case .malformed: "keys.file.malformed"
        case .directoryLoosePermissions: "keys.directory.loose-permissions"
        case .exists: "keys.file.exists"
        case .writeFailed: "keys.file.write-failed"
        }
    }

    /// Named values for the message: always `path`, plus `owner`, `mode`, `reason` or
    /// `detail` where the case has one.
    public var arguments: [String: String] {
        switch self {
        case .missing(let path), .notAFile(let path), .exists(let path): ["path": path]
        case .wrongOwner(let path, let owner): ["path": path, "owner": String(owner)]
        case .loosePermissions(let path, let mode), .directoryLoosePermissions(let path, let mode):
            ["path": path, "mode": mode]
        case .unreadable(let path, let reason), .writeFailed(let path, let reason): ["path": path, "reason": reason]
        case .malformed(let path, let detail): ["path": path, "detail": detail]
        }
    }
}

/// Key files: one JSON Multikey per file, named `<key id>.key`, readable by its owner only.
///
/// ```json
/// {
///   "created": "2026-11-23T10:00:00Z",
///   "id": "ed25519-3f9c0a5e71b2d864",
///   "publicKeyMultibase": "z6Mk…",
///   "secretKeyMultibase": "z3u2…",
///   "type": "Multikey"
/// }
/// ```
public enum KeyFile {
    /// The largest key file read; a real one is about 250 bytes.
    static let maximumSize = 64 * 1024

    /// The path of the key file with an id: `directory/<id>.key`.
    ///
    /// The id is used as it is: pass ids made by ``IssuerKey/keyID(for:)``.
    public static func path(directory: String, id: String) -> String {
        let name = id + ".key"
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Writes a new key file and returns its path.
    ///
    /// Missing directories are created with mode `0700`. The file is created with mode `0600`
    /// and `O_EXCL`, so an existing file is never replaced; the file and then its directory
    /// are synced to disk before returning.
    ///
    /// - Parameters:
    ///   - key: the key to store.
    ///   - directory: where key files live.
    /// - Throws: ``KeyFileError``: `.directoryLoosePermissions` when the existing directory
    ///   is writable by group or others, `.exists` when the file is already there,
    ///   `.writeFailed` for anything the system refuses.
    public static func write(_ key: IssuerKey, directory: String) throws(KeyFileError) -> String {
        try prepareDirectory(directory)
        let path = path(directory: directory, id: key.id)
        let content: JSONValue = .object([
            "type": .string("Multikey"),
            "id": .string(key.id),
            "publicKeyMultibase": .string(key.publicKeyMultibase),
            "secretKeyMultibase": .string(Multikey.encode(key.privateKey)),
            "created": .string(key.created.formatted(.iso8601)),
        ])
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            let code = errno
            throw code == EEXIST ? .exists(path) : .writeFailed(path, reason: message(code))
        }
        var failure: Int32 = 0
        // The umask may have taken bits away; set exactly 0600.
        if fchmod(descriptor, 0o600) != 0 { failure = errno }
        if failure == 0 { failure = writeAll(Array(content.prettyPrinted().utf8), to: descriptor) }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(path)
            throw .writeFailed(path, reason: message(failure))
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw .writeFailed(directory, reason: message(errno)) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw .writeFailed(directory, reason: message(errno)) }
        return path
    }

    /// Reads and checks a key file.
    ///
    /// The checks run in this order, and the content is not read until the first four pass:
    /// 1. something exists at the path, else `.missing`;
    /// 2. it is a regular file, not a symbolic link, directory or device, else `.notAFile`;
    /// 3. it belongs to the effective user, else `.wrongOwner`;
    /// 4. its mode gives the group and others nothing (`mode & 0o077 == 0`), else
    ///    `.loosePermissions` with the mode in octal, such as `0644`;
    /// 5. it can be opened and read, else `.unreadable` with the system's reason;
    /// 6. it is a valid key file, else `.malformed` with one of these details: `too-large`,
    ///    `not-json`, `not-object`, `wrong-type`, `missing-secret`, `bad-secret`,
    ///    `missing-public-key`, `bad-public-key`, `public-key-mismatch`, `missing-id`,
    ///    `id-mismatch`, `missing-created`, `bad-created`.
    ///
    /// - Parameter path: the key file.
    /// - Throws: ``KeyFileError``.
    public static func read(_ path: String) throws(KeyFileError) -> IssuerKey {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR ? .missing(path) : .unreadable(path, reason: message(code))
        }
        try check(info, path: path)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path, reason: message(errno)) }
        defer { close(descriptor) }
        // Check again what was opened, in case the path changed in between.
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { throw .unreadable(path, reason: message(errno)) }
        try check(opened, path: path)
        let bytes = try readAll(from: descriptor, path: path)
        return try decode(bytes, path: path)
    }

    /// The metadata checks of ``read(_:)``, steps 2 to 4.
    private static func check(_ info: stat, path: String) throws(KeyFileError) {
        let mode = UInt32(info.st_mode)
        guard mode & 0o170000 == 0o100000 else { throw .notAFile(path) }
        guard info.st_uid == geteuid() else { throw .wrongOwner(path, owner: UInt32(info.st_uid)) }
        guard mode & 0o077 == 0 else { throw .loosePermissions(path, mode: octal(mode)) }
    }

    private static func decode(_ bytes: [UInt8], path: String) throws(KeyFileError) -> IssuerKey {
        func malformed(_ detail: String) -> KeyFileError { .malformed(path, detail: detail) }
        guard let json = try? JSONValue.parse(Data(bytes)) else { throw malformed("not-json") }
        guard json.objectValue != nil else { throw malformed("not-object") }
        guard json["type"]?.stringValue == "Multikey" else { throw malformed("wrong-type") }
        guard let secretText = json["secretKeyMultibase"]?.stringValue else { throw malformed("missing-secret") }
        guard let privateKey = Multikey.ed25519PrivateKey(secretText) else { throw malformed("bad-secret") }
        guard let publicText = json["publicKeyMultibase"]?.stringValue else { throw malformed("missing-public-key") }
        guard let publicKey = Multikey.ed25519PublicKey(publicText) else { throw malformed("bad-public-key") }
        guard publicKey.rawRepresentation == privateKey.publicKey.rawRepresentation else {
            throw malformed("public-key-mismatch")
        }
        guard let id = json["id"]?.stringValue else { throw malformed("missing-id") }
        guard id == IssuerKey.keyID(for: publicKey) else { throw malformed("id-mismatch") }
        guard let createdText = json["created"]?.stringValue else { throw malformed("missing-created") }
        guard let created = try? Date(createdText, strategy: .iso8601) else { throw malformed("bad-created") }
        return IssuerKey(privateKey: privateKey, created: created)
    }

    /// Makes the directory (and missing parents) with mode 0700, or checks the existing one.
    private static func prepareDirectory(_ directory: String) throws(KeyFileError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            let mode = UInt32(info.st_mode)
            guard mode & 0o170000 == 0o040000 else { throw .writeFailed(directory, reason: message(ENOTDIR)) }
            guard mode & 0o022 == 0 else { throw .directoryLoosePermissions(directory, mode: octal(mode)) }
            return
        }
        guard errno == ENOENT else { throw .writeFailed(directory, reason: message(errno)) }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != directory, stat(parent, &info) != 0 {
            try prepareDirectory(parent)
        }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw .writeFailed(directory, reason: message(errno))
        }
        // The umask may have taken bits away; set exactly 0700.
        guard chmod(directory, 0o700) == 0 else { throw .writeFailed(directory, reason: message(errno)) }
    }

    /// Writes every byte, retrying after interruptions; returns 0 or the errno.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }

    private static func readAll(from descriptor: Int32, path: String) throws(KeyFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, reason: message(errno))
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
            guard bytes.count <= maximumSize else { throw .malformed(path, detail: "too-large") }
        }
    }

    /// Permission bits as four octal digits, e.g. `0644`.
    private static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `write(2)`, named apart from ``KeyFile/write(_:directory:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// `read(2)`, named apart from ``KeyFile/read(_:)``.
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, bytes, count)
}
