import Foundation

/// Why a Bitstring Status List, or the credential holding one, was refused.
public enum StatusListError: Error, Sendable, Hashable {
    /// `encodedList` does not start with `u`, the multibase prefix of base64url.
    case notMultibaseBase64URL
    /// After the `u`, a character is outside the base64url alphabet, there is padding, or
    /// the length or the last character cannot end a base64url text.
    case notBase64URL
    /// The decoded bytes are not one valid gzip stream.
    case notGzip(GzipError)
    /// The uncompressed list holds fewer than ``BitstringStatusList/minimumLength`` bits.
    case tooShort(length: Int)
    /// The credential's `type` does not include `BitstringStatusListCredential`.
    case notAStatusListCredential
    /// The credential has no `credentialSubject` object of type `BitstringStatusList`.
    case wrongSubjectType
    /// The credential subject has no `encodedList` string.
    case missingEncodedList

    /// The message-catalog key, e.g. `status-list.not-gzip`.
    public var key: String {
        switch self {
        case .notMultibaseBase64URL: "status-list.not-multibase"
        case .notBase64URL: "status-list.not-base64url"
        case .notGzip: "status-list.not-gzip"
        case .tooShort: "status-list.too-short"
        case .notAStatusListCredential: "status-list.not-status-list-credential"
        case .wrongSubjectType: "status-list.wrong-subject-type"
        case .missingEncodedList: "status-list.missing-encoded-list"
        }
    }

    /// Named values for the message: `reason` (the ``GzipError`` code) for `.notGzip`,
    /// `length` and `minimum` for `.tooShort`.
    public var arguments: [String: String] {
        switch self {
        case .notGzip(let reason): ["reason": reason.rawValue]
        case .tooShort(let length): ["length": String(length), "minimum": String(BitstringStatusList.minimumLength)]
        default: [:]
        }
    }
}

/// A W3C Bitstring Status List (v1.0): one bit per credential, set when its status (say,
/// revocation) applies.
///
/// Index 0 is the left-most bit: the most significant bit of the first byte. The list is at
/// least 131,072 bits (16 KiB) long, so that one credential hides among many. It is published
/// as `encodedList`: GZIP (RFC 1952), then base64url without padding, with the multibase
/// prefix `u` (spec §3.3 "Bitstring Generation Algorithm", §3.4 "Bitstring Expansion
/// Algorithm"). Entries are one bit wide (`statusSize` 1).
///
/// ```swift
/// var list = BitstringStatusList()
/// list[94_567] = true
/// let credential = BitstringStatusList.credential(
///     id: "https://certs.example/status/1", issuer: .string("did:web:certs.example"),
///     validFrom: "2026-11-23T10:00:00Z", validUntil: nil, list: list)
/// try BitstringStatusList(credential: credential)[94_567]  // true
/// ```
public struct BitstringStatusList: Sendable, Hashable {
    /// The shortest list allowed: 131,072 bits (16 KiB), as the specification requires.
    public static let minimumLength = 131_072

    /// The bits, eight to a byte, most significant first.
    private var bytes: [UInt8]

    /// A list with every bit clear.
    ///
    /// - Parameter length: the number of entries wanted; it is rounded up to a multiple of 8
    ///   and raised to ``minimumLength`` when smaller.
    public init(length: Int = minimumLength) {
        let bits = max(length, Self.minimumLength)
        bytes = [UInt8](repeating: 0, count: bits / 8 + (bits % 8 == 0 ? 0 : 1))
    }

    /// Reads a published `encodedList` (the Bitstring Expansion Algorithm).
    ///
    /// The uncompressed list may be at most 16 MiB (134,217,728 entries).
    ///
    /// - Parameter encodedList: `u` followed by base64url (no padding) of the gzip bytes.
    /// - Throws: ``StatusListError``: `.notMultibaseBase64URL`, `.notBase64URL`, `.notGzip`
    ///   or `.tooShort`.
    public init(encodedList: String) throws(StatusListError) {
        guard encodedList.hasPrefix("u") else { throw .notMultibaseBase64URL }
        guard let compressed = Self.base64URLDecode(encodedList.utf8.dropFirst()) else { throw .notBase64URL }
        let expanded: Data
        do {
            expanded = try Gzip.decompress(compressed)
        } catch {
            throw .notGzip(error)
        }
        guard expanded.count * 8 >= Self.minimumLength else { throw .tooShort(length: expanded.count * 8) }
        bytes = [UInt8](expanded)
    }

    /// Reads the list out of a `BitstringStatusListCredential` (signed or not; the proof is
    /// not checked here).
    ///
    /// - Throws: ``StatusListError``: `.notAStatusListCredential` unless `type` includes
    ///   `BitstringStatusListCredential`; `.wrongSubjectType` unless `credentialSubject` is an
    ///   object whose `type` is (or includes) `BitstringStatusList`; `.missingEncodedList`;
    ///   then whatever ``init(encodedList:)`` throws.
    public init(credential: JSONValue) throws(StatusListError) {
        guard Self.types(of: credential).contains("BitstringStatusListCredential") else {
            throw .notAStatusListCredential
        }
        guard let subject = credential["credentialSubject"], subject.objectValue != nil,
            Self.types(of: subject).contains("BitstringStatusList")
        else { throw .wrongSubjectType }
        guard let encodedList = subject["encodedList"]?.stringValue else { throw .missingEncodedList }
        try self.init(encodedList: encodedList)
    }

    /// The number of entries: a multiple of 8, at least ``minimumLength``.
    public var length: Int { bytes.count * 8 }

    /// The bit at a position; `true` means the status (revoked, suspended, …) applies.
    ///
    /// Index 0 is the most significant bit of the first byte, `length - 1` the least
    /// significant bit of the last. Like an array, an index outside `0..<length` traps.
    public subscript(index: Int) -> Bool {
        get {
            precondition(index >= 0 && index < length, "status list index \(index) is outside 0..<\(length)")
            return bytes[index / 8] & Self.mask(index) != 0
        }
        set {
            precondition(index >= 0 && index < length, "status list index \(index) is outside 0..<\(length)")
            if newValue {
                bytes[index / 8] |= Self.mask(index)
            } else {
                bytes[index / 8] &= ~Self.mask(index)
            }
        }
    }

    /// The list as published: `u` + base64url without padding of the gzip-compressed bits
    /// (the Bitstring Generation Algorithm).
    public var encodedList: String {
        "u" + Self.base64URLEncode(Gzip.compress(Data(bytes)))
    }

    /// The unsigned `BitstringStatusListCredential` publishing a list (spec §2.2).
    ///
    /// Sign it (for example with ``DataIntegrityProof``) before publishing it at `id`.
    ///
    /// - Parameters:
    ///   - id: the URL the credential is published at; the subject's id is `id + "#list"`.
    ///   - issuer: the issuer's id as a string, or an object with an `id`.
    ///   - validFrom: an XML Schema dateTimeStamp, e.g. `2026-11-23T10:00:00Z`.
    ///   - validUntil: when the list stops being valid, or `nil` for no end.
    ///   - purpose: the `statusPurpose`, `revocation` unless said otherwise.
    ///   - list: the bits.
    public static func credential(
        id: String, issuer: JSONValue, validFrom: String, validUntil: String?, purpose: String = "revocation",
        list: BitstringStatusList
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2")]),
            "id": .string(id),
            "type": .array([.string("VerifiableCredential"), .string("BitstringStatusListCredential")]),
            "issuer": issuer,
            "validFrom": .string(validFrom),
            "credentialSubject": .object([
                "id": .string(id + "#list"),
                "type": .string("BitstringStatusList"),
                "statusPurpose": .string(purpose),
                "encodedList": .string(list.encodedList),
            ]),
        ]
        if let validUntil { members["validUntil"] = .string(validUntil) }
        return .object(members)
    }

    /// The `credentialStatus` entry a credential carries to point at its bit (spec §2.1).
    ///
    /// ```swift
    /// BitstringStatusList.entry(listCredential: "https://certs.example/status/1", index: 94_567)
    /// // {"id": "https://certs.example/status/1#94567", "type": "BitstringStatusListEntry",
    /// //  "statusPurpose": "revocation", "statusListIndex": "94567",
    /// //  "statusListCredential": "https://certs.example/status/1"}
    /// ```
    ///
    /// - Parameters:
    ///   - listCredential: the URL of the `BitstringStatusListCredential`.
    ///   - index: the credential's position in the list, written as a decimal string.
    ///   - purpose: the `statusPurpose`, `revocation` unless said otherwise.
    public static func entry(listCredential: String, index: Int, purpose: String = "revocation") -> JSONValue {
        .object([
            "id": .string(listCredential + "#" + String(index)),
            "type": .string("BitstringStatusListEntry"),
            "statusPurpose": .string(purpose),
            "statusListIndex": .string(String(index)),
            "statusListCredential": .string(listCredential),
        ])
    }

    /// The bit of `index` within its byte: index 0 is the most significant.
    private static func mask(_ index: Int) -> UInt8 {
        0x80 >> UInt8(index % 8)
    }

    /// The `type` of an object as a list, whether written as one string or an array.
    private static func types(of value: JSONValue) -> [String] {
        switch value["type"] {
        case .string(let type): [type]
        case .array(let types): types.compactMap(\.stringValue)
        default: []
        }
    }

    private static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64url (RFC 4648 §5) without padding.
    static func base64URLEncode(_ data: Data) -> String {
        var text: [UInt8] = []
        text.reserveCapacity((data.count * 4 + 2) / 3)
        var bytes = data.makeIterator()
        while let first = bytes.next() {
            let second = bytes.next()
            let third = bytes.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            let count = third != nil ? 4 : second != nil ? 3 : 2
            for position in 0..<count {
                text.append(base64URLAlphabet[Int(group >> (18 - 6 * UInt32(position)) & 0x3F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Strict base64url without padding: `nil` for any other character, `=`, a length that
    /// leaves one character over, or unused bits that are not zero.
    static func base64URLDecode(_ text: Substring.UTF8View) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count * 3 / 4)
        var group: UInt32 = 0
        var count = 0
        for character in text {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            group = group << 6 | UInt32(value)
            count += 1
            if count == 4 {
                bytes += [UInt8(group >> 16), UInt8(group >> 8 & 0xFF), UInt8(group & 0xFF)]
                group = 0
                count = 0
            }
        }
        switch count {
        case 0: break
        case 2:
            guard group & 0x0F == 0 else { return nil }
            bytes.append(UInt8(group >> 4))
        case 3:
            guard group & 0x03 == 0 else { return nil }
            bytes += [UInt8(group >> 10), UInt8(group >> 2 & 0xFF)]
        default: return nil
        }
        return Data(bytes)
    }
}
