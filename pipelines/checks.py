"""Asset checks beside their assets; each runs a SQL check (warehouse/checks/) and reports offenders."""

from dagster import (
    AssetCheckResult,
    AssetChecksDefinition,
    AssetsDefinition,
    MetadataValue,
    asset_check,
)

from pipelines.assets.collect import raw_documents
from pipelines.assets.extract import extracted_texts
from pipelines.assets.tag import document_tags
from pipelines.resources import WarehouseResource
from warehouse.checks import run_check


def sql_check(asset: AssetsDefinition, name: str, description: str) -> AssetChecksDefinition:
    @asset_check(asset=asset, name=name, description=description)
    def _check(warehouse: WarehouseResource) -> AssetCheckResult:
        with warehouse.get_connection() as conn:
            outcome = run_check(conn, name)
        return AssetCheckResult(
            passed=outcome.passed,
            metadata={"offending": outcome.offending,
                      "offending_ids": MetadataValue.json(outcome.sample)},
        )

    return _check


ALL_CHECKS = [
    sql_check(raw_documents, "no_duplicate_keys", "No document version stored twice, no version identical to the one before."),
    sql_check(raw_documents, "coverage_against_listings", "Every document the listings announced for a week is in the warehouse."),
    sql_check(raw_documents, "warc_records_readable", "Every raw WARC file reads back whole, is indexed, and each indexed response matches its sha256."),
    sql_check(extracted_texts, "no_empty_text", "Every current document has text."),
    sql_check(extracted_texts, "dates_plausible", "Dates are the API's when it gave one, and plausible otherwise."),
    sql_check(document_tags, "every_tag_has_evidence", "Every goal tag, mentioned-member tag and event has its sentence at its offsets."),
    sql_check(document_tags, "member_codes_on_roster", "Every member code is on the Alliance roster."),
]
