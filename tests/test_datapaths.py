"""Where shipped data and user data are found (reviewer.datapaths), and that nothing else
in the package guesses paths from its own location."""

import re
from pathlib import Path

from click.testing import CliRunner

from reviewer import datapaths
from reviewer.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_reads_the_source_tree():
    assert datapaths.data_root() == ROOT
    assert (datapaths.rules_dir() / "profiles" / "national.yaml").is_file()
    assert (datapaths.laws_dir() / "laws.yaml").is_file()
    assert datapaths.corpus_file("statutory_fines.yaml").is_file()


def test_user_data_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("REVIEWER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert datapaths.user_data_dir() == tmp_path / "xdg" / "reviewer"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert datapaths.user_data_dir() == tmp_path / "home" / ".local" / "share" / "reviewer"
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "mine"))
    assert datapaths.user_data_dir() == tmp_path / "mine"
    assert datapaths.register_db_path() == tmp_path / "mine" / "register.sqlite3"
    assert datapaths.desk_data_dir() == tmp_path / "mine" / "desk"


def test_laws_import_writes_to_the_user_data_dir(monkeypatch, tmp_path):
    from reviewer.laws import _load, default_dirs

    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    csv = tmp_path / "l.csv"
    csv.write_text(
        "id,title,aliases,level,issuer,doc_number,promulgated,effective,status,repealed,successor,note\n"
        "试验市物业条例,试验市物业条例,,地方性法规,试验市人大常委会,,2000-01-01,2000-01-01,in_force,,,x\n",
        encoding="utf-8",
    )
    before = {p for p in (ROOT / "corpus" / "laws").rglob("*")}
    r = CliRunner().invoke(main, ["laws", "import", str(csv)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "data" / "laws" / "l.yaml").is_file()
    assert {p for p in (ROOT / "corpus" / "laws").rglob("*")} == before
    assert tmp_path / "data" / "laws" in default_dirs()
    _load.cache_clear()
    r = CliRunner().invoke(main, ["laws", "show", "试验市物业条例"])
    assert r.exit_code == 0 and "试验市人大常委会" in r.output, r.output
    _load.cache_clear()


def test_no_module_guesses_the_data_root_from_its_own_path():
    """Only datapaths.py locates the checkout; files inside the package itself (templates,
    migrations) may be found next to the module."""
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in (ROOT / "reviewer").rglob("*.py")
        if p.name != "datapaths.py"
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"__file__.*(?:parents\[|parent\.parent)", line)
    ]
    assert offenders == []


def test_setup_ships_every_data_root_the_package_reads():
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    for shipped in ("rules", "corpus/laws", "corpus/statutory_fines.yaml", "corpus/statutory_licences.yaml"):
        assert f'("{shipped}", "{shipped}")' in text
