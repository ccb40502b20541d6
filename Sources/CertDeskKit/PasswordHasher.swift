import CertDeskCore
import Crypto
import CryptoExtras
import Foundation

/// Staff passwords, hashed with scrypt and a random salt per account.
///
/// A hash is stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64), so the cost can be
/// raised later without breaking the hashes already stored.
public enum PasswordHasher {
    /// scrypt's CPU/memory cost (2^15 with r = 8 uses 32 MiB), block size and parallelism.
    static let cost = 1 << 15
    static let blockSize = 8
    static let parallelism = 1

    public static func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255) }
        let key = try derive(password, salt: salt, cost: cost, blockSize: blockSize, parallelism: parallelism)
        return [
            "scrypt", String(cost), String(blockSize), String(parallelism), Data(salt).base64EncodedString(), key.base64EncodedString(),
        ]
        .joined(separator: "$")
    }

    /// Whether `password` matches a stored hash; a malformed hash matches nothing.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let cost = Int(parts[1]), let blockSize = Int(parts[2]),
            let parallelism = Int(parts[3]), let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
            cost > 1, cost <= 1 << 20, blockSize >= 1, blockSize <= 32, parallelism >= 1, parallelism <= 16, !expected.isEmpty,
            let key = try? derive(
                password, salt: [UInt8](salt), cost: cost, blockSize: blockSize, parallelism: parallelism, length: expected.count)
        else { return false }
        // Compare every byte, so the time taken does not tell how much matched.
        return zip(key, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 && key.count == expected.count
    }

    private static func derive(_ password: String, salt: [UInt8], cost: Int, blockSize: Int, parallelism: Int, length: Int = 32) throws
        -> Data
    {
        // scrypt reads the password and salt through pointers that empty buffers do not have.
        let bytes = Array(password.utf8)
        guard !bytes.isEmpty, !salt.isEmpty else { throw ProblemsError.error("staff.password.short", ["minimum": "1", "length": "0"]) }
        let key = try KDF.Scrypt.deriveKey(
            from: bytes, salt: salt, outputByteCount: length, rounds: cost, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Data($0) }
    }
}

/// The minimum strength of a staff password.
///
/// In the spirit of NIST SP 800-63B: length matters, composition rules do not. A password must
/// have at least 10 characters and 5 different ones, must not contain the account name, and
/// must not be one of the passwords attackers try first.
public enum PasswordRule {
    public static let minimumLength = 10
    public static let maximumLength = 256

    static let common: Set<String> = [
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
        "1234567890", "12345678910", "0123456789", "1q2w3e4r5t", "qwertyuiop", "qwerty1234", "qwerty123456",
        "iloveyou123", "administrator", "administrator1", "letmein123", "welcome123", "welcome1234", "changeme123",
        "trustno1234", "abcdefghij", "abc1234567", "certdesk123", "certdesk2026", "contactcentre", "contactcenter",
    ]

    /// What is wrong with a new password, or nothing.
    public static func problems(_ password: String, name: String) -> [Problem] {
        let length = password.count
        if length < minimumLength {
            return [.error("staff.password.short", ["minimum": String(minimumLength), "length": String(length)])]
        }
        if length > maximumLength { return [.error("staff.password.long", ["maximum": String(maximumLength)])] }
        if Set(password).count < 5 { return [.error("staff.password.repetitive")] }
        let lowered = password.lowercased()
        if lowered.contains(name.lowercased()) { return [.error("staff.password.contains-name", ["name": name])] }
        if common.contains(lowered) { return [.error("staff.password.common")] }
        return []
    }
}
