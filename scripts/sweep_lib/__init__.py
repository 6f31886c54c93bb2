"""Helpers of scripts/sweep and scripts/plot: the cell grid, the cell runner, CSV collection,
the Slurm array script and the plots. Standard library only, except plots.py (matplotlib)."""
