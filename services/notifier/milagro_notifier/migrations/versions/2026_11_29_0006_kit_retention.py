"""published outbox rows and processed-event records are pruned (consumer checkpoints)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from milagro_kit.kit_migrations import prune_the_kit_tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    prune_the_kit_tables()


def downgrade() -> None:
    raise NotImplementedError("the kit's tables only move forward")
