"""The near-duplicate band index in the store (store/clusters.py): `document_bands` holds the 25
band keys of each clustered document's MinHash, so clustering a new document looks its bands up
instead of rebuilding an index of every stored signature. Documents clustered before this revision
get their keys here, from the signatures already stored.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from tiewatch.store.clusters import band_rows, signature_values
from tiewatch.store.tables import document_bands

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    """Create the index if need be (0001 makes it with today's tables), then fill it from every
    clustered document's stored signature. Anything already in it can only be a fill interrupted
    half-way (SQLite commits the CREATE at once), so it is emptied and filled again: a lookup by
    document would cost a scan of the index per document."""
    bind = op.get_bind()
    document_bands.create(bind, checkfirst=True)
    bind.execute(document_bands.delete())
    query = sa.text("SELECT id, minhash FROM documents WHERE cluster_id IS NOT NULL AND id > :after ORDER BY id LIMIT :n")
    after = 0
    while rows := bind.execute(query, {"after": after, "n": BATCH}).all():
        bands = [band for row in rows for band in band_rows(row.id, signature_values(row.minhash))]
        if bands:
            bind.execute(document_bands.insert(), bands)
        after = rows[-1].id


def downgrade() -> None:
    document_bands.drop(op.get_bind(), checkfirst=True)
