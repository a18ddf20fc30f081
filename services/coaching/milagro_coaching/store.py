"""Tables of the coaching service."""

from sqlalchemy import MetaData

from milagro_kit.directory import Directory

metadata = MetaData()

# Who may coach or be coached: the registry's participants as this service keeps them.
participants = Directory(metadata, "coaching")
