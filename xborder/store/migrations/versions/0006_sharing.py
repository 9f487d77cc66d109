"""Sharing: published STIX objects, the share log, partner objects, agreement collections

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("pull_collection", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("pull_credential", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("collection_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint(batch.f("uq_agreements_collection_id"), ["collection_id"])
    op.create_table(
        "share_objects",
        sa.Column("seq", Id, autoincrement=True, nullable=False),
        sa.Column("stix_id", sa.String(length=100), nullable=False),
        sa.Column("stix_type", sa.String(length=40), nullable=False),
        sa.Column("spec_version", sa.String(length=8), nullable=False, server_default="2.1"),
        sa.Column("modified", sa.String(length=32), nullable=False),
        sa.Column("date_added", sa.DateTime(timezone=True), nullable=False),
        sa.Column("latest", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("audience", Id, nullable=True),
        sa.ForeignKeyConstraint(["audience"], ["agreements.id"], name=op.f("fk_share_objects_audience_agreements")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_share_objects")),
        sa.UniqueConstraint("stix_id", "modified", name="uq_share_objects_stix_id"),
    )
    with op.batch_alter_table("share_objects") as batch:
        batch.create_index("ix_share_objects_latest_seq", ["latest", "seq"], unique=False)
        batch.create_index("ix_share_objects_date_added", ["date_added"], unique=False)
    op.create_table(
        "share_log",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("partner_id", Id, nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("stix_id", sa.String(length=100), nullable=False),
        sa.Column("modified", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_share_log_partner_id_partners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_log")),
    )
    with op.batch_alter_table("share_log") as batch:
        batch.create_index("ix_share_log_partner_at", ["partner_id", "at"], unique=False)
    op.create_table(
        "partner_objects",
        sa.Column("partner_id", Id, nullable=False),
        sa.Column("stix_id", sa.String(length=100), nullable=False),
        sa.Column("stix_type", sa.String(length=40), nullable=False),
        sa.Column("modified", sa.String(length=32), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("report_id", Id, nullable=True),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"],
                                name=op.f("fk_partner_objects_partner_id_partners")),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="SET NULL",
                                name=op.f("fk_partner_objects_report_id_reports")),
        sa.PrimaryKeyConstraint("partner_id", "stix_id", name=op.f("pk_partner_objects")),
    )
    with op.batch_alter_table("partner_objects") as batch:
        batch.create_index("ix_partner_objects_received", ["partner_id", "received_at"], unique=False)
    op.create_table(
        "node_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_node_state")),
    )
    op.create_table(
        "taxii_status",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("partner_id", Id, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("request_timestamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("total_count", sa.Integer(), nullable=False),
        sa.Column("success_count", sa.Integer(), nullable=False),
        sa.Column("failure_count", sa.Integer(), nullable=False),
        sa.Column("pending_count", sa.Integer(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_taxii_status_partner_id_partners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxii_status")),
    )


def downgrade() -> None:
    op.drop_table("taxii_status")
    op.drop_table("node_state")
    with op.batch_alter_table("partner_objects") as batch:
        batch.drop_index("ix_partner_objects_received")
    op.drop_table("partner_objects")
    with op.batch_alter_table("share_log") as batch:
        batch.drop_index("ix_share_log_partner_at")
    op.drop_table("share_log")
    with op.batch_alter_table("share_objects") as batch:
        batch.drop_index("ix_share_objects_date_added")
        batch.drop_index("ix_share_objects_latest_seq")
    op.drop_table("share_objects")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_constraint(batch.f("uq_agreements_collection_id"), type_="unique")
        batch.drop_column("revoked_at")
        batch.drop_column("updated_at")
        batch.drop_column("collection_id")
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("pull_credential")
        batch.drop_column("pull_collection")
