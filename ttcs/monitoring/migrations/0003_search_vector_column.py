"""PostgreSQL: keep each article's tsvector in a stored generated column with its own GIN index.

The expression index of 0002 lets ``@@`` use GIN, but ranking then re-parses every matching
row's text; a stored vector is parsed once, when the row is written. SQLite is unchanged.
"""

from django.db import migrations

from ttcs.core.migration_sql import vendor_sql

PG_UP = [
    """ALTER TABLE monitoring_article ADD COLUMN IF NOT EXISTS search_tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED""",
    """CREATE INDEX IF NOT EXISTS monitoring_article_search_tsv ON monitoring_article
        USING GIN (search_tsv)""",
    "DROP INDEX IF EXISTS monitoring_article_tsv",
]
PG_DOWN = [
    """CREATE INDEX IF NOT EXISTS monitoring_article_tsv ON monitoring_article
        USING GIN (to_tsvector('simple'::regconfig, search_text))""",
    "DROP INDEX IF EXISTS monitoring_article_search_tsv",
    "ALTER TABLE monitoring_article DROP COLUMN IF EXISTS search_tsv",
]
# What a bulk loader drops before loading and rebuilds afterwards.
PG_INDEXES = [PG_UP[1]]


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_search_index")]

    operations = [vendor_sql({"postgresql": PG_UP}, {"postgresql": PG_DOWN})]
