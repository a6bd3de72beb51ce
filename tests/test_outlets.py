from pathlib import Path

import pytest

from manysides.errors import ConfigError
from manysides.outlets import EXAMPLE_FILE, load_outlets, normalize_leaning


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_registry_looks_up_by_name_domain_and_url(tmp_path):
    path = write(tmp_path, "outlets.csv",
                 "name,domains,country,leaning,ownership\n"
                 "Valley Courier,valleycourier.example;courier.example,US,Lean Left,co-op\n"
                 "# a comment line\n"
                 "North Star Daily,northstar.example,CA,,\n")
    registry = load_outlets(path)
    assert len(registry) == 2
    assert registry.lookup("valley  courier").domains == ("valleycourier.example", "courier.example")
    assert registry.lookup("https://www.courier.example/2024/story").name == "Valley Courier"
    assert registry.lookup("news.northstar.example").country == "CA"
    assert registry.leaning("Valley Courier") == "lean-left"
    assert registry.lookup("Valley Courier").side == "left"
    assert registry.leaning("North Star Daily") == ""
    assert registry.lookup("unknown.example") is None


def test_bad_leaning_names_file_and_line(tmp_path):
    path = write(tmp_path, "outlets.csv",
                 "name,domains,leaning\nGood Paper,good.example,center\nBad Paper,bad.example,purple\n")
    with pytest.raises(ConfigError, match=r"outlets\.csv:3: Bad Paper: unknown leaning 'purple'"):
        load_outlets(path)


def test_bad_domain_and_missing_name_are_errors(tmp_path):
    bad_domain = write(tmp_path, "a.csv", "name,domains\nPaper,not a domain!\n")
    with pytest.raises(ConfigError, match=r"a\.csv:2: Paper: not a domain"):
        load_outlets(bad_domain)
    no_name = write(tmp_path, "b.csv", "name,domains\n,x.example\n")
    with pytest.raises(ConfigError, match=r"b\.csv:2: outlet has no name"):
        load_outlets(no_name)


def test_duplicate_domain_is_an_error(tmp_path):
    path = write(tmp_path, "d.csv", "name,domains\nOne,same.example\nTwo,same.example\n")
    with pytest.raises(ConfigError, match="'same.example' is listed for One and Two"):
        load_outlets(path)


def test_toml_registry_and_its_error_lines(tmp_path):
    good = write(tmp_path, "o.toml",
                 '[[outlet]]\nname = "Ridge Gazette"\ndomains = ["ridge.example"]\nleaning = "right"\n')
    assert load_outlets(good).lookup("ridge.example").leaning == "right"
    bad = write(tmp_path, "p.toml",
                '[[outlet]]\nname = "A"\n\n[[outlet]]\nname = "B"\nslant = "left"\n')
    with pytest.raises(ConfigError, match=r"p\.toml:4: unknown key\(s\) slant"):
        load_outlets(bad)


def test_unreadable_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read outlets file"):
        load_outlets(tmp_path / "missing.csv")


def test_example_file_loads_and_leanings_normalize():
    registry = load_outlets(EXAMPLE_FILE)
    assert [o.leaning for o in registry.outlets] == ["lean-left", "center", "right", ""]
    assert normalize_leaning("Centre") == "center"
    assert normalize_leaning("leans right") == "lean-right"
    assert normalize_leaning("sideways") is None
