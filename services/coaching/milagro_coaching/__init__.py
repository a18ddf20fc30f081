"""Coaching across the continents: academies, coaches, newcomers, matches and sessions."""
