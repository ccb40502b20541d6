import CertDeskCredentials
import Crypto
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct KeyFileTests {
    /// 2026-11-23T10:00:00Z.
    static let created = Date(timeIntervalSince1970: 1_795_428_000)

    /// A fresh directory under the system's temporary directory, removed by the caller.
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("certdesk-keys-\(UUID().uuidString)").path
        #expect(mkdir(path, 0o700) == 0)
        return path
    }

    static func remove(_ path: String) {
        _ = chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }

    static func mode(_ path: String) -> UInt32 {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return UInt32(info.st_mode) & 0o7777
    }

    /// Writes a file with the given text and mode, as a person editing a key file might.
    static func plant(_ text: String, at path: String, mode: mode_t = 0o600) {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        #expect(chmod(path, mode) == 0)
    }

    static let isRoot = geteuid() == 0

    @Test func keyIDIsDerivedFromThePublicKey() throws {
        // Given the vc-di-eddsa example key (REC 2025-05-15, Example 29)
        let vector = try Fixture.json("eddsa-jcs-2022/vector.json")
        let publicText = try #require(vector["publicKeyMultibase"]?.stringValue)
        let publicKey = try #require(Multikey.ed25519PublicKey(publicText))
        // When its id is computed
        let id = IssuerKey.keyID(for: publicKey)
        // Then it is ed25519- and the first 8 bytes of SHA-256 of the raw key in lowercase hex
        let digest = Data(SHA256.hash(data: publicKey.rawRepresentation))
        #expect(id == "ed25519-" + digest.prefix(8).hex)
        #expect(id.count == 24 && id.dropFirst(8).allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func generatedKeysAreDistinctAndKeepWholeSeconds() {
        // Given two keys generated at a time with a fraction of a second
        let first = IssuerKey.generate(created: Self.created.addingTimeInterval(0.75))
        let second = IssuerKey.generate(created: Self.created)
        // When they are compared
        // Then they differ, their ids match their public keys, and the fraction is dropped
        #expect(first.id != second.id)
        #expect(first.id == IssuerKey.keyID(for: first.publicKey))
        #expect(first.created == Self.created)
        #expect(first.publicKeyMultibase == Multikey.encode(first.publicKey))
        #expect(first.publicKeyMultibase.hasPrefix("z6Mk"))
    }

    @Test func writesAndReadsBackTheSameKey() throws {
        // Given a key and a key directory that does not exist yet
        let root = Self.temporaryDirectory()
        defer { Self.remove(root) }
        let directory = root + "/etc/keys"
        let key = IssuerKey.generate(created: Self.created)
        // When it is written and read back
        let path = try KeyFile.write(key, directory: directory)
        let read = try KeyFile.read(path)
        // Then the path is named for the key, the directories are 0700 and the file 0600
        #expect(path == directory + "/" + key.id + ".key")
        #expect(path == KeyFile.path(directory: directory, id: key.id))
        #expect(Self.mode(directory) == 0o700)
        #expect(Self.mode(root + "/etc") == 0o700)
        #expect(Self.mode(path) == 0o600)
        // And the key read is the same key: it signs what the original verifies
        #expect(read.id == key.id)
        #expect(read.created == key.created)
        #expect(read.privateKey.rawRepresentation == key.privateKey.rawRepresentation)
        let message = Data("CCCP-2026-000123-8".utf8)
        #expect(key.publicKey.isValidSignature(try read.privateKey.signature(for: message), for: message))
        #expect(read.publicKey.isValidSignature(try key.privateKey.signature(for: message), for: message))
    }

    @Test func writesThePublishedLayout() throws {
        // Given a written key file
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let key = IssuerKey.generate(created: Self.created)
        let path = try KeyFile.write(key, directory: directory + "/")
        // When its text is read
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Then it is the pretty Multikey object with a trailing newline
        let expected = """
            {
              "created": "2026-11-23T10:00:00Z",
              "id": "\(key.id)",
              "publicKeyMultibase": "\(key.publicKeyMultibase)",
              "secretKeyMultibase": "\(Multikey.encode(key.privateKey))",
              "type": "Multikey"
            }

            """
        #expect(text == expected)
        #expect(path == directory + "/" + key.id + ".key")
    }

    @Test func neverOverwritesAKeyFile() throws {
        // Given a key already written
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let key = IssuerKey.generate(created: Self.created)
        let path = try KeyFile.write(key, directory: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // When it is written again
        // Then the second write is refused and the file is unchanged
        #expect(throws: KeyFileError.exists(path)) { try KeyFile.write(key, directory: directory) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(arguments: [0o777, 0o770, 0o702] as [mode_t])
    func refusesAWritableDirectory(mode: mode_t) throws {
        // Given an existing key directory that the group or others can write
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        #expect(chmod(directory, mode) == 0)
        // When a key is written there
        // Then it is refused, naming the directory's mode
        let expected = KeyFileError.directoryLoosePermissions(directory, mode: "0" + String(mode, radix: 8))
        #expect(throws: expected) { try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory) }
    }

    @Test func acceptsAReadOnlySharedDirectory() throws {
        // Given an existing directory others can read but not write
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        #expect(chmod(directory, 0o755) == 0)
        // When a key is written there
        let path = try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory)
        // Then the file is written 0600 and the directory is left as it was
        #expect(Self.mode(path) == 0o600)
        #expect(Self.mode(directory) == 0o755)
    }

    @Test func refusesADirectoryPathThatIsAFile() throws {
        // Given a regular file where the key directory should be
        let root = Self.temporaryDirectory()
        defer { Self.remove(root) }
        Self.plant("x", at: root + "/keys")
        // When a key is written there
        // Then the write fails with the system's reason
        #expect(throws: KeyFileError.writeFailed(root + "/keys", reason: String(cString: strerror(ENOTDIR)))) {
            try KeyFile.write(IssuerKey.generate(created: Self.created), directory: root + "/keys")
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o601, 0o610] as [mode_t])
    func refusesLoosePermissionsBeforeReading(mode: mode_t) throws {
        // Given a valid key file whose mode lets the group or others in
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory)
        #expect(chmod(path, mode) == 0)
        // When it is read
        // Then it is refused with the mode in octal
        #expect(throws: KeyFileError.loosePermissions(path, mode: "0" + String(mode, radix: 8))) { try KeyFile.read(path) }
    }

    @Test func refusesLoosePermissionsEvenWhenTheContentIsBroken() throws {
        // Given a file that is not JSON, readable by everyone
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        Self.plant("not json", at: directory + "/k.key", mode: 0o644)
        // When it is read
        // Then the permissions are reported, not the content: it was never read
        #expect(throws: KeyFileError.loosePermissions(directory + "/k.key", mode: "0644")) { try KeyFile.read(directory + "/k.key") }
    }

    @Test func acceptsStricterPermissions() throws {
        // Given a key file made read-only for its owner
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let key = IssuerKey.generate(created: Self.created)
        let path = try KeyFile.write(key, directory: directory)
        #expect(chmod(path, 0o400) == 0)
        // When it is read
        // Then it is accepted
        #expect(try KeyFile.read(path).id == key.id)
    }

    @Test func reportsAMissingFile() throws {
        // Given paths where nothing is
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        // When they are read
        // Then each is reported missing
        #expect(throws: KeyFileError.missing(directory + "/none.key")) { try KeyFile.read(directory + "/none.key") }
        #expect(throws: KeyFileError.missing(directory + "/none/k.key")) { try KeyFile.read(directory + "/none/k.key") }
    }

    @Test func refusesADirectoryOrALink() throws {
        // Given a directory with owner-only permissions, and a symbolic link to a valid key file
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory + "/keys")
        #expect(symlink(path, directory + "/link.key") == 0)
        // When they are read
        // Then both are "not a file": a directory is caught by lstat before any open is tried,
        // so it never reaches `.unreadable`
        #expect(throws: KeyFileError.notAFile(directory + "/keys")) { try KeyFile.read(directory + "/keys") }
        #expect(throws: KeyFileError.notAFile(directory + "/link.key")) { try KeyFile.read(directory + "/link.key") }
    }

    @Test(.disabled(if: isRoot, "root opens a file whatever its mode"))
    func reportsAnUnreadableFile() throws {
        // Given a key file only its owner may write, not read (so its mode passes the check)
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory)
        #expect(chmod(path, 0o200) == 0)
        // When it is read
        // Then the system's reason is given
        #expect(throws: KeyFileError.unreadable(path, reason: String(cString: strerror(EACCES)))) { try KeyFile.read(path) }
    }

    @Test(.enabled(if: isRoot, "only root can give a file to another user"))
    func refusesAFileOfAnotherUser() throws {
        // Given a valid key file given to another user (uid 1)
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = try KeyFile.write(IssuerKey.generate(created: Self.created), directory: directory)
        #expect(chown(path, 1, 1) == 0)
        // When it is read
        // Then the owner is reported
        #expect(throws: KeyFileError.wrongOwner(path, owner: 1)) { try KeyFile.read(path) }
    }

    @Test func refusesMalformedContent() throws {
        // Given a valid key file and variants of its content
        let directory = Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let key = IssuerKey.generate(created: Self.created)
        let other = IssuerKey.generate(created: Self.created)
        let valid = try KeyFile.read(try KeyFile.write(key, directory: directory))
        #expect(valid.privateKey.rawRepresentation == key.privateKey.rawRepresentation)
        let members: [String: JSONValue] = [
            "type": .string("Multikey"), "id": .string(key.id), "publicKeyMultibase": .string(key.publicKeyMultibase),
            "secretKeyMultibase": .string(Multikey.encode(key.privateKey)), "created": .string("2026-11-23T10:00:00Z"),
        ]
        func variant(_ change: (inout [String: JSONValue]) -> Void) -> String {
            var copy = members
            change(&copy)
            return JSONValue.object(copy).prettyPrinted()
        }
        let cases: [(String, String)] = [
            ("{\"type\": \"Multikey\",", "not-json"),
            ("", "not-json"),
            ("[]", "not-object"),
            (variant { $0["type"] = .string("JsonWebKey") }, "wrong-type"),
            (variant { $0["secretKeyMultibase"] = nil }, "missing-secret"),
            (variant { $0["secretKeyMultibase"] = .string(key.publicKeyMultibase) }, "bad-secret"),
            (variant { $0["publicKeyMultibase"] = nil }, "missing-public-key"),
            (variant { $0["publicKeyMultibase"] = .string("z6Mk") }, "bad-public-key"),
            (variant { $0["publicKeyMultibase"] = .string(other.publicKeyMultibase) }, "public-key-mismatch"),
            (variant { $0["id"] = nil }, "missing-id"),
            (variant { $0["id"] = .string(other.id) }, "id-mismatch"),
            (variant { $0["created"] = nil }, "missing-created"),
            (variant { $0["created"] = .string("23/11/2026") }, "bad-created"),
            (String(repeating: " ", count: 70_000), "too-large"),
        ]
        for (position, (text, detail)) in cases.enumerated() {
            // When each is read
            let path = directory + "/case-\(position).key"
            Self.plant(text, at: path)
            // Then it is refused with its detail code
            #expect(throws: KeyFileError.malformed(path, detail: detail), "\(detail)") { try KeyFile.read(path) }
        }
    }

    @Test func errorsCarryMessageKeysAndArguments() {
        // Given one error of each kind
        let errors: [(KeyFileError, String, [String: String])] = [
            (.missing("/k"), "keys.file.missing", ["path": "/k"]),
            (.notAFile("/k"), "keys.file.not-file", ["path": "/k"]),
            (.wrongOwner("/k", owner: 1000), "keys.file.wrong-owner", ["path": "/k", "owner": "1000"]),
            (.loosePermissions("/k", mode: "0644"), "keys.file.loose-permissions", ["path": "/k", "mode": "0644"]),
            (.unreadable("/k", reason: "Permission denied"), "keys.file.unreadable", ["path": "/k", "reason": "Permission denied"]),
            (.malformed("/k", detail: "not-json"), "keys.file.malformed", ["path": "/k", "detail": "not-json"]),
            (.directoryLoosePermissions("/d", mode: "0777"), "keys.directory.loose-permissions", ["path": "/d", "mode": "0777"]),
            (.exists("/k"), "keys.file.exists", ["path": "/k"]),
            (
                .writeFailed("/k", reason: "No space left on device"), "keys.file.write-failed",
                ["path": "/k", "reason": "No space left on device"]
            ),
        ]
        // When their keys and arguments are read
        // Then each names its catalog entry and values
        for (error, key, arguments) in errors {
            #expect(error.key == key)
            #expect(error.arguments == arguments)
        }
    }
}
