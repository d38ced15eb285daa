"""Shared extraction helpers: what every fact extractor may use (the rules its words come from)."""
