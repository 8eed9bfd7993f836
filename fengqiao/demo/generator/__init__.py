"""The demo data generator: a fictional county and its cases, described without the database.

county.py (places, departments, staff) and people.py need neither Django nor a database;
cases.py (generate_cases) reads the seeded workflow definitions.
"""
