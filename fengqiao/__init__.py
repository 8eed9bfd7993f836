"""Fengqiao (枫桥): grassroots dispute resolution, case coordination and early warning."""

__version__ = "0.1.0"
