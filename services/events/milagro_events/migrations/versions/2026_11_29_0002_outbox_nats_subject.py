"""the outbox names its NATS subject apart from the CloudEvents subject (aggregate)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from milagro_kit.kit_migrations import name_the_nats_subject

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name_the_nats_subject()


def downgrade() -> None:
    raise NotImplementedError("the kit's tables only move forward")
