"""Portal views of the campaigns app: read pages, manager forms, figure uploads."""
