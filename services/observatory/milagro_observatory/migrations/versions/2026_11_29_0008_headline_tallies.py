"""running tallies of the live headlines

Each indicator's headline is kept per person (or personless fact) and summed per indicator,
so a live read costs the same whatever the history's size. The tables start empty: the
service counts them from the facts when it starts (once per catalogue of formulas).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        "headline_parts",
        sa.Column(
            "part",
            sa.Text(),
            primary_key=True,
            comment="whose facts: a participant id, or fact/key for a fact about nobody (yet)",
        ),
        sa.Column("indicator", sa.String(60), primary_key=True),
        sa.Column(
            "member", sa.Text(), primary_key=True, comment="'' for the sums, or an item counted apart"
        ),
        sa.Column(
            "facts", sa.BigInteger(), nullable=False, comment="facts counted (pairs, for a change)"
        ),
        sa.Column(
            "numerator", sa.BigInteger(), nullable=False, comment="those a share counts in"
        ),
        sa.Column("total", sa.Numeric(), nullable=False, comment="sum of the measure, exact"),
        sa.Column(
            "squares", sa.Numeric(), nullable=False, comment="sum of its squares (a change's spread)"
        ),
        sa.Column(
            "people", sa.Integer(), nullable=False, comment="1 when the part is a counted person"
        ),
        sa.Column(
            "latest",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="its last fact happened",
        ),
        comment="each indicator's headline tallies, one row per person (or personless fact): "
        "recomputed for the people a transaction touches, their change added to the totals",
    )
    op.create_index("headline_parts_window", "headline_parts", ["indicator", "latest"])
    op.create_table(
        "headline_totals",
        sa.Column("indicator", sa.String(60), primary_key=True),
        sa.Column(
            "member", sa.Text(), primary_key=True, comment="'' for the sums, or an item counted apart"
        ),
        sa.Column("facts", sa.BigInteger(), nullable=False),
        sa.Column("numerator", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.Numeric(), nullable=False),
        sa.Column("squares", sa.Numeric(), nullable=False),
        sa.Column("people", sa.BigInteger(), nullable=False),
        comment="the sums of headline_parts per indicator: a live headline reads one row",
    )
    op.create_table(
        "headline_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "catalogue", sa.String(64), nullable=False, comment="digest of the formulas counted"
        ),
        comment="which catalogue the headline tallies were counted for (another: count again)",
    )


def downgrade() -> None:
    for table in ("headline_state", "headline_totals", "headline_parts"):
        op.drop_table(table)
