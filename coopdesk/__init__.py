"""coopdesk: the offline books of a women's chocolate cooperative."""

__version__ = "0.1.0"
