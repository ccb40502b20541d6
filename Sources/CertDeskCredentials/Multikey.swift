import Crypto
import Foundation

/// Ed25519 keys in the Multikey form (W3C Controlled Identifiers v1.0): a multicodec prefix,
/// the raw key, base58btc multibase.
///
/// Public keys carry the `ed25519-pub` multicodec `0xed` (varint `0xed 0x01`, so the text
/// starts `z6Mk`); secret keys the `ed25519-priv` multicodec `0x1300` (varint `0x80 0x26`,
/// text starts `z3u2`). The secret is the 32-byte RFC 8032 seed.
public enum Multikey {
    /// The varint multicodec header of an Ed25519 public key.
    public static let ed25519PublicHeader: [UInt8] = [0xED, 0x01]
    /// The varint multicodec header of an Ed25519 secret key (seed).
    public static let ed25519SecretHeader: [UInt8] = [0x80, 0x26]

    /// The `publicKeyMultibase` text of a public key.
    public static func encode(_ key: Curve25519.Signing.PublicKey) -> String {
        Multibase.encodeBase58BTC(Data(ed25519PublicHeader) + key.rawRepresentation)
    }

    /// The `secretKeyMultibase` text of a private key.
    public static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
        Multibase.encodeBase58BTC(Data(ed25519SecretHeader) + key.rawRepresentation)
    }

    /// Reads a `publicKeyMultibase` (`z6Mk…`); `nil` unless it is an Ed25519 public key.
    public static func ed25519PublicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard let raw = payload(of: text, header: ed25519PublicHeader) else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    /// Reads a `secretKeyMultibase` (`z3u2…`); `nil` unless it is an Ed25519 secret key.
    public static func ed25519PrivateKey(_ text: String) -> Curve25519.Signing.PrivateKey? {
        guard let raw = payload(of: text, header: ed25519SecretHeader) else { return nil }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    private static func payload(of text: String, header: [UInt8]) -> Data? {
        guard let bytes = Multibase.decodeBase58BTC(text), bytes.count == header.count + 32,
            Array(bytes.prefix(header.count)) == header
        else { return nil }
        return Data(bytes.dropFirst(header.count))
    }
}
