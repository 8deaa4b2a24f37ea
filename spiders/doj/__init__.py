"""The U.S. Department of Justice press releases (justice.gov News API): README.md."""
