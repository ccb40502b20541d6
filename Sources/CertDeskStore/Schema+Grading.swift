import GRDB

extension Schema {
    /// Marks, voided questions, every grading run of every attempt, and released sittings.
    ///
    /// All four are history: a correction is a new row, so a result can always be traced to
    /// the marks, voids and rules that made it.
    static func createGradingTables(_ db: Database) throws {
        try db.execute(
            sql: """
                -- A marker's mark of one essay. Round 1 and 2 are the two blind markings, round 3
                -- settles a large difference. The latest row per (attempt, slot, round) counts.
                CREATE TABLE marks (
                    id INTEGER PRIMARY KEY,
                    attempt_id INTEGER NOT NULL,
                    slot INTEGER NOT NULL,
                    round INTEGER NOT NULL CHECK (round BETWEEN 1 AND 3),
                    marker TEXT NOT NULL CHECK (length(trim(marker)) > 0),
                    score REAL NOT NULL CHECK (score >= 0),
                    comment TEXT NOT NULL,
                    marked_at TEXT NOT NULL,
                    FOREIGN KEY (attempt_id, slot) REFERENCES paper_items(attempt_id, slot)
                ) STRICT;
                CREATE INDEX marks_by_attempt ON marks(attempt_id, slot, round, id);

                CREATE TRIGGER marks_within_points BEFORE INSERT ON marks
                WHEN NEW.score > (SELECT v.points FROM paper_items p JOIN question_versions v
                                  ON v.question_id = p.question_id AND v.version = p.version
                                  WHERE p.attempt_id = NEW.attempt_id AND p.slot = NEW.slot)
                BEGIN SELECT RAISE(ABORT, 'a mark cannot exceed the item''s points'); END;

                -- Questions withdrawn as faulty: they count neither for nor against anyone.
                CREATE TABLE voided_questions (
                    question_id TEXT PRIMARY KEY REFERENCES questions(id),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    voided_at TEXT NOT NULL,
                    voided_by TEXT NOT NULL
                ) STRICT;

                -- Every grading of an attempt; the latest is its result, the earlier ones its history.
                CREATE TABLE grades (
                    id INTEGER PRIMARY KEY,
                    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
                    cause TEXT NOT NULL CHECK (cause IN ('submitted', 'marked', 'regraded')),
                    raw REAL NOT NULL CHECK (raw >= 0),
                    possible REAL NOT NULL CHECK (possible >= 0),
                    percentage REAL NOT NULL CHECK (percentage BETWEEN 0 AND 100.000001),
                    pass_mark REAL NOT NULL,
                    provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
                    passed INTEGER CHECK (passed IN (0, 1)),
                    items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
                    modules TEXT NOT NULL CHECK (json_valid(modules) AND json_type(modules) = 'array'),
                    graded_at TEXT NOT NULL,
                    graded_by TEXT NOT NULL,
                    CHECK ((provisional = 1) = (passed IS NULL))
                ) STRICT;
                CREATE INDEX grades_by_attempt ON grades(attempt_id, id);

                CREATE TABLE releases (
                    sitting_id TEXT PRIMARY KEY REFERENCES sittings(id),
                    released_at TEXT NOT NULL,
                    released_by TEXT NOT NULL
                ) STRICT;
                """)
        try appendOnly(["marks", "voided_questions", "grades", "releases"], db)
    }

    /// Triggers that refuse UPDATE and DELETE on history tables.
    static func appendOnly(_ tables: [String], _ db: Database) throws {
        for table in tables {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are history and cannot be changed'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are history and cannot be deleted'); END;
                    """)
        }
    }
}
