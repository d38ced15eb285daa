"""Russian fact-line templates."""
