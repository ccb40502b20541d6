import CertDeskCore
import CertDeskCredentials
import CertDeskLocalization
import Foundation
import Testing

/// Credentials end to end through the built `certdesk`: eligibility after a drill sitting,
/// issuing with the issuer's key, exporting and verifying the signed credential (online, by
/// number and code, and offline with the published keys), tampering, key rotation,
/// revocation with the published status list and register, and printed certificates.
struct CredentialFlowTests {
    /// The drill's candidates, numbered in this order: one passes, one fails, one is absent.
    static let names = [(family: "Wong", given: "Siu Ming"), (family: "Lee", given: "Ada"), (family: "Au", given: "Zoe")]

    /// Every drill key right (A; A B; A = true; 20; calibration) and an essay to mark.
    static let rightAnswers = ["A", "A B", "A", "20", "calibration", "Weekly coaching with call reviews, measured by quality scores."]

    /// Every drill key wrong and the essay left blank, so the fail is final without marking.
    static let wrongAnswers = ["B", "C", "B", "7", "IVR", ""]

    static let issuerID = "https://cert.example.org"
    static let issuerArguments = [
        "issuer", "set", "--id", issuerID, "--name", "Contact Centre Certification Board", "--name-zh-hant", "客服中心認證委員會",
        "--name-zh-hans", "呼叫中心认证委员会", "--verify-url", "https://cert.example.org/verify",
    ]

    @Test func aPassIsIssuedAVerifiableCredentialThatOutlivesAKeyRotationAndIsRevokedThroughTheCommandLine() throws {
        // Given a drill sitting marked by one marker, three registered candidates: Siu Ming Wong
        // answers every key right, Ada Lee every key wrong with a blank essay, Zoe Au is absent
        let setup = try ExamSetup(.drill, candidates: 3, names: Self.names)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let session = setup.session
        let (passer, failer, absent) = (setup.registrations[0].number, setup.registrations[1].number, setup.registrations[2].number)
        for (registration, answers) in zip(setup.registrations, [Self.rightAnswers, Self.wrongAnswers]) {
            let sat = try setup.sit(registration, input: ([""] + answers + [":s", "yes"]).joined(separator: "\n") + "\n")
            #expect(sat.status == 0, "\(registration.number): \(sat.error)")
        }
        let marked = try run(setup, ["mark", "1", "6", "--score", "9", "--comment", "Clear plan."])
        #expect(marked.status == 0, "\(marked.error)")

        // When the eligibility is listed before the results are released
        let early = try decode([EligibilityRow].self, run(setup, ["eligible", "--session", session, "--json"]))

        // Then nobody is eligible: the pass waits only for the release, the fail and the absence are named
        let earlyRows = Dictionary(uniqueKeysWithValues: early.map { ($0.number, $0) })
        #expect(earlyRows[passer]?.decision == "ineligible")
        #expect(earlyRows[passer]?.unmet == ["eligible.unreleased"])
        #expect(
            earlyRows[passer]?.reasons
                == [try describe("eligible.unreleased", ["number": passer, "session": session], in: english)])
        #expect(earlyRows[failer]?.unmet.sorted() == ["eligible.failed", "eligible.unreleased"])
        #expect(earlyRows[absent]?.unmet == ["eligible.absent"])

        // When the registrar issues before the issuer is set up, then before any key exists
        let noIssuer = try run(setup, ["issue", "--session", session])
        let issuerSet = try run(setup, Self.issuerArguments)
        let noKey = try run(setup, ["issue", "--session", session])

        // Then each is refused with what to do next
        #expect(noIssuer.status == 1)
        #expect(noIssuer.error.contains(try describe("issuer.not-set", in: english)), "\(noIssuer.error)")
        #expect(issuerSet.status == 0, "\(issuerSet.error)")
        #expect(
            issuerSet.output.contains(
                try message("issuer.set", ["id": Self.issuerID, "name": "Contact Centre Certification Board"], in: english)),
            "\(issuerSet.output)")
        #expect(noKey.status == 1)
        #expect(noKey.error.contains(try describe("keys.none", in: english)), "\(noKey.error)")

        // When the first signing key is made
        let keysInit = try run(setup, ["keys", "init"])
        let keys = try decode([KeyRow].self, run(setup, ["keys", "list", "--json"]))

        // Then its private key file sits beside the database, readable by its owner only
        #expect(keysInit.status == 0, "\(keysInit.error)")
        #expect(keys.count == 1)
        let oldKey = keys.first?.id ?? "?"
        let keyFile = setup.database + ".keys/" + oldKey + ".key"
        #expect(
            keysInit.output.contains(try message("keys.created", ["id": oldKey, "path": keyFile], in: english)), "\(keysInit.output)")
        #expect(FileManager.default.fileExists(atPath: keyFile))
        let permissions = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "mode \(String(permissions ?? 0, radix: 8))")

        // When the passer alone is issued a credential before the results are released
        let unreleased = try run(setup, ["issue", "--session", session, "--candidate", passer])

        // Then it is refused for that reason, and nothing is issued
        #expect(unreleased.status == 1)
        #expect(
            unreleased.error.contains(try describe("eligible.unreleased", ["number": passer, "session": session], in: english)),
            "\(unreleased.error)")
        #expect(try decode([CredentialRow].self, run(setup, ["credential", "list", "--json"])).isEmpty)

        // When the results are released and the eligibility listed again
        let released = try run(setup, ["release", "--session", session])
        let rows = try decode([EligibilityRow].self, run(setup, ["eligible", "--session", session, "--json"]))

        // Then the passer is eligible; the fail and the absence remain, with their reasons
        #expect(released.status == 0, "\(released.error)")
        let eligibility = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0) })
        #expect(eligibility[passer]?.decision == "eligible")
        #expect(eligibility[passer]?.unmet == [])
        #expect(eligibility[passer]?.name == "Siu Ming Wong")
        #expect(eligibility[failer]?.decision == "ineligible")
        #expect(eligibility[failer]?.unmet == ["eligible.failed"])
        #expect(
            eligibility[failer]?.reasons == [
                try describe("eligible.failed", ["number": failer, "percentage": "0", "pass": "70"], in: english)
            ])
        #expect(eligibility[absent]?.decision == "ineligible")
        #expect(eligibility[absent]?.unmet == ["eligible.absent"])
        #expect(eligibility[absent]?.reasons == [try describe("eligible.absent", ["number": absent, "session": session], in: english)])
        let listing = try run(setup, ["eligible", "--session", session])
        #expect(listing.status == 0, "\(listing.error)")
        #expect(
            listing.output.contains(try message("eligible.summary", ["eligible": "1", "issued": "0", "count": "3"], in: english)),
            "\(listing.output)")
        #expect(listing.output.contains(try message("eligible.next", ["session": session], in: english)))

        // When the sitting's credentials are issued, and issued again
        let issued = try decode([IssuedRow].self, run(setup, ["issue", "--session", session, "--json"]))
        let again = try run(setup, ["issue", "--session", session])
        let listed = try decode([CredentialRow].self, run(setup, ["credential", "list", "--json"]))

        // Then the passer alone holds one credential, numbered with a check digit, valid for the
        // drill's three years; the second run issues nothing
        #expect(issued.count == 1)
        let credential = try #require(issued.first)
        let number = credential.number
        #expect(credential.candidate == passer)
        #expect(number.wholeMatch(of: /DRILL-\d{4}-\d{6}-\d/) != nil, "\(number)")
        #expect(CredentialNumber.normalize(number) == number)
        #expect(VerificationCode.normalize(credential.verificationCode) == credential.verificationCode)
        let validFrom = try #require(timestamp(credential.validFrom))
        let validUntil = try #require(timestamp(credential.validUntil))
        #expect(validUntil == threeYears(after: validFrom), "\(credential.validFrom) → \(credential.validUntil)")
        #expect(abs(validFrom.timeIntervalSinceNow) < 600)
        #expect(again.status == 0, "\(again.error)")
        #expect(
            again.output.contains(try message("issue.nothing", ["session": session, "already": "1"], in: english)), "\(again.output)")
        #expect(listed.map(\.number) == [number])
        #expect(listed.map(\.candidate) == [passer])
        #expect(listed.map(\.state) == ["valid"])

        // When the credential is exported as Open Badges JSON with the issuer's public keys
        let folder = setup.folder
        let credentialFile = folder + "/cred.json"
        let keysFile = folder + "/keys.json"
        let exported = try run(setup, ["credential", "export", number, "-o", credentialFile])
        let keyExport = try run(setup, ["keys", "export", "-o", keysFile])

        // Then the file is an AchievementCredential for the DRILL achievement with an eddsa-jcs-2022 proof
        #expect(exported.status == 0, "\(exported.error)")
        #expect(
            exported.error.contains(try message("credential.exported", ["number": number, "path": credentialFile], in: english)),
            "\(exported.error)")
        #expect(keyExport.status == 0, "\(keyExport.error)")
        #expect(keyExport.error.contains(try message("keys.exported", ["path": keysFile], in: english)), "\(keyExport.error)")
        let data = try Data(contentsOf: URL(fileURLWithPath: credentialFile))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["type"] as? [String])?.contains("AchievementCredential") == true, "\(object["type"] ?? "none")")
        let proof = object["proof"] as? [String: Any]
        #expect(proof?["cryptosuite"] as? String == "eddsa-jcs-2022")
        #expect(proof?["type"] as? String == "DataIntegrityProof")
        #expect(proof?["verificationMethod"] as? String == Self.issuerID + "#" + oldKey)
        let subject = object["credentialSubject"] as? [String: Any]
        #expect((subject?["achievement"] as? [String: Any])?["humanCode"] as? String == "DRILL")
        #expect((object["issuer"] as? [String: Any])?["id"] as? String == Self.issuerID)
        let documentFrom = (object["validFrom"] as? String).flatMap(timestamp)
        let documentUntil = (object["validUntil"] as? String).flatMap(timestamp)
        #expect(documentFrom == validFrom)
        #expect(documentUntil == threeYears(after: validFrom))

        // And its proof checks out against the exported public key, independently of certdesk
        let keyDocument = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: keysFile)))
        let multibase = try #require(keyDocument["verificationMethod"]?.arrayValue?.first?["publicKeyMultibase"]?.stringValue)
        #expect(multibase == keys.first?.publicKeyMultibase)
        let publicKey = try #require(Multikey.ed25519PublicKey(multibase))
        let document = try JSONValue.parse(data)
        #expect(DataIntegrityProof.verify(document, publicKey: publicKey) == .valid)

        // When it is verified as a file, by number with its verification code, and with a wrong code
        let byFile = try run(setup, ["verify", credentialFile])
        let byNumber = try run(setup, ["verify", number, "--code", credential.verificationCode.lowercased()])
        let wrongCode = try run(setup, ["verify", number, "--code", otherCode(than: credential.verificationCode)])

        // Then the first two say it is valid and whose it is; the wrong code says tampered
        #expect(byFile.status == 0, "\(byFile.error)")
        #expect(byFile.output.contains(try message("verify.verdict.valid", in: english)), "\(byFile.output)")
        #expect(byFile.output.contains(try message("verify.line.holder", ["name": "Siu Ming Wong"], in: english)))
        #expect(byFile.output.contains(try message("verify.status.store", in: english)))
        #expect(byNumber.status == 0, "\(byNumber.error)")
        #expect(byNumber.output.contains(try message("verify.verdict.valid", in: english)), "\(byNumber.output)")
        #expect(wrongCode.status == 2, "\(wrongCode.output)")
        #expect(wrongCode.output.contains(try message("verify.verdict.tampered", in: english)), "\(wrongCode.output)")
        #expect(wrongCode.output.contains(try message("verify.tampered.code", in: english)))
        #expect(!wrongCode.output.contains(try message("verify.verdict.valid", in: english)))

        // When one letter of the holder's name is changed in the file
        let tamperedFile = folder + "/tampered.json"
        let original = String(decoding: data, as: UTF8.self)
        #expect(original.contains("\"Siu Ming Wong\""))
        try original.replacingOccurrences(of: "\"Siu Ming Wong\"", with: "\"Siu Ming Wang\"")
            .write(toFile: tamperedFile, atomically: true, encoding: .utf8)
        let tampered = try run(setup, ["verify", tamperedFile])

        // Then verify says tampered, as the library does
        #expect(tampered.status == 2, "\(tampered.output)\(tampered.error)")
        #expect(tampered.output.contains(try message("verify.verdict.tampered", in: english)), "\(tampered.output)")
        #expect(tampered.output.contains(try message("verify.tampered.signature", in: english)))
        #expect(!tampered.output.contains("Siu Ming Wang"))
        let tamperedDocument = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: tamperedFile)))
        #expect(DataIntegrityProof.verify(tamperedDocument, publicKey: publicKey) == .tampered)

        // When a verifier without the database checks the file against the published keys
        let missingDatabase = folder + "/nowhere/certdesk.sqlite"
        let offline = try setup.runner.run(["verify", credentialFile, "--public-keys", keysFile, "--db", missingDatabase])
        let offlineTampered = try setup.runner.run(["verify", tamperedFile, "--public-keys", keysFile, "--db", missingDatabase])

        // Then it is valid (revocation unchecked without a list) and the tampered copy is not; no database was made
        #expect(offline.status == 0, "\(offline.output)\(offline.error)")
        #expect(offline.output.contains(try message("verify.verdict.valid-unchecked", in: english)), "\(offline.output)")
        #expect(offline.output.contains(try message("verify.status.unchecked", in: english)))
        #expect(offlineTampered.status == 2, "\(offlineTampered.output)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere"))

        // When a credential number with a wrong check digit is verified
        let last = number.last?.wholeNumberValue ?? 0
        let mistyped = String(number.dropLast()) + String((last + 1) % 10)
        let badNumber = try run(setup, ["verify", mistyped])

        // Then the check digit catches it before any lookup
        #expect(badNumber.status == 1)
        #expect(badNumber.error.contains(try describe("credential.bad-number", ["number": mistyped], in: english)), "\(badNumber.error)")
        #expect(!badNumber.output.contains(try message("verify.verdict.valid", in: english)))

        // When the signing key is rotated and the public keys published again
        let rotated = try run(setup, ["keys", "rotate"])
        let rotatedKeys = try decode([KeyRow].self, run(setup, ["keys", "list", "--json"]))
        let newKeysFile = folder + "/keys-2.json"
        #expect(try run(setup, ["keys", "export", "-o", newKeysFile]).status == 0)

        // Then the old key is retired, yet what it signed still verifies, online and offline
        #expect(rotated.status == 0, "\(rotated.error)")
        #expect(rotatedKeys.count == 2)
        let newKey = rotatedKeys.last?.id ?? "?"
        #expect(newKey != oldKey)
        #expect(rotatedKeys.first?.id == oldKey)
        #expect(rotatedKeys.first?.retired != nil)
        #expect(rotatedKeys.last?.retired == nil)
        #expect(
            rotated.output.contains(
                try message(
                    "keys.rotated", ["id": newKey, "path": setup.database + ".keys/" + newKey + ".key", "old": oldKey], in: english)),
            "\(rotated.output)")
        let afterRotation = try decode(VerifyReport.self, run(setup, ["verify", number, "--json"]))
        #expect(afterRotation.verdict == "valid")
        #expect(afterRotation.key == oldKey)
        #expect(afterRotation.holder == "Siu Ming Wong")
        #expect(afterRotation.statusChecked)
        let fileAfterRotation = try run(setup, ["verify", credentialFile])
        #expect(fileAfterRotation.status == 0, "\(fileAfterRotation.output)")
        let offlineAfterRotation = try setup.runner.run(["verify", credentialFile, "--public-keys", newKeysFile, "--db", missingDatabase])
        #expect(offlineAfterRotation.status == 0, "\(offlineAfterRotation.output)\(offlineAfterRotation.error)")

        // When the credential is revoked for misconduct
        let revoked = try run(setup, ["revoke", number, "--reason", "Exam misconduct"])
        let verifyRevoked = try run(setup, ["verify", number])
        let revokedReport = try run(setup, ["verify", number, "--json"])
        let revokeAgain = try run(setup, ["revoke", number, "--reason", "Exam misconduct"])
        let renew = try run(setup, ["renew", number])
        let printRevoked = try run(setup, ["certificate", "print", number, "-o", folder + "/revoked.pdf"])

        // Then verify says revoked, with the reason; it cannot be revoked twice, renewed or printed
        #expect(revoked.status == 0, "\(revoked.error)")
        #expect(
            revoked.output.contains(try message("revoke.done", ["number": number, "reason": "Exam misconduct"], in: english)),
            "\(revoked.output)")
        #expect(verifyRevoked.status == 4, "\(verifyRevoked.output)")
        #expect(
            try line(of: "verify.verdict.revoked", in: verifyRevoked.output, english)?["reason"] == "Exam misconduct",
            "\(verifyRevoked.output)")
        #expect(revokedReport.status == 4)
        let report = try JSONDecoder().decode(VerifyReport.self, from: Data(revokedReport.output.utf8))
        #expect(report.verdict == "revoked")
        #expect(report.reason == "Exam misconduct")
        #expect(report.revokedAt != nil)
        #expect(revokeAgain.status == 1)
        #expect(
            try line(of: "revoke.already", in: revokeAgain.error, english, describing: true)?["reason"] == "Exam misconduct",
            "\(revokeAgain.error)")
        #expect(renew.status == 1)
        let renewRefusal = try line(of: "renew.revoked", in: renew.error, english, describing: true)
        #expect(renewRefusal?["number"] == number, "\(renew.error)")
        #expect(renewRefusal?["reason"] == "Exam misconduct")
        #expect(printRevoked.status == 1)
        #expect(
            try line(of: "certificate.revoked", in: printRevoked.error, english, describing: true)?["number"] == number,
            "\(printRevoked.error)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/revoked.pdf"))

        // When the revocation list is published and the file verified offline against it
        let statusFile = folder + "/status.json"
        let statusList = try run(setup, ["registry", "status-list", "-o", statusFile])
        let offlineRevoked = try setup.runner.run([
            "verify", credentialFile, "--public-keys", newKeysFile, "--status-list", statusFile, "--db", missingDatabase,
        ])
        let staleKeys = try setup.runner.run([
            "verify", credentialFile, "--public-keys", keysFile, "--status-list", statusFile, "--db", missingDatabase,
        ])

        // Then the list, signed with the new key, marks it revoked; keys published before the
        // rotation cannot vouch for that list
        #expect(statusList.status == 0, "\(statusList.error)")
        let listDocument = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: statusFile)))
        #expect(listDocument["proof"]?["verificationMethod"]?.stringValue == Self.issuerID + "#" + newKey)
        #expect(offlineRevoked.status == 4, "\(offlineRevoked.output)\(offlineRevoked.error)")
        #expect(offlineRevoked.output.contains(try message("verify.verdict.revoked-list", in: english)), "\(offlineRevoked.output)")
        #expect(staleKeys.status == 1, "\(staleKeys.output)")
        #expect(staleKeys.error.contains(try describe("verify.status-list.invalid", in: english)), "\(staleKeys.error)")

        // When the public register is exported
        let registryFile = folder + "/registry.json"
        let registry = try run(setup, ["registry", "export", "-o", registryFile])

        // Then it lists the credential as revoked, without the candidate number, ID document or reason
        #expect(registry.status == 0, "\(registry.error)")
        let registryText = try String(contentsOfFile: registryFile, encoding: .utf8)
        let entries = try JSONValue.parse(registryText)["credentials"]?.arrayValue ?? []
        #expect(entries.map { $0["number"]?.stringValue } == [number])
        #expect(entries.first?["status"]?.stringValue == "revoked")
        #expect(entries.first?["holder"]?.stringValue == "Siu Ming Wong")
        #expect(registryText.contains("\"revoked\""))
        for secret in setup.registrations.map(\.number) + ["A1000001", "A1000002", "A1000003", "Exam misconduct"] {
            #expect(!registryText.contains(secret), "\(secret) in the public register")
        }
    }

    @Test(
        .enabled(
            if: PopplerTool.executable("pdftotext") != nil,
            "poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm) is not installed; run scripts/install-dependencies --test"))
    func aHolderWithAChineseNameGetsEnglishBilingualAndSimplifiedChineseCertificates() throws {
        // Given Tai Man Chan (陳大文), who reads Traditional Chinese, passes a drill sitting of
        // his own (ExamSetup names candidates in one script only, so he is added beside its
        // sitting), and the issuer and a key are set up
        let setup = try ExamSetup(.drill, candidates: 1)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let (session, chan) = try chineseHolder(in: setup)
        let sat = try setup.sit(chan, input: ([""] + Self.rightAnswers + [":s", "yes"]).joined(separator: "\n") + "\n")
        #expect(sat.status == 0, "\(sat.error)")
        for arguments in [
            ["mark", "1", "6", "--score", "9", "--comment", "Clear plan."], ["release", "--session", session], Self.issuerArguments,
            ["keys", "init"],
        ] {
            let result = try run(setup, arguments)
            #expect(result.status == 0, "\(arguments): \(result.error)")
        }
        let issued = try decode([IssuedRow].self, run(setup, ["issue", "--session", session, "--json"]))
        let credential = try #require(issued.first)
        let number = credential.number
        let code = credential.verificationCode
        #expect(issued.map(\.candidate) == [chan.number])
        let held = try decode([CredentialRow].self, run(setup, ["credential", "list", "--candidate", chan.number, "--json"]))
        #expect(held.map(\.name) == ["Tai Man Chan 陳大文"])

        // When his certificate is printed in English, in both his languages, and in Simplified Chinese
        let prints = [
            (file: "en.pdf", arguments: ["--lang", "en"]), (file: "both.pdf", arguments: ["--bilingual"]),
            (file: "hans.pdf", arguments: ["--lang", "zh-Hans"]),
        ]
        for sample in prints {
            let path = setup.folder + "/" + sample.file
            let printed = try run(setup, ["certificate", "print", number, "-o", path] + sample.arguments)
            #expect(printed.status == 0, "\(sample.file): \(printed.error)")
            #expect(FileManager.default.fileExists(atPath: path), "\(sample.file)")
        }
        let englishPrint = try run(setup, ["certificate", "print", number, "-o", setup.folder + "/again.pdf", "--lang", "en"])
        #expect(
            englishPrint.output.contains(
                try message("certificate.printed", ["number": number, "path": setup.folder + "/again.pdf"], in: english)),
            "\(englishPrint.output)")

        // Then each is one A4 landscape page naming him in both scripts, with the number, the
        // verification code and the track title in the certificate's languages, set in an
        // embedded CJK font, that renders to an image
        let expected: [String: (present: [String], absent: [String])] = [
            "en.pdf": (["Drill Track", "Contact Centre Certification Board"], ["練習課程", "练习课程"]),
            "both.pdf": (["Drill Track", "練習課程", "客服中心認證委員會"], ["练习课程"]),
            "hans.pdf": (["练习课程", "呼叫中心认证委员会"], ["Drill Track", "練習課程"]),
        ]
        for sample in prints {
            let path = setup.folder + "/" + sample.file
            let info = try PopplerTool.run("pdfinfo", [path])
            func field(_ name: String) -> String? {
                info.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map {
                    $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                }
            }
            #expect(field("Pages") == "1", "\(sample.file): \(info)")
            #expect(field("Page size")?.hasPrefix("842 x 595 pts") == true, "\(sample.file): \(info)")
            let text = try PopplerTool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).filter { !$0.isWhitespace }
            let wanted = ["TaiManChan", "陳大文", number, code] + (expected[sample.file]?.present ?? [])
            for item in wanted {
                #expect(text.contains(item.filter { !$0.isWhitespace }), "\(item) missing from \(sample.file):\n\(text)")
            }
            for item in expected[sample.file]?.absent ?? [] {
                #expect(!text.contains(item), "\(item) in \(sample.file)")
            }
            let fonts = try PopplerTool.run("pdffonts", [path])
            let cjk = fonts.split(separator: "\n").dropFirst(2).filter { $0.contains("Noto") && $0.contains("CJK") }
            #expect(!cjk.isEmpty, "no Noto CJK font in \(sample.file):\n\(fonts)")
            #expect(
                cjk.allSatisfy { row in
                    let fields = row.split(separator: " ")
                    return fields.count >= 6 && fields[fields.count - 5] == "yes"
                }, "\(sample.file) does not embed its CJK font:\n\(fonts)")
            let image = setup.folder + "/" + sample.file.replacingOccurrences(of: ".pdf", with: "")
            try PopplerTool.run("pdftoppm", ["-r", "50", "-png", "-singlefile", path, image])
            let png = try Data(contentsOf: URL(fileURLWithPath: image + ".png"))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(sample.file) is not a PNG")
            // A blank page at 50 dpi compresses to about 1 KB; a certificate is many times that.
            #expect(png.count > 8_000, "\(sample.file) renders to only \(png.count) bytes")
        }
    }

    @Test func aMistypedCredentialNumberIsCaughtByItsCheckDigitBeforeAnyLookup() throws {
        // Given an empty CertDesk and a well-formed number it never issued
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runner = CertDeskRunner()
        let database = folder + "/certdesk.sqlite"
        #expect(try runner.initialise(database).status == 0)
        let english = try Catalogs.localizer(.english)
        let number = try #require(CredentialNumber.make(track: "DRILL", year: 2026, sequence: 4_712))
        var digits = Array(number)
        digits.swapAt(digits.count - 4, digits.count - 3)
        let swapped = String(digits)
        #expect(swapped == "DRILL-2026-004721-" + String(number.suffix(1)))

        // When it is verified with each other check digit, with two digits swapped, and as issued
        let typos = (0...9).map { String(number.dropLast()) + String($0) }.filter { $0 != number } + [swapped]
        let unknown = try runner.run(["verify", number.lowercased().replacingOccurrences(of: "-", with: ""), "--db", database])

        // Then every typo is refused as not a credential number; the real form is merely unknown
        for typo in typos {
            let result = try runner.run(["verify", typo, "--db", database])
            #expect(result.status == 1, "\(typo)")
            #expect(result.error.contains(try describe("credential.bad-number", ["number": typo], in: english)), "\(typo): \(result.error)")
        }
        #expect(unknown.status == 1)
        #expect(unknown.error.contains(try describe("credential.unknown", ["number": number], in: english)), "\(unknown.error)")
    }

    // MARK: Helpers

    /// Adds Tai Man Chan with his Chinese name, trains him in every drill module and registers
    /// him for a new drill sitting of his own, as ``ExamSetup`` does for its candidates.
    func chineseHolder(in setup: ExamSetup) throws -> (session: String, registration: ExamSetup.Registration) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let session = try fields(
            run(
                setup,
                [
                    "session", "create", "--track", "DRILL", "--starts", formatter.string(from: Date()), "--centre", "Kowloon Bay Centre",
                    "--capacity", "1", "--json",
                ]))["session"]
        let number = try fields(
            run(
                setup,
                [
                    "candidate", "add", "--family", "Chan", "--given", "Tai Man", "--other-family", "陳", "--other-given", "大文",
                    "--id-document", "K1234567", "--language", "zh-Hant", "--json",
                ]))["number"]
        let (sessionID, candidate) = (try #require(session), try #require(number))
        for module in 1...6 {
            let trained = try run(setup, ["training", "record", candidate, "DRILL-0\(module)", "--hours", "1"])
            #expect(trained.status == 0, "\(trained.error)")
        }
        let code = try fields(run(setup, ["register", candidate, sessionID, "--json"]))["code"]
        return (sessionID, ExamSetup.Registration(number: candidate, code: try #require(code)))
    }

    /// Runs `certdesk` on the setup's database as its administrator.
    func run(_ setup: ExamSetup, _ arguments: [String]) throws -> CertDeskRunner.Result {
        try setup.run(arguments)
    }

    func decode<T: Decodable>(_ type: T.Type, _ result: CertDeskRunner.Result) throws -> T {
        guard result.status == 0 else { throw Failed(result: result) }
        return try JSONDecoder().decode(type, from: Data(result.output.utf8))
    }

    func fields(_ result: CertDeskRunner.Result) throws -> [String: String] {
        try decode([String: String].self, result)
    }

    /// The English text of a message; fails the test when the catalog lacks the key, since the
    /// localizer would then print the key itself and a comparison with it would prove nothing.
    func message(_ key: String, _ arguments: [String: String] = [:], in localizer: Localizer) throws -> String {
        try #require(localizer.catalog(.english)?.entries[key] != nil, "locales/en.po has no \(key)")
        return localizer.text(key, arguments)
    }

    /// A refusal as `certdesk` prints it on standard error: `error: message`.
    func describe(_ key: String, _ arguments: [String: String] = [:], in localizer: Localizer) throws -> String {
        _ = try message(key, arguments, in: localizer)
        return localizer.describe(.error(key, arguments))
    }

    /// The placeholders' values in the first line of `text` that is the message `key`, whole
    /// (as an error when `describing`); `nil` when no line is.
    func line(of key: String, in text: String, _ localizer: Localizer, describing: Bool = false) throws -> [String: String]? {
        _ = try message(key, in: localizer)
        let pattern = try Catalogs.pattern(key, in: localizer)
        let severity = describing ? localizer.text("severity.error") + ": " : ""
        for line in text.split(separator: "\n") where line.hasPrefix(severity) {
            guard let match = String(line.dropFirst(severity.count)).wholeMatch(of: pattern) else { continue }
            let names = ["number", "reason", "at", "by", "successor", "until", "path"]
            return Dictionary(uniqueKeysWithValues: names.compactMap { name in match.output[name]?.substring.map { (name, String($0)) } })
        }
        return nil
    }

    func timestamp(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }

    func threeYears(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: 3, to: date)
    }

    /// A well-formed verification code that differs from `code` in its first character.
    func otherCode(than code: String) -> String {
        let replacement: Character = code.first == "7" ? "8" : "7"
        return String(replacement) + code.dropFirst()
    }

    struct Failed: Error, CustomStringConvertible {
        var result: CertDeskRunner.Result
        var description: String { "certdesk → \(result.status): \(result.error)\(result.output)" }
    }
}

/// A row of `certdesk eligible --session S --json`.
private struct EligibilityRow: Decodable {
    var number: String
    var name: String
    var decision: String
    var credential: String?
    var unmet: [String]
    var reasons: [String]
}

/// An entry of `certdesk issue --json`.
private struct IssuedRow: Decodable {
    var number: String
    var candidate: String
    var validFrom: String
    var validUntil: String
    var verificationCode: String
}

/// A row of `certdesk credential list --json`.
private struct CredentialRow: Decodable {
    var number: String
    var track: String
    var candidate: String
    var name: String
    var state: String
}

/// A row of `certdesk keys list --json`.
private struct KeyRow: Decodable {
    var id: String
    var publicKeyMultibase: String
    var retired: String?
}

/// `certdesk verify --json`.
private struct VerifyReport: Decodable {
    var verdict: String
    var number: String?
    var holder: String?
    var revokedAt: String?
    var reason: String?
    var key: String?
    var statusChecked: Bool
}

/// Runs the poppler-utils tools that read certificates back.
private enum PopplerTool {
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a tool and returns its standard output; throws when it is missing or exits non-zero.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let path = executable(tool) else { throw Failure(description: "\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorText = OutputCollector(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = errorText.waitForEnd()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
