"""Argon2 at minimal cost for the test suite (production keeps Django's Argon2 defaults)."""
from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1
