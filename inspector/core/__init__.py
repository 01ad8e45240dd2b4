"""The core: model, exact numbers, reading and validating files, answers, scoring and explanations.

Pure Python with no user interface and no database: every other layer builds on it.
"""
