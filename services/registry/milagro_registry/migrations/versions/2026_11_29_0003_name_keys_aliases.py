"""name and e-mail keys (backfilled), duplicate and search indexes, aliases of merged records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from milagro_registry.store.keys import rekey

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_NAME_KEYS = ("name_key", "name_search", "name_core", "name_sound", "name_grams")


def upgrade() -> None:
    op.add_column("participants", sa.Column("name_key", sa.String(400)))
    op.add_column("participants", sa.Column("name_search", sa.String(400)))
    op.add_column("participants", sa.Column("name_core", sa.String(400)))
    op.add_column("participants", sa.Column("name_sound", sa.String(200)))
    op.add_column("participants", sa.Column("name_grams", postgresql.ARRAY(sa.String(3))))
    op.add_column("participants", sa.Column("email_key", sa.String(254)))
    # the keys are Python's (case folding, scripts, diacritics): computed here, row by row
    rekey(op.get_bind())
    for column in _NAME_KEYS:
        op.alter_column("participants", column, nullable=False)
    # Records registered twice under different spellings may exist: the old unique
    # indexes give way to plain ones, and coordinators merge what the keys now reveal.
    op.drop_index("participants_same_person", "participants")
    op.drop_index("participants_same_email", "participants")
    op.create_index("participants_same_email", "participants", ["partner", "email_key"])
    op.create_index("participants_same_birth_date", "participants", ["partner", "birth_date"])
    op.create_index("participants_same_sound", "participants", ["partner", "name_sound"])
    op.create_index(
        "participants_name_grams", "participants", ["name_grams"], postgresql_using="gin"
    )
    op.create_table(
        "participant_aliases",
        sa.Column("alias_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("participant_id", postgresql.UUID(as_uuid=True),
                  sa.ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_participant_aliases_participant_id", "participant_aliases", ["participant_id"]
    )


def downgrade() -> None:
    op.drop_table("participant_aliases")
    for index in ("participants_name_grams", "participants_same_sound",
                  "participants_same_birth_date", "participants_same_email"):
        op.drop_index(index, "participants")
    for column in (*_NAME_KEYS, "email_key"):
        op.drop_column("participants", column)
    op.create_index("participants_same_email", "participants",
                    ["partner", sa.text("lower(email)")], unique=True,
                    postgresql_where=sa.text("email IS NOT NULL"))
    op.create_index("participants_same_person", "participants",
                    ["partner", sa.text("lower(given_name)"), sa.text("lower(family_name)"),
                     "birth_date"], unique=True,
                    postgresql_where=sa.text("birth_date IS NOT NULL"))
