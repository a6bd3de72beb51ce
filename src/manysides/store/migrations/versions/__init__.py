"""Store migrations, oldest first (file names start with the revision number)."""
