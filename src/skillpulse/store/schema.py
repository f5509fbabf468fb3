"""The store's schema: one table per event kind, mentions, rejects and ingest provenance.

Column names avoid SQL reserved words so the same queries run on DuckDB and Spark SQL.
Timestamps are stored as naive UTC ``TIMESTAMP``. Every event table carries ``extra`` (JSON
text of the input columns that are not part of the contract) and its source file and line.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

#: Each event kind's table, its timestamp column, and its text columns for extraction.
EVENT_TABLES: dict[str, str] = {
    "postings": "posted_at",
    "searches": "searched_at",
    "hires": "hired_at",
    "profiles": "observed_at",
}

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS postings (
        id VARCHAR NOT NULL, posted_at TIMESTAMP NOT NULL, title VARCHAR, description VARCHAR,
        skills VARCHAR[], category VARCHAR, client_id VARCHAR, company_size VARCHAR,
        country VARCHAR, budget DOUBLE, extra VARCHAR, source_file VARCHAR, source_line BIGINT)""",
    """CREATE TABLE IF NOT EXISTS searches (
        id VARCHAR NOT NULL, searched_at TIMESTAMP NOT NULL, query VARCHAR NOT NULL,
        client_id VARCHAR, extra VARCHAR, source_file VARCHAR, source_line BIGINT)""",
    """CREATE TABLE IF NOT EXISTS hires (
        id VARCHAR NOT NULL, hired_at TIMESTAMP NOT NULL, posting_id VARCHAR, title VARCHAR,
        description VARCHAR, skills VARCHAR[], freelancer_id VARCHAR, client_id VARCHAR,
        extra VARCHAR, source_file VARCHAR, source_line BIGINT)""",
    """CREATE TABLE IF NOT EXISTS profiles (
        id VARCHAR NOT NULL, freelancer_id VARCHAR NOT NULL, observed_at TIMESTAMP NOT NULL,
        title VARCHAR, overview VARCHAR, skills VARCHAR[], country VARCHAR, extra VARCHAR,
        source_file VARCHAR, source_line BIGINT)""",
    """CREATE TABLE IF NOT EXISTS rejects (
        kind VARCHAR NOT NULL, file VARCHAR NOT NULL, file_sha256 VARCHAR, line BIGINT,
        field VARCHAR, reason VARCHAR NOT NULL, raw VARCHAR, rejected_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS ingests (
        kind VARCHAR NOT NULL, file VARCHAR NOT NULL, file_sha256 VARCHAR, bytes BIGINT,
        rows_read BIGINT, loaded BIGINT, rejected BIGINT, duplicates BIGINT,
        started_at TIMESTAMP, seconds DOUBLE)""",
    # One row per (document, skill, span) found by extraction. ``field`` names the document
    # field the offsets point into (title, description, query, overview, skills).
    """CREATE TABLE IF NOT EXISTS mentions (
        kind VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, skill_id VARCHAR NOT NULL,
        method VARCHAR NOT NULL, field VARCHAR, start_pos INTEGER, end_pos INTEGER,
        text VARCHAR, confidence DOUBLE, taxonomy_version VARCHAR NOT NULL)""",
    # One row per extracted document, so documents with no mentions are not re-extracted.
    """CREATE TABLE IF NOT EXISTS extractions (
        kind VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, taxonomy_version VARCHAR NOT NULL,
        mention_count INTEGER, extracted_at TIMESTAMP)""",
    # Surveys (skillpulse.survey): one row per ingested survey, per question, per respondent,
    # and one row per (respondent, question, answer) in long form (multi-select answers split).
    """CREATE TABLE IF NOT EXISTS surveys (
        name VARCHAR NOT NULL, file VARCHAR, file_sha256 VARCHAR, weight_column VARCHAR,
        respondents BIGINT, questions INTEGER, loaded_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS survey_questions (
        name VARCHAR NOT NULL, question VARCHAR NOT NULL, position INTEGER,
        multi BOOLEAN NOT NULL, respondents BIGINT)""",
    """CREATE TABLE IF NOT EXISTS survey_respondents (
        name VARCHAR NOT NULL, respondent BIGINT NOT NULL, weight DOUBLE NOT NULL,
        line BIGINT)""",
    """CREATE TABLE IF NOT EXISTS survey_answers (
        name VARCHAR NOT NULL, respondent BIGINT NOT NULL, question VARCHAR NOT NULL,
        answer VARCHAR NOT NULL)""",
)

#: Columns of each event table that the input contract defines (in table order, without
#: the bookkeeping columns ``extra``, ``source_file`` and ``source_line``).
CONTRACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "postings": ("id", "posted_at", "title", "description", "skills", "category",
                 "client_id", "company_size", "country", "budget"),
    "searches": ("id", "searched_at", "query", "client_id"),
    "hires": ("id", "hired_at", "posting_id", "title", "description", "skills",
              "freelancer_id", "client_id"),
    "profiles": ("id", "freelancer_id", "observed_at", "title", "overview", "skills",
                 "country"),
}
