"""The release guard: proves a built site fit to publish, or names every fault with its fix.

run.py runs the checkers (one module each) and report.py words their findings;
published.py keeps the list of published URLs and imports nothing heavy, so the
revision command can call it with the site packages alone.
"""
