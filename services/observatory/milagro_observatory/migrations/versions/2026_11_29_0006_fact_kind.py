"""facts say what they are in `fact`, no longer in `source` (the CloudEvents word)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column(
        "facts", "source", new_column_name="fact", comment="what it is: registration, attendance..."
    )
    op.execute("ALTER INDEX facts_source_period RENAME TO facts_fact_period")


def downgrade() -> None:
    op.execute("ALTER INDEX facts_fact_period RENAME TO facts_source_period")
    op.alter_column("facts", "fact", new_column_name="source", comment=None)
