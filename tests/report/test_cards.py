"""Skill cards: the skills named with each card's skill, computed for all cards in one
query, are those ``analytics.related`` gives skill by skill (same lift, same order)."""

from __future__ import annotations

import pytest
from tests.report.conftest import DemoRun

from skillpulse.analytics import related
from skillpulse.report.cards import RELATED_MIN, RELATED_N
from skillpulse.store import open_store
from skillpulse.taxonomy.catalog import load_builtin


def test_card_cooccurrence_equals_related_skill_by_skill(demo_run: DemoRun) -> None:
    rep = demo_run.report
    tax = load_builtin()
    assert rep["cards"]
    with open_store(demo_run.out / "skillpulse.duckdb") as store:
        for card in rep["cards"]:
            res = related(store, card["skill_id"], kind=card["related_kind"],
                          period=rep["period"], n=RELATED_N, min_count=RELATED_MIN,
                          taxonomy=tax)
            assert [(r.skill_id, r.co_count) for r in res.rows] == [
                (x["skill_id"], x["co_count"]) for x in card["related"]], card["skill_id"]
            for r, x in zip(res.rows, card["related"], strict=True):
                assert x["lift"] == pytest.approx(r.lift)
    assert sum(len(c["related"]) for c in rep["cards"]) >= 20
