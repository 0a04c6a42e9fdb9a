"""doingthework: a terminal companion for doing the work between therapy sessions."""

__version__ = "0.1.0"
