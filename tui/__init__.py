"""The newsdesk command line and Textual app."""
