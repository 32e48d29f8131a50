"""Portal views: pages (list, new, detail), actions (POST only) and downloads."""
