#!/usr/bin/env bash
# Smoke test of a one-file build, away from the project: packaging/smoke.sh BINARY
#
# The binary is copied alone into an empty temporary folder with a fresh data folder (INSPECTOR_HOME), no
# PYTHONPATH and the project out of reach, and run there:
#   --version; checklist list (both bundled checklists); figures maps (the bundled maps);
#   score cchc-xa on a copy of checklists/examples/cchc-xa.answers.toml, as a table and as JSON (total 75.09:
#     the example pins cchc-xa 2026.2, so the archived checklists/versions/ must be inside);
#   import of that file, then exports DOCX (Word templates), XLSX, and PDF when LibreOffice is installed
#     (INSPECTOR_SMOKE_PDF=0 skips it);
#   the interface in tmux at 80x24 until the home screen lists the imported unit, then Ctrl+Q and exit 0.
# Each step prints "ok" or "FAIL" with its time; exit 0 when all pass. Needs bash, tmux, coreutils.
set -uo pipefail

binary=${1:?usage: packaging/smoke.sh BINARY}
[ -f "$binary" ] || { echo "FAIL: no binary at $binary"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
example="$here/../checklists/examples/cchc-xa.answers.toml"
name=$(basename "$binary")
work=$(mktemp -d "${TMPDIR:-/tmp}/inspector-smoke.XXXXXX")
socket="inspector-smoke-$$"
failures=0

cleanup() {
    tmux -L "$socket" kill-server >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

cp "$binary" "$work/$name" && chmod +x "$work/$name"
cp "$example" "$work/answers.toml"
cd "$work" || exit 2
unset PYTHONPATH PYTHONHOME INSPECTOR_LANG VIRTUAL_ENV
export INSPECTOR_HOME="$work/home" INSPECTOR_SOFFICE="${INSPECTOR_SOFFICE:-}"
[ -n "$INSPECTOR_SOFFICE" ] || unset INSPECTOR_SOFFICE
export PATH="/usr/local/bin:/usr/bin:/bin"  # no virtual environment, no project scripts
export LC_ALL=C.UTF-8 TERM=xterm-256color

now() {  # microseconds
    if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/[.,]/}"; else echo $(($(date +%s%N) / 1000)); fi
}
since() {  # seconds since a now(), as 1.23
    local us=$(($(now) - $1))
    printf '%d.%02d' $((us / 1000000)) $(((us % 1000000) / 10000))
}
# step NAME EXPECTED COMMAND...: runs COMMAND, passes when it exits 0 and its output contains EXPECTED
step() {
    local label=$1 expected=$2; shift 2
    local start output status took
    start=$(now)
    output=$("$@" 2>&1); status=$?
    took=$(since "$start")
    if [ $status -eq 0 ] && grep -qF -- "$expected" <<<"$output"; then
        local line
        line=$(grep -F -m1 -- "$expected" <<<"$output")
        printf 'ok    %-38s %6s s  %s\n' "$label" "$took" "${line:0:70}"
    else
        failures=$((failures + 1))
        printf 'FAIL  %-38s %6s s  exit %s, expected "%s" in (last lines):\n%s\n' "$label" "$took" "$status" "$expected" "$(tail -n 40 <<<"$output")"
    fi
}

echo "binary: $binary ($(du -h "$binary" | cut -f1)), run from $work"
step "--version" "inspector " "./$name" --version
step "--version (again, warm)" "inspector " "./$name" --version
step "checklist list" "van-thu-luu-tru" "./$name" checklist list
step "checklist list: cchc-xa" "cchc-xa" "./$name" checklist list
step "figures maps" "mau-07a" "./$name" figures maps
step "figures maps: from inside the binary" "/_MEI" "./$name" figures maps
step "score cchc-xa answers.toml" "Tổng điểm: 75,09" "./$name" score cchc-xa answers.toml
step "score --json (total 75.09)" '"total": 75.09' "./$name" score cchc-xa answers.toml --json
step "import answers.toml" "An Thạnh" "./$name" import answers.toml
step "list" "An Thạnh" "./$name" list
step "export DOCX (templates)" "bien-ban.docx" "./$name" export 1 --format docx -o bien-ban.docx
step "export XLSX" "so-diem.xlsx" "./$name" export 1 --format xlsx -o so-diem.xlsx
for file in bien-ban.docx so-diem.xlsx; do
    step "$file is a zip (Office file)" "PK" head -c 2 "$file"
done
if [ "${INSPECTOR_SMOKE_PDF:-1}" != 0 ] && { [ -n "${INSPECTOR_SOFFICE:-}" ] || command -v soffice >/dev/null || command -v libreoffice >/dev/null; }; then
    step "export PDF (LibreOffice, pyHanko)" "bien-ban.pdf" "./$name" export 1 --format pdf -o bien-ban.pdf
else
    echo "skip  export PDF: LibreOffice is not installed (or INSPECTOR_SMOKE_PDF=0)"
fi

# The interface: tmux on a private socket, 80x24; the pane keeps the exit status (and any traceback).
start=$(now)
tmux -L "$socket" -f /dev/null new-session -d -x 80 -y 24 \
    "./$name; echo \"INSPECTOR EXITED \$?\"; sleep 120"
screen=""
shown=""
for _ in $(seq 1 300); do  # up to 30 s: the first start unpacks the program
    screen=$(tmux -L "$socket" capture-pane -p 2>/dev/null)
    if grep -qF "Các cuộc kiểm tra" <<<"$screen" && grep -qF "An Thạnh" <<<"$screen"; then
        shown=$(since "$start"); break
    fi
    grep -qF "INSPECTOR EXITED" <<<"$screen" && break
    sleep 0.1
done
if [ -n "$shown" ]; then
    line=$(grep -F -m1 "An Thạnh" <<<"$screen" | sed 's/  */ /g')
    printf 'ok    %-38s %6s s  %s\n' "interface: home screen at 80x24" "$shown" "${line:0:70}"
    tmux -L "$socket" send-keys C-q
    exited=""
    for _ in $(seq 1 100); do
        screen=$(tmux -L "$socket" capture-pane -p 2>/dev/null)
        exited=$(grep -o "INSPECTOR EXITED [0-9]*" <<<"$screen")
        [ -n "$exited" ] && break
        sleep 0.1
    done
    if [ "$exited" = "INSPECTOR EXITED 0" ]; then
        printf 'ok    %-38s\n' "interface: Ctrl+Q quits (exit 0)"
    else
        failures=$((failures + 1))
        printf 'FAIL  interface: Ctrl+Q did not quit cleanly (%s); the pane:\n%s\n' "${exited:-still running}" "$screen"
    fi
else
    failures=$((failures + 1))
    printf 'FAIL  interface: no home screen within 30 s; the pane:\n%s\n' "$screen"
fi

if [ $failures -eq 0 ]; then echo "smoke: all passed"; else echo "smoke: $failures failed"; fi
[ $failures -eq 0 ]
