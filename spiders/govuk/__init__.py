"""The United Kingdom government's news on GOV.UK (Search API and Content API): README.md."""
