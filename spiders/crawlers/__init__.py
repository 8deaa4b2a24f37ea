# Scrapy spiders of the project (named "doj" and "eu"); not called spiders/spiders/ so that
# `import spiders` from inside this folder still finds the project package.
"""The spiders: navigation only; everything they read is parsed by spiders.parsing."""
