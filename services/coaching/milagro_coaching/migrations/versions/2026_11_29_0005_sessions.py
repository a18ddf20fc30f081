"""a cancelled session's reason; every record of a person found at once (booking locks)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("cancel_reason", sa.Text(), nullable=True))
    op.create_index("coach_records_of_a_person", "coaches", ["participant_id"])
    op.create_index("newcomer_records_of_a_person", "newcomers", ["participant_id"])


def downgrade() -> None:
    op.drop_index("newcomer_records_of_a_person", table_name="newcomers")
    op.drop_index("coach_records_of_a_person", table_name="coaches")
    op.drop_column("sessions", "cancel_reason")
