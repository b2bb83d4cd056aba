"""PostgreSQL: a trigram index on Article.tags, so topic, place, agency, sentiment and tier
filters (``tags LIKE '% topic:… %'``) meet the full-text and date indexes in one bitmap instead of
being checked row by row. SQLite is unchanged."""

from django.db import migrations

from ttcs.core.migration_sql import vendor_sql

PG_UP = [
    """CREATE INDEX IF NOT EXISTS monitoring_article_tags_trgm ON monitoring_article
        USING GIN (tags gin_trgm_ops)""",
]
PG_DOWN = ["DROP INDEX IF EXISTS monitoring_article_tags_trgm"]
# What a bulk loader drops before loading and rebuilds afterwards.
PG_INDEXES = PG_UP


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_search_vector_column")]

    operations = [vendor_sql({"postgresql": PG_UP}, {"postgresql": PG_DOWN})]
