"""reporter_contacts.victim_key: a keyed hash that counts distinct victims without decrypting

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reporter_contacts") as batch:
        batch.add_column(sa.Column("victim_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_reporter_contacts_victim_key", ["victim_key"])


def downgrade() -> None:
    with op.batch_alter_table("reporter_contacts") as batch:
        batch.drop_index("ix_reporter_contacts_victim_key")
        batch.drop_column("victim_key")
