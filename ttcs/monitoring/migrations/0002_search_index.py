"""Full-text index over Article.search_text (folded text, so đ→d and accents never block a match).

SQLite: an external-content FTS5 table kept in step by triggers. PostgreSQL: unaccent and pg_trgm
extensions, a GIN index on the tsvector and a trigram index for substring and phrase checks.
"""

from django.db import migrations

from ttcs.core.migration_sql import vendor_sql

SQLITE_UP = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS monitoring_article_fts USING fts5(
        search_text, content='monitoring_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER IF NOT EXISTS monitoring_article_ai AFTER INSERT ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS monitoring_article_ad AFTER DELETE ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(monitoring_article_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS monitoring_article_au AFTER UPDATE OF search_text
        ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(monitoring_article_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO monitoring_article_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS monitoring_article_au",
    "DROP TRIGGER IF EXISTS monitoring_article_ad",
    "DROP TRIGGER IF EXISTS monitoring_article_ai",
    "DROP TABLE IF EXISTS monitoring_article_fts",
]
PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS monitoring_article_tsv ON monitoring_article
        USING GIN (to_tsvector('simple'::regconfig, search_text))""",
    """CREATE INDEX IF NOT EXISTS monitoring_article_trgm ON monitoring_article
        USING GIN (search_text gin_trgm_ops)""",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS monitoring_article_trgm",
    "DROP INDEX IF EXISTS monitoring_article_tsv",
]


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        vendor_sql(
            {"sqlite": SQLITE_UP, "postgresql": PG_UP},
            {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN},
        )
    ]
