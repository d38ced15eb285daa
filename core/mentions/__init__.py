"""Mentions: persons, countries, organisations, places, posts, ranks and dates, found once."""
