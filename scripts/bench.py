#!/usr/bin/env python3
"""Benchmarks at scale: how the checker and the site grow with the number of towns.

    .venv/bin/python scripts/bench.py              # full run, writes docs/dev/benchmarks.md
    .venv/bin/python scripts/bench.py --quick      # tiny sizes, for a smoke test
    .venv/bin/python scripts/bench.py --skip check --skip pr --skip site   # only the form page

A stage left out with ``--skip`` keeps its section of the existing page, marked as measured in
an earlier run.

Every measurement runs the real command in a child process on the same generated registry
(`towns synth`, fixed seed) and records its wall time and its peak resident memory (from the
child's rusage). Each command runs ``--repeat`` times; the table shows the fastest run, because on
a shared machine the noise only ever adds time. Generated data goes to ``--workdir``
(`bench-data/`, ignored by git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AS_OF = dt.date(2026, 11, 30)
SEED = 2016
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
SITE_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

# Parse exactly the YAML files the checker reads, with PyYAML's C loader and nothing else.
PARSE_SNIPPET = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = [root / "program.yaml"]
for top in ("submissions", "records", "decisions"):
    files += sorted((root / top).rglob("*.yaml"))
for path in files:
    with open(path, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
print(len(files))
"""


@dataclass
class Run:
    """The best of several runs of one command."""

    label: str
    seconds: float
    peak_mb: float
    exit_codes: list[int]
    all_seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0  # user + system time of the fastest run: less sensitive to other load


# A minimal launcher runs each measured command. On Linux a child's peak RSS includes the memory
# of the process that forked it (exec records the old address space's high-water mark), so the
# launcher, not this script, must be the parent: its own few megabytes are the floor of every peak.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
result = {"seconds": time.perf_counter() - start, "code": os.waitstatus_to_exitcode(status),
          "peak_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}
with open(sys.argv[1], "w") as handle:
    json.dump(result, handle)
"""


def measure(
    label: str, cmd: Sequence[str | Path], *, cwd: Path, repeat: int, env: dict[str, str] | None = None
) -> Run:
    """Run ``cmd`` ``repeat`` times; wall time, CPU time and peak RSS of the command's process."""
    times: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    codes: list[int] = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            result_file, err_file = Path(tmp) / "result.json", Path(tmp) / "stderr"
            with err_file.open("wb") as err:
                subprocess.run(
                    [sys.executable, "-c", LAUNCHER, str(result_file), *(str(c) for c in cmd)],
                    cwd=cwd,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    env={**os.environ, **(env or {})},
                    check=False,
                )
            result = json.loads(result_file.read_text(encoding="utf-8"))
            times.append(result["seconds"])
            codes.append(result["code"])
            peaks.append(result["peak_kb"] / 1024)
            cpus.append(result["cpu"])
            if result["code"] not in (0, 1):
                sys.stderr.write(err_file.read_text(encoding="utf-8", errors="replace")[-2000:])
    print(
        f"  {label}: {min(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), {max(peaks):.0f} MB",
        flush=True,
    )
    best = times.index(min(times))
    return Run(label, min(times), max(peaks), codes, times, cpus[best])


def generate(workdir: Path, towns: int, name: str | None = None) -> Path:
    """A synthetic registry of ``towns`` towns (reused when already generated with these settings)."""
    root = workdir / (name or f"registry-{towns}")
    stamp = root / ".bench-stamp"
    generator = "".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "scripts" / "towns" / "synth").glob("*.py"))
    )
    wanted = f"{towns}:{SEED}:{AS_OF}:{(ROOT / 'program.yaml').read_text(encoding='utf-8')}:{generator}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return root
    if root.exists():
        shutil.rmtree(root)
    program = workdir / f"program-{towns}.yaml"
    program.write_text((ROOT / "program.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    # In a child process, so that this script stays small (see LAUNCHER).
    subprocess.run(
        [
            BIN / "towns",
            "synth",
            "--towns",
            str(towns),
            "--seed",
            str(SEED),
            "--output",
            root,
            "--program",
            program,
            "--as-of",
            AS_OF.isoformat(),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(wanted, encoding="utf-8")
    return root


def declaration_files(root: Path) -> list[Path]:
    return sorted(root.glob("submissions/*/*/declaration.yaml"))


def bench_check(workdir: Path, sizes: Sequence[int], repeat: int) -> list[dict[str, object]]:
    """`towns check` of the whole registry vs parsing its YAML files vs check-jsonschema."""
    rows: list[dict[str, object]] = []
    schema = workdir / "declaration.schema.json"
    for towns in sizes:
        root = generate(workdir, towns)
        _write_schema(root, schema)
        yaml_files = int(
            subprocess.run(
                [BIN / "python", "-c", PARSE_SNIPPET, root], capture_output=True, text=True, check=True
            ).stdout
        )
        print(f"{towns} towns, {yaml_files} YAML files", flush=True)
        out = workdir / f"check-{towns}.json"
        check = measure(
            "towns check",
            [
                BIN / "towns",
                "check",
                "--root",
                root,
                "--today",
                AS_OF.isoformat(),
                "--format",
                "json",
                "--output",
                out,
            ],
            cwd=root,
            repeat=repeat,
        )
        parse = measure(
            "PyYAML CSafeLoader", [BIN / "python", "-c", PARSE_SNIPPET, root], cwd=root, repeat=repeat
        )
        decls = [p.relative_to(root) for p in declaration_files(root)]
        jsonschema = measure(
            "check-jsonschema", [BIN / "check-jsonschema", "--schemafile", schema, *decls], cwd=root, repeat=1
        )
        report = json.loads(out.read_text(encoding="utf-8"))
        rows.append(
            {
                "towns": towns,
                "yaml_files": yaml_files,
                "check": check,
                "parse": parse,
                "jsonschema": jsonschema,
                "summary": report["summary"],
            }
        )
    return rows


def _write_schema(root: Path, target: Path) -> None:
    """The published declaration schema for the registry's program, written by a child process."""
    code = (
        "import sys; from pathlib import Path; from towns.program import load_program; "
        "from towns.schema import all_schemas; program, _ = load_program(Path(sys.argv[1])); "
        "Path(sys.argv[2]).write_text(all_schemas(program)['declaration.schema.json'], encoding='utf-8')"
    )
    subprocess.run([BIN / "python", "-c", code, root, target], check=True)


def bench_pr(workdir: Path, towns: int, repeat: int) -> dict[str, object]:
    """A pull request that changes one town, checked in a real git repository of ``towns`` towns."""
    repo = workdir / f"pr-{towns}"
    stamp = repo / ".git" / "bench-stamp"
    source = generate(workdir, towns)
    wanted = (source / ".bench-stamp").read_text(encoding="utf-8")
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == wanted):
        if repo.exists():
            shutil.rmtree(repo)
        shutil.copytree(source, repo, ignore=shutil.ignore_patterns(".bench-stamp"))
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "registry")
        _git(repo, "checkout", "-q", "-b", "pr")
        target = declaration_files(repo)[len(declaration_files(repo)) // 2]
        text = target.read_text(encoding="utf-8")
        target.write_text(
            re.sub(r'(?m)^address: "(.*)"$', r'address: "\1（修改）"', text, count=1), encoding="utf-8"
        )
        _git(repo, "commit", "-q", "-am", "one town changed")
        stamp.write_text(wanted, encoding="utf-8")
    print(f"PR check in a {towns}-town git repository", flush=True)
    out = workdir / f"pr-{towns}.json"
    run = measure(
        "towns check --changed-since main",
        [
            BIN / "towns",
            "check",
            "--changed-since",
            "main",
            "--today",
            AS_OF.isoformat(),
            "--format",
            "json",
            "--output",
            out,
        ],
        cwd=repo,
        repeat=repeat,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {"towns": towns, "run": run, "summary": report["summary"]}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, env={**os.environ, **GIT_ENV})


def bench_site(workdir: Path, sizes: Sequence[int], repeat: int) -> list[dict[str, object]]:
    """`mkdocs build` of the registry's site vs a plain mkdocs-material build of the same pages,
    and what a visitor of the built site downloads (`bench_visit`, in Chromium)."""
    from bench_visit import measure as measure_visit  # noqa: PLC0415 - sibling module in scripts/

    rows: list[dict[str, object]] = []
    for towns in sizes:
        root = generate(workdir, towns)
        _site_config(root)
        print(f"site of {towns} towns", flush=True)
        site = measure(
            "mkdocs build (registry)",
            [BIN / "mkdocs", "build", "-q", "-f", root / "mkdocs.yml", "-d", root / "site"],
            cwd=root,
            repeat=repeat,
            env=SITE_ENV,
        )
        pages = sorted(p for p in (root / "site").rglob("*.html") if "pagefind" not in p.parts)
        site_bytes = _tree_bytes(root / "site")
        visit = measure_visit(root / "site", root)
        print(
            f"  visitor: home {visit['home_bytes'] / 1024:.0f} KiB,"
            f" town {visit['town_bytes'] / 1024:.0f} KiB,"
            f" search engine {visit['engine_bytes'] / 1024:.0f} KiB,"
            f" query at most {visit['query_max_bytes'] / 1024:.0f} KiB",
            flush=True,
        )
        plain_root = workdir / f"plain-{towns}"
        _plain_site(root, plain_root)
        plain = measure(
            "mkdocs build (plain)",
            [BIN / "mkdocs", "build", "-q", "-f", plain_root / "mkdocs.yml", "-d", plain_root / "site"],
            cwd=plain_root,
            repeat=repeat,
            env=SITE_ENV,
        )
        rows.append(
            {
                "towns": towns,
                "site": site,
                "plain": plain,
                "pages": len(pages),
                "site_bytes": site_bytes,
                "plain_bytes": _tree_bytes(plain_root / "site"),
                "material_index_bytes": _file_bytes(plain_root / "site" / "search" / "search_index.json"),
                "visit": visit,
            }
        )
    return rows


def _site_config(root: Path) -> None:
    """The repository's mkdocs.yml and static docs, with its hook and theme found in this checkout."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for rel in ("scripts/towns/site/theme", "scripts/towns/site/mkdocs_hook.py"):
        text = text.replace(f" {rel}", f" {(ROOT / rel).as_posix()}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    if (root / "docs").exists():
        shutil.rmtree(root / "docs")
    shutil.copytree(ROOT / "docs", root / "docs")


# Writes the registry site's generated Markdown pages as static files, in a child process.
DUMP_PAGES = """
import datetime as dt, sys
from pathlib import Path
from towns.check import run_check
from towns.site.pages import SiteOptions, build_site, find_guides
root, docs, day = Path(sys.argv[1]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
result = run_check(root, today=day)
site = build_site(result, root, SiteOptions(demo=True, as_of=day, guides=find_guides(root / "docs")))
for rel, markdown in site.pages.items():
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
"""


def _plain_site(registry: Path, root: Path) -> None:
    """The registry site's pages as static Markdown files, built by mkdocs-material without the hook.

    Same pages, same theme features and Markdown extensions, with Material's own search plugin
    (what a plain mkdocs-material site has): the difference in build time is the cost of checking
    the registry, generating the pages, copying its files and building its own search index.
    """
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(registry / "docs", root / "docs")
    subprocess.run([BIN / "python", "-c", DUMP_PAGES, registry, root / "docs", AS_OF.isoformat()], check=True)
    config = (registry / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  custom_dir:.*\n", "", config)
    config = re.sub(r"(?m)^hooks:\n(?:  - .*\n)+", "", config)
    config = re.sub(r"(?m)^strict:.*\n", "", config)
    config = re.sub(r"(?m)^plugins: \[\]$", "plugins:\n  - search", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def _file_bytes(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def machine() -> dict[str, str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"(?m)^model name\s*:\s*(.+)$", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"(?m)^MemTotal:\s*(\d+) kB", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else memory
    import yaml  # noqa: PLC0415

    return {
        "CPU": cpu,
        "Logical cores": str(os.cpu_count()),
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "PyYAML": f"{yaml.__version__} (C extension: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (default 2)")
    parser.add_argument("--site-repeat", type=int, help="runs per site build (default: --repeat)")
    parser.add_argument(
        "--visits-only",
        action="store_true",
        help="re-measure the visitor's downloads on the sites the last run built, keep the rest",
    )
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench-data")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "dev" / "benchmarks.md")
    parser.add_argument("--skip", action="append", default=[], choices=("check", "pr", "site", "form"))
    parser.add_argument("--check-sizes", type=_sizes, help="towns for the check benchmark, e.g. 1000,5000")
    parser.add_argument("--pr-size", type=int, help="towns in the pull-request repository")
    parser.add_argument("--site-sizes", type=_sizes, help="towns for the site benchmark, e.g. 100,1000,3000")
    args = parser.parse_args(argv)
    quick = ((20, 40), 40, (10, 20))
    full = ((1000, 5000), 5000, (100, 1000, 5000))
    check_sizes, pr_size, site_sizes = quick if args.quick else full
    check_sizes = args.check_sizes or check_sizes
    pr_size = args.pr_size or pr_size
    site_sizes = args.site_sizes or site_sizes
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results: dict[str, object] = {
        "machine": machine(),
        "date": _now(),
        "repeat": args.repeat,
        "site_repeat": args.site_repeat or args.repeat,
        "load": os.getloadavg(),
    }
    previous = _previous(args.workdir / "results.json")
    if args.visits_only:
        return _revisit(args, previous)
    runs = {
        "check": lambda: bench_check(args.workdir, check_sizes, args.repeat),
        "pr": lambda: bench_pr(args.workdir, pr_size, args.repeat),
        "site": lambda: bench_site(args.workdir, site_sizes, args.site_repeat or args.repeat),
        "form": lambda: _bench_form(max(args.repeat, 3)),
    }
    results["measured"] = {}
    for section, run in runs.items():
        if section == "site" and not (ROOT / "mkdocs.yml").exists():
            continue
        if section in args.skip:
            # A skipped section keeps the previous run's numbers, with that run's date and load.
            if section in previous:
                results[section] = previous[section]
                results["measured"][section] = previous.get("measured", {}).get(section) or _stamp(previous)
            continue
        results["measured"][section] = {"date": _now(), "load": os.getloadavg()}
        results[section] = run()
    results["minutes"] = round((time.time() - started) / 60, 1)
    text = json.dumps(results, default=_plain, ensure_ascii=False, indent=2)
    (args.workdir / "results.json").write_text(text, encoding="utf-8")
    from bench_report import render  # noqa: PLC0415 - sibling module in scripts/

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(json.loads(text)), encoding="utf-8")
    print(f"results: {args.output}")
    return 0


def _bench_form(repeat: int) -> object:
    from bench_form import bench_form  # noqa: PLC0415 - sibling module in scripts/

    return bench_form(repeat=repeat)


def _revisit(args: argparse.Namespace, previous: dict[str, object]) -> int:
    """Re-measure `bench_visit` on the sites the last run left in the work folder."""
    from bench_report import render  # noqa: PLC0415 - sibling modules in scripts/
    from bench_visit import measure as measure_visit  # noqa: PLC0415

    rows = previous.get("site")
    if not isinstance(rows, list):
        print("no previous site results to re-measure", file=sys.stderr)
        return 2
    for row in rows:
        root = args.workdir / f"registry-{row['towns']}"
        print(f"visitor of the {row['towns']}-town site", flush=True)
        row["visit"] = measure_visit(root / "site", root)
    notes = previous.setdefault("notes", [])
    if isinstance(notes, list):
        notes.append(f"Visitor downloads re-measured {_now()} (UTC) on the same built sites.")
    text = json.dumps(previous, default=_plain, ensure_ascii=False, indent=2)
    (args.workdir / "results.json").write_text(text, encoding="utf-8")
    args.output.write_text(render(json.loads(text)), encoding="utf-8")
    print(f"results: {args.output}")
    return 0


def _previous(path: Path) -> dict[str, object]:
    """The last run's results (`--skip` keeps their sections); empty when there are none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stamp(results: dict[str, object]) -> dict[str, object]:
    return {"date": results.get("date"), "load": results.get("load")}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="minutes")


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _plain(value: object) -> object:
    return asdict(value) if isinstance(value, Run) else str(value)


if __name__ == "__main__":
    sys.exit(main())
