"""Operator Desk (私域工作台): the desktop workspace for private-domain operators."""

__version__ = "0.1.0"
