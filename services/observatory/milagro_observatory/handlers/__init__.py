"""Projections fed by the streams: one kit consumer per stream, bulk writes per batch."""

from milagro_observatory.handlers.activities import activity_events
from milagro_observatory.handlers.coaching import coaching_events
from milagro_observatory.handlers.registry import registry_events

CONSUMERS = [registry_events, activity_events, coaching_events]
