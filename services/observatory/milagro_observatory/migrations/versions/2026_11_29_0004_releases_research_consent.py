"""releases of the disaggregated tables; research consent on participants and facts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "facts",
        sa.Column(
            "research_consent", sa.Boolean(), nullable=False, server_default="false",
            comment="the participant consents to research statistics (research indicators)",
        ),
    )
    op.add_column(
        "participants",
        sa.Column("research_consent", sa.Boolean(), nullable=False, server_default="false"),
    )
    op.add_column(
        "participants", sa.Column("research_consent_at", sa.DateTime(timezone=True))
    )
    op.create_table(
        "releases",
        sa.Column("indicator", sa.String(60), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False, comment="1, 2, ... per indicator"),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False,
                  comment="records changed since the last one"),
        sa.Column("atoms", JSONB(), nullable=False, comment="the finest cells, to measure change"),
        sa.Column("document", JSONB(), nullable=False, comment="every published cell"),
        comment="The latest release of each indicator's tables (not a projection: a rebuild "
        "keeps it, and the next release is measured against it)",
    )
    op.create_table(
        "release_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("checked_version", sa.BigInteger(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("release_state")
    op.drop_table("releases")
    op.drop_column("participants", "research_consent_at")
    op.drop_column("participants", "research_consent")
    op.drop_column("facts", "research_consent")
