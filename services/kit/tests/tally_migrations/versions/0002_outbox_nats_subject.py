"""the outbox names its NATS subject

Revision ID: 0002
Revises: 0001
"""

from milagro_kit.kit_migrations import name_the_nats_subject

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name_the_nats_subject()
