"""The node's tables (SQLAlchemy Core). Alembic migrations mirror this file."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Integer ids on SQLite must be INTEGER to alias ROWID; BigInteger elsewhere.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _ts(name: str, **kw) -> Column:
    return Column(name, DateTime(timezone=True), **kw)


reports = Table(
    "reports",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("external_id", String(128), unique=True),
    Column("country", String(2), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("scam_probability", Float, nullable=False),
    Column("scam_type", String(24), nullable=False),
    Column("province", String(100)),
    Column("loss_amount", Numeric(20, 2)),
    Column("loss_currency", String(8)),
    Column("loss_thb", Numeric(20, 2)),
    _ts("reported_at", nullable=False),
    _ts("incident_at"),
    _ts("created_at", nullable=False),
    Column("source", String(16), nullable=False),
    Column("status", String(16), nullable=False, default="new"),
    Column("relink_needed", Boolean, nullable=False, default=False),
    # TLP 2.0 of the report as filed; what may leave the node follows from it.
    Column("tlp", String(16), nullable=False, server_default="amber"),
    Index("ix_reports_country_id", "country", "id"),
    Index("ix_reports_scam_type_id", "scam_type", "id"),
)

# Victims' personal data, apart from intelligence and encrypted (Fernet) at rest.
# Nothing that exports or shares reads this table.
reporter_contacts = Table(
    "reporter_contacts",
    metadata,
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("ciphertext", LargeBinary, nullable=False),
    # HMAC of the victim's normalised phone / e-mail / ID under the node's key:
    # equal for the same victim, useless without the key, never exported.
    Column("victim_key", String(64), index=True),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("value", String(512), nullable=False),
    Column("warninglist", String(64)),
    Column("report_count", Integer, nullable=False, default=0),
    _ts("first_seen", nullable=False),
    _ts("last_seen", nullable=False),
    # An analyst's TLP for the value itself; without one it takes the most
    # permissive TLP of the reports that mention it.
    Column("tlp", String(16)),
    UniqueConstraint("kind", "value", name="uq_indicators_kind_value"),
)

observations = Table(
    "observations",
    metadata,
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", Id, ForeignKey("indicators.id"), primary_key=True),
    Column("span_start", Integer, primary_key=True),
    Column("span_end", Integer, nullable=False),
    Column("role", String(16), nullable=False, default="mentioned"),
    Index("ix_observations_indicator", "indicator_id", "report_id"),
)

networks = Table(
    "networks",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("status", String(12), nullable=False, default="active"),
    Column("merged_into", Id, ForeignKey("networks.id")),
    Column("report_count", Integer, nullable=False, default=0),
    Column("loss_thb", Numeric(22, 2), nullable=False, default=0),
    Column("countries", String(64), nullable=False, default=""),
    Column("priority", Float, nullable=False, default=0),
    # Pieces of one component above giant_size share this key (xborder.link.incremental).
    Column("component", Id, index=True),
    _ts("first_seen"),
    _ts("last_seen"),
    _ts("created_at", nullable=False),
    _ts("updated_at", nullable=False),
    Index("ix_networks_status_priority", "status", "priority"),
)

network_members = Table(
    "network_members",
    metadata,
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("network_id", Id, ForeignKey("networks.id"), nullable=False, index=True),
)

network_events = Table(
    "network_events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("network_id", Id, ForeignKey("networks.id"), nullable=False, index=True),
    Column("event", String(16), nullable=False),
    Column("other_network_id", Id),
    Column("report_id", Id),
    _ts("at", nullable=False),
)

labels = Table(
    "labels",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("label", String(24), nullable=False),
    Column("user_id", Id, ForeignKey("users.id")),
    Column("note", Text),
    _ts("created_at", nullable=False),
    Column("actor", String(100), nullable=False, server_default=""),
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200)),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    _ts("created_at", nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("role", String(16), nullable=False),
    Column("user_id", Id, ForeignKey("users.id")),
    Column("prefix", String(16), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    _ts("created_at", nullable=False),
    _ts("revoked_at"),
    # The organisation a bank's or telco's key belongs to, what it may do
    # (space-separated scopes) and its own rate limit (requests per minute;
    # NULL = the role's default).
    Column("organisation", String(100)),
    Column("scopes", Text, nullable=False, server_default=""),
    Column("rate_per_minute", Integer),
    # A partner node's key: it reads the collections of that partner's agreements.
    Column("partner_id", Id, ForeignKey("partners.id"), index=True),
)

partners = Table(
    "partners",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("country", String(2), nullable=False),
    Column("taxii_url", String(500)),
    _ts("created_at", nullable=False),
    # Where this node pulls from: the partner's collection and our token for
    # it, Fernet-encrypted with the node key like victims' data.
    Column("pull_collection", String(100)),
    Column("pull_credential", LargeBinary),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("partner_id", Id, ForeignKey("partners.id"), nullable=False, index=True),
    Column("kinds", Text, nullable=False, default=""),
    Column("tlp_max", String(16), nullable=False, default="amber"),
    Column("min_confidence", Integer, nullable=False, default=50),
    Column("narratives", String(16), nullable=False, default="none"),
    Column("purpose", Text, nullable=False, default=""),
    Column("retention_days", Integer, nullable=False, default=365),
    Column("suspended", Boolean, nullable=False, default=False),
    _ts("created_at", nullable=False),
    # The TAXII collection that serves this agreement (a UUID).
    Column("collection_id", String(36), unique=True),
    _ts("updated_at"),
    _ts("revoked_at"),
)

sync_cursors = Table(
    "sync_cursors",
    metadata,
    Column("partner_id", Id, ForeignKey("partners.id"), primary_key=True),
    Column("collection", String(100), primary_key=True),
    Column("cursor", String(200)),
    _ts("updated_at", nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("title", String(300), nullable=False),
    Column("status", String(16), nullable=False, default="open"),
    Column("network_id", Id, ForeignKey("networks.id")),
    Column("owner_id", Id, ForeignKey("users.id")),
    _ts("created_at", nullable=False),
)

requests = Table(
    "requests",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", Id, ForeignKey("cases.id")),
    Column("partner_id", Id, ForeignKey("partners.id")),
    Column("kind", String(24), nullable=False),
    Column("status", String(16), nullable=False, default="draft"),
    Column("body", Text, nullable=False, default=""),
    _ts("due_at"),
    _ts("created_at", nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("report_id", Id, ForeignKey("reports.id", ondelete="CASCADE")),
    Column("kind", String(24), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    _ts("created_at", nullable=False),
)

# Append-only and hash-chained: row n stores sha256(row n-1's hash + row n's
# content). audit_head holds the chain's tip so concurrent writers serialise on
# one row lock instead of racing for "the last row".
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Id, primary_key=True, autoincrement=False),
    _ts("at", nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object_type", String(32), nullable=False),
    Column("object_id", String(64)),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

# Analysts' verdicts on an indicator: the latest one counts in its risk score
# (xborder.link.risk); earlier ones stay as the indicator's history.
indicator_marks = Table(
    "indicator_marks",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("indicator_id", Id, ForeignKey("indicators.id"), nullable=False, index=True),
    Column("verdict", String(16), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("note", Text),
    _ts("created_at", nullable=False),
)

# What this node publishes: every version of every STIX object, in the order
# it was added. `seq` orders TAXII paging, so a page cursor stays correct while
# objects arrive; `latest` marks each object's newest version.
share_objects = Table(
    "share_objects",
    metadata,
    Column("seq", Id, primary_key=True, autoincrement=True),
    Column("stix_id", String(100), nullable=False),
    Column("stix_type", String(40), nullable=False),
    Column("spec_version", String(8), nullable=False, default="2.1", server_default="2.1"),
    Column("modified", String(32), nullable=False),
    _ts("date_added", nullable=False),
    Column("latest", Boolean, nullable=False, default=True),
    Column("kind", String(16)),
    Column("tlp", String(16), nullable=False),
    Column("confidence", Integer),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("body", Text, nullable=False),
    # Objects built for one agreement only (a network's grouping, a report
    # summary): their refs name only what that agreement lets out, since a
    # deterministic id of a value the partner may not see would disclose it.
    # NULL: the same object for every agreement that admits its columns.
    Column("audience", Id, ForeignKey("agreements.id")),
    UniqueConstraint("stix_id", "modified", name="uq_share_objects_stix_id"),
    Index("ix_share_objects_latest_seq", "latest", "seq"),
    Index("ix_share_objects_date_added", "date_added"),
)

# One row per object version sent to or received from a partner: the record
# an MOU review asks for. The batch's audit row carries the digest of its rows.
share_log = Table(
    "share_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("partner_id", Id, ForeignKey("partners.id"), nullable=False),
    Column("direction", String(8), nullable=False),
    Column("stix_id", String(100), nullable=False),
    Column("modified", String(32), nullable=False),
    _ts("at", nullable=False),
    Column("audit_seq", BigInteger),
    Index("ix_share_log_partner_at", "partner_id", "at"),
)

# The newest version of each object a partner sent, and what it became here.
partner_objects = Table(
    "partner_objects",
    metadata,
    Column("partner_id", Id, ForeignKey("partners.id"), primary_key=True),
    Column("stix_id", String(100), primary_key=True),
    Column("stix_type", String(40), nullable=False),
    Column("modified", String(32), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    _ts("received_at", nullable=False),
    Column("body", Text, nullable=False),
    Column("report_id", Id, ForeignKey("reports.id", ondelete="SET NULL")),
    Index("ix_partner_objects_received", "partner_id", "received_at"),
)

# Small named watermarks (e.g. how far the publisher has read).
node_state = Table(
    "node_state",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    _ts("updated_at", nullable=False),
)

# TAXII status resources for objects partners POST (TAXII 2.1, 4.3).
taxii_status = Table(
    "taxii_status",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("partner_id", Id, ForeignKey("partners.id")),
    Column("status", String(16), nullable=False),
    _ts("request_timestamp", nullable=False),
    Column("total_count", Integer, nullable=False),
    Column("success_count", Integer, nullable=False),
    Column("failure_count", Integer, nullable=False),
    Column("pending_count", Integer, nullable=False),
    Column("details", Text, nullable=False),
)
