"""partners, consent history, erasures, audit log; duplicate and page indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partners",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
    )
    # participants registered before partners existed keep a placeholder partner row
    op.execute(
        "INSERT INTO partners (code, name, kind, country, city) "
        "SELECT DISTINCT partner, partner, 'full', left(partner, 2), '' FROM participants"
    )
    op.create_foreign_key(
        "participants_partner_fkey", "participants", "partners", ["partner"], ["code"]
    )
    op.add_column("participants", sa.Column("updated_at", sa.DateTime(timezone=True)))
    op.create_index("participants_page", "participants", ["registered_at", "id"])
    op.create_index(
        "participants_partner_page", "participants", ["partner", "registered_at", "id"]
    )
    op.create_index(
        "participants_same_email",
        "participants",
        ["partner", sa.text("lower(email)")],
        unique=True,
        postgresql_where=sa.text("email IS NOT NULL"),
    )
    op.create_index(
        "participants_same_person",
        "participants",
        ["partner", sa.text("lower(given_name)"), sa.text("lower(family_name)"), "birth_date"],
        unique=True,
        postgresql_where=sa.text("birth_date IS NOT NULL"),
    )
    op.create_table(
        "consent_changes",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("participant_id", postgresql.UUID(as_uuid=True),
                  sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("given", sa.Boolean, nullable=False),
        sa.Column("text_version", sa.String(40), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
    )
    op.create_index(
        "consent_changes_latest", "consent_changes", ["participant_id", "purpose", "id"]
    )
    op.create_table(
        "erasures",
        sa.Column("participant_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_partner", sa.String(16)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("participant_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("fields", postgresql.ARRAY(sa.String(40)), nullable=False),
    )
    op.create_index("audit_entries_participant", "audit_entries", ["participant_id", "id"])


def downgrade() -> None:
    op.drop_table("audit_entries")
    op.drop_table("erasures")
    op.drop_table("consent_changes")
    op.drop_index("participants_same_person", "participants")
    op.drop_index("participants_same_email", "participants")
    op.drop_index("participants_partner_page", "participants")
    op.drop_index("participants_page", "participants")
    op.drop_column("participants", "updated_at")
    op.drop_constraint("participants_partner_fkey", "participants")
    op.drop_table("partners")
