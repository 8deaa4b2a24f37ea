"""The collect assets under the replica's faults, first half (fault_collect.py says what each test checks)."""

import pytest
from fault_collect import FIRST_HALF, clean_documents, crawl_under_fault_counts_it_and_loses_nothing

clean = pytest.fixture(scope="module", name="clean_documents")(clean_documents)  # built once here


@pytest.mark.parametrize("fault", FIRST_HALF)
def test_crawl_under_fault_counts_it_and_loses_nothing(fault, clean_documents, tmp_path, resources_for,
                                                       fault_weeks, new_warehouse):
    crawl_under_fault_counts_it_and_loses_nothing(fault, clean_documents, tmp_path, resources_for,
                                                  fault_weeks, new_warehouse)
