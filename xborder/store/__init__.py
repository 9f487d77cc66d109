"""Storage: SQLAlchemy tables, engine set-up, queries. Migrations live in migrations/."""
