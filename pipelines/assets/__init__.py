"""Every asset of the pipeline, in stage order."""

from pipelines.assets.collect import crawled_items, raw_documents
from pipelines.assets.extract import extracted_texts, near_duplicate_links
from pipelines.assets.tag import alliance_reference, document_tags
from pipelines.assets.views import published_warehouse, research_report, researcher_views

ALL_ASSETS = [crawled_items, raw_documents, extracted_texts, near_duplicate_links, alliance_reference, document_tags, researcher_views, published_warehouse,
              research_report]
