"""networks.component: the key shared by the pieces of a split giant component

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.add_column(sa.Column("component", Id, nullable=True))
        batch.create_index(batch.f("ix_networks_component"), ["component"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.drop_index(batch.f("ix_networks_component"))
        batch.drop_column("component")
