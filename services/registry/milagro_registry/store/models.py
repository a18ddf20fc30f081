"""Registry tables: partners, participants (the personal data), consent, erasures, audit."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    MetaData,
    String,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

metadata = MetaData()


class Base(DeclarativeBase):
    metadata = metadata


class Partner(Base):
    """A consortium organisation; every participant belongs to one."""

    __tablename__ = "partners"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100))
    registered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Participant(Base):
    """A person taking part: personal fields and the attributes used for statistics."""

    __tablename__ = "participants"
    __table_args__ = (
        Index("participants_page", "registered_at", "id"),
        Index("participants_partner_page", "partner", "registered_at", "id"),
        # Duplicate candidates inside a partner. Not unique: records registered twice
        # before the name keys existed must stay until a coordinator merges them; an
        # advisory lock per partner and birth year (or e-mail) keeps registration race-free.
        Index("participants_same_email", "partner", "email_key"),
        Index("participants_same_birth_date", "partner", "birth_date"),
        Index("participants_same_sound", "partner", "name_sound"),
        Index("participants_name_grams", "name_grams", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    partner: Mapped[str] = mapped_column(String(16), ForeignKey("partners.code"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[date | None] = mapped_column(Date)
    preferred_language: Mapped[str | None] = mapped_column(String(3))
    group: Mapped[str] = mapped_column(String(16))
    migrant_status: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(16))
    gender_self_described: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str | None] = mapped_column(String(2))
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(3)), default=list)
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list)
    registered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Name and e-mail keys (domain.names), computed in Python whenever the name changes.
    name_key: Mapped[str] = mapped_column(String(400))
    name_search: Mapped[str] = mapped_column(String(400))
    name_core: Mapped[str] = mapped_column(String(400))
    name_sound: Mapped[str] = mapped_column(String(200))
    name_grams: Mapped[list[str]] = mapped_column(ARRAY(String(3)))
    email_key: Mapped[str | None] = mapped_column(String(254))


class ParticipantAlias(Base):
    """The id of a record merged into another: it keeps resolving to the kept record."""

    __tablename__ = "participant_aliases"

    alias_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConsentChange(Base):
    """One decision of a participant about one purpose: the history is never rewritten."""

    __tablename__ = "consent_changes"
    __table_args__ = (Index("consent_changes_latest", "participant_id", "purpose", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("participants.id", ondelete="CASCADE")
    )
    purpose: Mapped[str] = mapped_column(String(32))
    given: Mapped[bool] = mapped_column(Boolean)
    text_version: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))


class Erasure(Base):
    """The tombstone of an erased participant: no personal data, only that it happened."""

    __tablename__ = "erasures"

    participant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    partner: Mapped[str] = mapped_column(String(16))
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Who read or changed whose personal data, when, and which fields (never the values)."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("audit_entries_participant", "participant_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(200))
    actor_partner: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    participant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    fields: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
