"""indicator_marks: analysts' confirmations and false-positive marks on indicators

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "indicator_marks",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("indicator_id", Id, nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"],
                                name=op.f("fk_indicator_marks_indicator_id_indicators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_marks")),
    )
    with op.batch_alter_table("indicator_marks") as batch:
        batch.create_index(batch.f("ix_indicator_marks_indicator_id"), ["indicator_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicator_marks") as batch:
        batch.drop_index(batch.f("ix_indicator_marks_indicator_id"))
    op.drop_table("indicator_marks")
