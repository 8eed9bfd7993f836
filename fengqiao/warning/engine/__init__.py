"""The warning app's pure computations (no Django import): the risk scorer, matter keys and linking."""
