"""Seeing early (issue 12): risk levels with reasons, linked cases (clusters) and the alerts inbox."""
