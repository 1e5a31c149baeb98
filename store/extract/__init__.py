"""Entity and quote extraction: spaCy's parse plus rules for what a general model misses in news text.

Importing this package does not load spaCy; ``store.extract.pipeline`` does, when extraction runs.
"""
