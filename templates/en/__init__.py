"""English fact-line templates."""
