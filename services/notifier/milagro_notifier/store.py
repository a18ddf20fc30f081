"""Tables of the notifier.

Contact details are never stored: they are looked up in the registry at send time. What
waits here to be sent names people by their registry id only.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from milagro_kit.directory import Directory

metadata = MetaData()

# Who the registry's participants are (partner, roles): whose coordinators may set their
# preferences; its erasure hook purges what is held about a person here.
participants = Directory(metadata, "notifier")

# Whether a person may be e-mailed; withdrawing consent must stop e-mail at once.
communications_consent = Table(
    "communications_consent",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False),
    Column("given", Boolean, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# Where a partner's coordinators are written to (staff, not participants: the partner's
# coordinators keep these themselves through the API).
partner_contacts = Table(
    "partner_contacts",
    metadata,
    Column("partner", String(16), primary_key=True),
    Column("email", String(254), primary_key=True),
    Column("language", String(3), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# Every e-mail to send, durable: due now or later (a reminder, quiet hours, a retry). A
# redelivered event finds its `dedup` key taken and sends nothing twice.
notifications = Table(
    "notifications",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("dedup", String(300), nullable=False, unique=True),
    Column("kind", String(60), nullable=False),  # the rule's kind: welcome, session_reminder
    Column("template", String(60), nullable=False),
    Column("partner", String(16), nullable=False),
    # a participant (looked up in the registry at send time), or a partner's coordinators
    Column("participant_id", UUID(as_uuid=True), index=True),
    Column("context", JSONB, nullable=False),  # ids, times, names of things: nothing personal
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("latest_at", DateTime(timezone=True)),  # too late after this (a reminder)
    Column("state", String(16), nullable=False),  # pending, sent, skipped, dead, cancelled
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    # what it is about (`session:<id>`): a moved or cancelled session cancels its reminders
    Column("about", String(80), index=True),
    Index("notifications_due", "due_at", postgresql_where=text("state = 'pending'")),
)

# Each attempt to send an e-mail, with the relay tried and what happened.
send_attempts = Table(
    "send_attempts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column(
        "notification_id",
        UUID(as_uuid=True),
        ForeignKey("notifications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("relay", String(200)),
    Column("outcome", String(32), nullable=False),  # sent, failed, skipped (and why)
    Column("detail", Text),
    UniqueConstraint("notification_id", "at", "relay", name="one_attempt_per_relay_and_time"),
)


# Kinds of e-mail a person does not want ("*": none at all), from the preferences API or
# an unsubscribe link.
opt_outs = Table(
    "opt_outs",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(60), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Who a coaching session concerns: the coaching events name coaches, newcomers and
# matches by their own ids, the e-mail goes to the participants behind them.
coaches = Table(
    "coaches",
    metadata,
    Column("coach_id", UUID(as_uuid=True), primary_key=True),
    Column("participant_id", UUID(as_uuid=True), nullable=False, index=True),
)
newcomers = Table(
    "newcomers",
    metadata,
    Column("newcomer_id", UUID(as_uuid=True), primary_key=True),
    Column("participant_id", UUID(as_uuid=True), nullable=False, index=True),
)
matches = Table(
    "matches",
    metadata,
    Column("match_id", UUID(as_uuid=True), primary_key=True),
    Column("coach_id", UUID(as_uuid=True), nullable=False),
    Column("newcomer_id", UUID(as_uuid=True), nullable=False),
)

# Who an activity concerns once it is under way: the people checked in and its
# facilitators (told when it moves or is cancelled).
activity_people = Table(
    "activity_people",
    metadata,
    Column("activity_id", UUID(as_uuid=True), primary_key=True),
    Column("participant_id", UUID(as_uuid=True), primary_key=True, index=True),
)


# --- Webhooks (issue 18): partner systems told of domain events, signed per Standard Webhooks

# A partner's endpoint and the event types it wants (`*`: all). The secrets are kept as
# they are, for HMAC needs them; a rotated-out secret stays valid until `previous_until`.
webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("event_types", ARRAY(String(120)), nullable=False),
    Column("secret", String(200), nullable=False),
    Column("previous_secret", String(200)),
    Column("previous_until", DateTime(timezone=True)),
    Column("enabled", Boolean, nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
    Column("disabled_reason", Text),
    Column("times_disabled", Integer, nullable=False, server_default="0"),
    # since when every attempt has failed (None after a success): disables the endpoint
    Column("failing_since", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# One event for one subscription, durable until delivered or dead; `body` is the exact
# bytes signed and sent, the same on every retry.
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column(
        "subscription_id",
        UUID(as_uuid=True),
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event_id", UUID(as_uuid=True), nullable=False),  # the `webhook-id`
    Column("event_type", String(120), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(16), nullable=False),  # pending, delivered, dead
    Column("attempts", Integer, nullable=False, server_default="0"),  # since (re)queued
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    UniqueConstraint("subscription_id", "event_id", name="one_delivery_per_event"),
    Index("webhook_deliveries_log", "subscription_id", "created_at", "id"),
    Index(
        "webhook_deliveries_due",
        "next_attempt_at",
        postgresql_where=text("state = 'pending'"),
    ),
)

# Each POST of a delivery: the HTTP status (None when no answer came), error, duration.
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column(
        "delivery_id",
        UUID(as_uuid=True),
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status", Integer),
    Column("error", Text),
    Column("duration_ms", Integer, nullable=False),
)
