from pathlib import Path

import pytest

from manysides.errors import ConfigError
from manysides.settings import Settings, load_settings


def test_defaults_when_nothing_is_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}) == Settings()


def test_precedence_file_then_env_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "ms.toml"
    config.write_text('[manysides]\ndb = "sqlite:///file.db"\nsummary_words = 80\nport = 9000\n')
    env = {"MANYSIDES_SUMMARY_WORDS": "120", "MANYSIDES_PORT": "9100"}
    settings = load_settings(config, env=env, port=9200, db=None)
    assert settings.db == "sqlite:///file.db"  # from the file; None override ignored
    assert settings.summary_words == 120  # env beats file
    assert settings.port == 9200  # explicit override beats env


def test_config_file_named_by_environment(tmp_path: Path) -> None:
    config = tmp_path / "other.toml"
    config.write_text('api_key = "s3cret"\n')
    settings = load_settings(env={"MANYSIDES_CONFIG": str(config)})
    assert settings.api_key == "s3cret"


def test_unknown_setting_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="environment: unknown setting 'COLOUR'"):
        load_settings(env={"MANYSIDES_COLOUR": "blue"})


def test_bad_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="setting port: cannot use 'eighty'"):
        load_settings(env={"MANYSIDES_PORT": "eighty"})


def test_unreadable_toml_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("db = [unclosed\n")
    with pytest.raises(ConfigError, match="broken.toml: cannot read settings"):
        load_settings(config, env={})
