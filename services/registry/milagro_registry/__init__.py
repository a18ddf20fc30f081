"""The registry: partners and participants, the only home of personal data."""
