"""Development scripts of the ropcli repository (not shipped in the package)."""
