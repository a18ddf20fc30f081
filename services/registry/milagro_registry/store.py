"""Registry tables and queries."""

import uuid
from datetime import date, datetime

from sqlalchemy import ARRAY, Date, DateTime, MetaData, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

metadata = MetaData()


class Base(DeclarativeBase):
    metadata = metadata


class Participant(Base):
    """A person taking part: personal fields and the attributes used for statistics."""

    __tablename__ = "participants"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    partner: Mapped[str] = mapped_column(String(16), index=True)
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
