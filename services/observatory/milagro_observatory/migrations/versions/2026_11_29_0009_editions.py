"""dated editions of the data package and their tables

Editions are frozen, citable snapshots of the whole public data package (monthly and on
demand): the zip served byte for byte, and each indicator's release as it was, for
tables, metadata and the disclosure log as of the edition. Beside the projections.

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "editions",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False,
                  comment="1, 2, ..."),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, comment="monthly or on-demand"),
        sa.Column("month", sa.String(7), comment="YYYY-MM of a monthly edition"),
        sa.Column("base_url", sa.Text(), nullable=False,
                  comment="the public URL its links were made with"),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, comment="checksum of `archive`"),
        sa.Column("archive", sa.LargeBinary(), nullable=False,
                  comment="the zip, served byte for byte"),
        comment="Dated editions: frozen, citable snapshots of the whole data package (not a "
        "projection: a rebuild keeps them)",
    )
    op.create_index("editions_one_a_month", "editions", ["month"], unique=True)
    op.create_table(
        "edition_tables",
        sa.Column("edition", sa.Integer(), sa.ForeignKey("editions.number"), primary_key=True),
        sa.Column("indicator", sa.String(60), primary_key=True),
        sa.Column("release", sa.Integer(),
                  comment="the indicator's release frozen (none yet: null)"),
        sa.Column("release_published_at", sa.DateTime(timezone=True)),
        sa.Column("changed", sa.Integer()),
        sa.Column("document", JSONB(), comment="the release's every cell, as `releases` had it"),
        sa.Column("cells", sa.Integer(), nullable=False),
        sa.Column("suppressed_small", sa.Integer(), comment="cells hidden: too few people"),
        sa.Column("suppressed_protecting", sa.Integer(),
                  comment="hidden so no small one can be worked out"),
        comment="Each edition's tables of every indicator, and its disclosure log",
    )


def downgrade() -> None:
    op.drop_table("edition_tables")
    op.drop_index("editions_one_a_month", table_name="editions")
    op.drop_table("editions")
