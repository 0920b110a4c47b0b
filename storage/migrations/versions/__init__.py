"""Migration revisions, one file per change, named by what they change."""
