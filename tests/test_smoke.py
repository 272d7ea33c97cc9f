from gongkai.report import METRICS, Generation, metrics_for


def test_dictionary_sizes() -> None:
    # 2021: 10 t2 + 26 t3 rows x 7 (split and undivided 其他处理) + 15 t4
    assert len(metrics_for(Generation.Y2021)) == 10 + 26 * 7 + 15
    assert len(metrics_for(Generation.OLD)) == 25
    assert "t3.other.other.total" in METRICS
