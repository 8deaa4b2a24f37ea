"""The European Commission's Press Corner (search and documents API): README.md."""
