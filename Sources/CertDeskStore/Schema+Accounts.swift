import GRDB

extension Schema {
    /// Staff accounts and their sessions, the hash-chained audit log with its ledger of row
    /// digests, and the record of erased candidates.
    ///
    /// A database from before accounts existed is sealed here: one `audit.begin` entry records
    /// the digest of every row it already held, so `audit verify` can tell later edits made
    /// behind CertDesk's back from what came before.
    static func createAccountTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staff (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9._-]*'
                        AND length(name) BETWEEN 2 AND 32),
                    role TEXT NOT NULL CHECK (role IN ('trainer', 'administrator')),
                    -- scrypt$N$r$p$salt$hash (salt and hash in base64).
                    password TEXT NOT NULL CHECK (password GLOB 'scrypt$*'),
                    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
                    locked_until_ms INTEGER,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    disabled_at TEXT,
                    disabled_by TEXT
                ) STRICT;

                -- A staff session is one token, of which only the SHA-256 is kept.
                CREATE TABLE staff_sessions (
                    id INTEGER PRIMARY KEY,
                    staff_id INTEGER NOT NULL REFERENCES staff(id),
                    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                    os_user TEXT NOT NULL,
                    opened_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL CHECK (expires_ms > opened_ms),
                    ended_ms INTEGER
                ) STRICT;
                CREATE INDEX staff_sessions_by_staff ON staff_sessions(staff_id);

                -- One entry per change of data. `hash` is SHA-256 over the previous entry's hash and
                -- this entry's fields and changes, so removing or editing an entry breaks the chain.
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
                    at TEXT NOT NULL,
                    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'candidate', 'system')),
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    reason TEXT,
                    details TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
                    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
                    hash TEXT NOT NULL CHECK (length(hash) = 64)
                ) STRICT;
                CREATE INDEX audit_log_by_actor ON audit_log(actor, seq);

                -- The rows each entry wrote, with a digest of their content after it (NULL: deleted).
                CREATE TABLE audit_changes (
                    seq INTEGER NOT NULL REFERENCES audit_log(seq),
                    tbl TEXT NOT NULL,
                    row INTEGER NOT NULL,
                    digest BLOB CHECK (digest IS NULL OR length(digest) = 16),
                    PRIMARY KEY (seq, tbl, row)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX audit_changes_by_row ON audit_changes(tbl, row, seq, digest);

                -- Candidates whose personal data was erased on request.
                CREATE TABLE erasures (
                    candidate_id INTEGER PRIMARY KEY REFERENCES candidates(id),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    erased_at TEXT NOT NULL,
                    erased_by TEXT NOT NULL
                ) STRICT;

                -- An erasure is the one change allowed to a name change: blanking the names.
                DROP TRIGGER candidate_name_changes_no_update;
                CREATE TRIGGER candidate_name_changes_no_update BEFORE UPDATE ON candidate_name_changes
                WHEN NOT EXISTS (SELECT 1 FROM erasures WHERE candidate_id = OLD.candidate_id)
                    OR NEW.id IS NOT OLD.id OR NEW.candidate_id IS NOT OLD.candidate_id OR NEW.reason IS NOT OLD.reason
                    OR NEW.changed_at IS NOT OLD.changed_at OR NEW.changed_by IS NOT OLD.changed_by
                BEGIN SELECT RAISE(ABORT, 'candidate_name_changes rows are history and cannot be changed'); END;
                """)
        try appendOnly(["audit_log", "audit_changes", "erasures"], db)
        try AuditLedger.seal(db)
    }
}
