"""API keys per organisation (scopes, rate limit, partner); TLP on reports and indicators

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("organisation", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("scopes", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("rate_per_minute", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("partner_id", Id, nullable=True))
        batch.create_foreign_key(batch.f("fk_api_keys_partner_id_partners"), "partners", ["partner_id"], ["id"])
        batch.create_index(batch.f("ix_api_keys_partner_id"), ["partner_id"], unique=False)
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("tlp", sa.String(length=16), nullable=False, server_default="amber"))
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("tlp", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_column("tlp")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("tlp")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_index(batch.f("ix_api_keys_partner_id"))
        batch.drop_constraint(batch.f("fk_api_keys_partner_id_partners"), type_="foreignkey")
        batch.drop_column("partner_id")
        batch.drop_column("rate_per_minute")
        batch.drop_column("scopes")
        batch.drop_column("organisation")
