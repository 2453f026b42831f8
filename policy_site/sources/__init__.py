"""Checks of the sources staff edit: language folders, pages, translations."""
