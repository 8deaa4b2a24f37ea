"""The collect assets under the replica's faults, second half (fault_collect.py says what each test checks)."""

import pytest
from fault_collect import (
    SECOND_HALF,
    clean_documents,
    crawl_under_fault_counts_it_and_loses_nothing,
)

clean = pytest.fixture(scope="module", name="clean_documents")(clean_documents)  # built once here


@pytest.mark.parametrize("fault", SECOND_HALF)
def test_crawl_under_fault_counts_it_and_loses_nothing(fault, clean_documents, tmp_path, resources_for,
                                                       fault_weeks, new_warehouse):
    crawl_under_fault_counts_it_and_loses_nothing(fault, clean_documents, tmp_path, resources_for,
                                                  fault_weeks, new_warehouse)
