"""The index tables: IndexedDocument everywhere, plus each database's own full-text tables.

FTS5 virtual tables exist only on SQLite and tsvector only on PostgreSQL, so they are
created by vendor; on any other database nothing but IndexedDocument is created.
"""

from django.db import migrations, models

SQLITE = [
    # Contentless (content=''): the bigram text is not stored twice; see models.py.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, meta, description, body, tokenize='ascii', content='')",
    "CREATE VIRTUAL TABLE search_title USING fts5(title, meta, tokenize='ascii', content='')",
    # Document frequencies of bigrams, for "related documents".
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS search_fts_vocab",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_title",
]
POSTGRES = [
    "CREATE TABLE search_chunk (document_id bigint NOT NULL, part integer NOT NULL,"
    " tsv tsvector NOT NULL, PRIMARY KEY (document_id, part))",
    "CREATE INDEX search_chunk_tsv ON search_chunk USING gin (tsv)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_chunk"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="IndexedDocument",
            fields=[
                ("document_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.PositiveSmallIntegerField(default=1)),
                ("source", models.BinaryField()),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "indexed document"},
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
