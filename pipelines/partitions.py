"""Weekly partitions by publication week: Mondays from the first Monday after the Council's June 2012 conclusions."""

from datetime import date

from dagster import AssetExecutionContext, BackfillPolicy, WeeklyPartitionsDefinition

publication_weeks = WeeklyPartitionsDefinition(start_date="2012-06-04", day_offset=1)

# A range of weeks runs as one run (one DuckDB writer, one pass over the pending documents).
single_run = BackfillPolicy.single_run()


def week_window(context: AssetExecutionContext) -> tuple[date, date]:
    """[first day, day after the last day) of the weeks this run covers."""
    window = context.partition_time_window
    return window.start.date(), window.end.date()
