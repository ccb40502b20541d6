import GRDB

extension Schema {
    /// The pool index: per track, every current, unvoided question numbered within its module in
    /// order of difficulty then id, so a paper is drawn by sampling ranks and reading about a
    /// hundred rows by key, however large the bank.
    ///
    /// It is derived data: ``Store/refreshPool(track:_:)`` rebuilds a track's index from
    /// `questions` and `voided_questions` whenever its stamp no longer matches them, so the audit
    /// log does not cover these tables.
    static func createPoolTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE pools (
                    track TEXT PRIMARY KEY REFERENCES tracks(code),
                    -- imports and voids the index was built from: `max(imports.id):count(voided_questions)`.
                    stamp TEXT NOT NULL,
                    -- SHA-256 (hex) of the pool's sorted ID@VERSION lines.
                    digest TEXT NOT NULL CHECK (length(digest) = 64),
                    items INTEGER NOT NULL CHECK (items >= 0)
                ) STRICT;

                CREATE TABLE pool_items (
                    track TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    rank INTEGER NOT NULL CHECK (rank >= 0),
                    question_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    difficulty INTEGER NOT NULL,
                    -- The option ids in the bank's order (a JSON array) and whether they may be shuffled.
                    option_ids TEXT NOT NULL,
                    shuffle INTEGER NOT NULL,
                    PRIMARY KEY (track, module_id, rank)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX pool_items_by_question ON pool_items(track, question_id);

                -- Each difficulty's ranks within a module: `first_rank ..< first_rank + items`.
                CREATE TABLE pool_levels (
                    track TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    difficulty INTEGER NOT NULL,
                    first_rank INTEGER NOT NULL CHECK (first_rank >= 0),
                    items INTEGER NOT NULL CHECK (items > 0),
                    PRIMARY KEY (track, module_id, difficulty)
                ) STRICT, WITHOUT ROWID;
                """)
    }
}
