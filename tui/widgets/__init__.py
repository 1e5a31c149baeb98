"""Widgets of the newsdesk app, one per module."""
