"""Revisions: every one at a permanent dated address, what changed, and the history as pages and data."""
