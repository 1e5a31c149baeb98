"""Everything below the UI: the article store, readers, extraction and the read API.

This package never imports Textual (a test enforces it), and importing it stays cheap: spaCy is loaded only
when extraction actually runs.
"""
