#!/usr/bin/env bash
# lib.sh: shared helpers for the Flink checkpoint/savepoint scripts in this directory.
#
# Sourced, never run. Provides:
#   - logging (INFO/WARN/STEP/PASS/FAIL/REFUSED lines on stderr; results on stdout),
#   - exit codes shared by every script,
#   - flag/env/default resolution for the S3 endpoint, bucket, prefix and timeouts, and the
#     state location by the rule the job and the replay tool share (resolve_state_location),
#   - an `aws` wrapper with explicit timeouts whose error text never shows credentials,
#   - snapshot/compare/upload helpers that hash objects locally (sha256 of the bytes),
#   - the manifest contract shared with the replay tool.
# Everything that talks to S3 goes through s3_cli so that timeouts and redaction always apply.

# Constants and globals below are used by the scripts that source this file.
# shellcheck disable=SC2034

# Exit codes (documented in docs/checkpoint-scripts.md; tests assert them).
readonly EXIT_OK=0
readonly EXIT_ERROR=1          # unexpected failure: S3 unreachable, timeout, tool error
readonly EXIT_USAGE=2          # bad or missing flags
readonly EXIT_REFUSED=3        # a safety check refused to act; nothing was changed
readonly EXIT_VERIFY_FAILED=4  # a copy or a backup does not match what it must match
readonly EXIT_SOURCE_CHANGED=5 # verify-backup only: backup intact, live state differs from it

# Defaults: the TA job's production state location (flinkdeployment/s3.yaml, checkpointing.yaml).
readonly DEFAULT_ENDPOINT="http://rook-ceph-rgw-objectstore.rook-ceph.svc:80"
readonly DEFAULT_BUCKET="flink-checkpoints"
readonly DEFAULT_PREFIX="torghut/technical-analysis"
readonly DEFAULT_AWS_TIMEOUT=300
readonly EMPTY_SHA256="e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
readonly WIPE_CONFIRM_TOKEN="REPLAY_FROM_SCRATCH"

SCRIPT_NAME="$(basename "$0")"
WORK_DIR=""
OWN_WORK_DIR=false

ts() { date -u +%Y-%m-%dT%H:%M:%SZ; }
log() { printf '%s %s %s\n' "$(ts)" "$SCRIPT_NAME" "$*" >&2; }
info() { log "INFO: $*"; }
warn() { log "WARN: $*"; }
step() { log "STEP $1: $2"; }
pass() { log "PASS: $*"; }
fail() { log "FAIL: $*"; }
refused() { log "REFUSED: $*"; }

# die CODE MESSAGE: print a FAIL/REFUSED line that says what is wrong and exit with CODE.
die() {
  local code="$1"
  shift
  case "$code" in
    "$EXIT_REFUSED") refused "$*" ;;
    "$EXIT_USAGE") log "USAGE ERROR: $*"; log "Run '$SCRIPT_NAME --help' for the flags." ;;
    *) fail "$*" ;;
  esac
  exit "$code"
}

# Cleanup trap: remove the work dir we created (never a caller-supplied one).
cleanup() {
  local rc=$?
  if [[ "$OWN_WORK_DIR" == true && -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
    rm -rf -- "$WORK_DIR"
  fi
  if [[ -n "${AWS_CONFIG_FILE_OWNED:-}" && -f "$AWS_CONFIG_FILE_OWNED" ]]; then
    rm -f -- "$AWS_CONFIG_FILE_OWNED"
  fi
  exit "$rc"
}
on_signal() {
  fail "interrupted by $1; no further changes are made (check the output above for what was done)"
  exit "$EXIT_ERROR"
}
# on_error LINE COMMAND: any command failing outside a check (set -e) ends the run with exit 1
# and names the command, instead of leaking a tool's own exit code.
on_error() {
  local rc=$?
  trap - ERR
  fail "unexpected error (exit $rc) at line $1: $2; see the messages above"
  exit "$EXIT_ERROR"
}
install_traps() {
  set -E # let the ERR trap fire inside functions too
  trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR
  trap cleanup EXIT
  trap 'on_signal INT' INT
  trap 'on_signal TERM' TERM
}

# Common flags. Each script calls parse_common_flag in its own flag loop; it returns 1 when the
# flag is not a common one so the script can handle it.
ENDPOINT="${CKPT_S3_ENDPOINT:-$DEFAULT_ENDPOINT}"
BUCKET="${CKPT_BUCKET:-$DEFAULT_BUCKET}"
PREFIX="${CKPT_PREFIX:-$DEFAULT_PREFIX}"
# Whether the location was asked for (flag or CKPT_*), so it can be checked against the job's.
BUCKET_GIVEN=false
PREFIX_GIVEN=false
[[ -n "${CKPT_BUCKET:-}" ]] && BUCKET_GIVEN=true
[[ -n "${CKPT_PREFIX:-}" ]] && PREFIX_GIVEN=true
AWS_TIMEOUT="${CKPT_AWS_TIMEOUT:-$DEFAULT_AWS_TIMEOUT}"
REQUESTED_WORK_DIR="${CKPT_WORK_DIR:-}"
REPLAY_ID=""
SHIFT_BY=0

# need_value FLAG VALUE: fail with a usage error when a flag lacks its value.
need_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then
    die "$EXIT_USAGE" "$1 needs a value"
  fi
}

parse_common_flag() {
  SHIFT_BY=2
  case "$1" in
    --endpoint) need_value "$@"; ENDPOINT="$2" ;;
    --bucket) need_value "$@"; BUCKET="$2"; BUCKET_GIVEN=true ;;
    --prefix) need_value "$@"; PREFIX="$2"; PREFIX_GIVEN=true ;;
    --timeout) need_value "$@"; AWS_TIMEOUT="$2" ;;
    --work-dir) need_value "$@"; REQUESTED_WORK_DIR="$2" ;;
    --replay-id) need_value "$@"; REPLAY_ID="$2" ;;
    *) SHIFT_BY=0; return 1 ;;
  esac
  return 0
}

common_flags_help() {
  cat <<HELP
Common flags (flag > environment variable > default):
  --endpoint URL     S3 endpoint            (\$CKPT_S3_ENDPOINT, default $DEFAULT_ENDPOINT)
  --bucket NAME      bucket                 (\$CKPT_BUCKET, default $DEFAULT_BUCKET)
  --prefix PATH      job state prefix, the parent of checkpoints/ and savepoints/
                                            (\$CKPT_PREFIX, default $DEFAULT_PREFIX)
Without --bucket/--prefix or CKPT_*, the job's TA_CHECKPOINT_DIR=s3a://<bucket>/<prefix> from the
environment (as in the TA pods) gives them: it is the state prefix. Given both and they differ, or
TA_SAVEPOINT_DIR is not <prefix>/savepoints: refused (docs/runbook-replay.md, State directories).
  --timeout SECONDS  limit for each aws call (\$CKPT_AWS_TIMEOUT, default $DEFAULT_AWS_TIMEOUT)
  --work-dir DIR     local scratch space, needs 2x the state size (\$CKPT_WORK_DIR,
                     default: a new temp dir, removed on exit)
Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment; never printed.
Exit codes: 0 ok, 1 error, 2 usage, 3 refused (nothing changed), 4 verification failed,
            5 (verify-backup) backup intact but live state differs from it.
HELP
}

# require_confirmation CONFIRM TICKET: the gate in front of every destructive action. The token
# must be typed exactly and a ticket id must name the approval; otherwise REFUSED, nothing done.
require_confirmation() {
  local confirm="$1" ticket="$2"
  [[ "$confirm" == "$WIPE_CONFIRM_TOKEN" ]] \
    || die "$EXIT_REFUSED" "--execute needs --confirm $WIPE_CONFIRM_TOKEN (got" \
      "'${confirm:-nothing}'). Nothing was deleted"
  [[ -n "$ticket" ]] \
    || die "$EXIT_REFUSED" "--execute needs --ticket <ticket or incident id>. Nothing was deleted"
  [[ "$ticket" =~ ^[A-Za-z0-9][A-Za-z0-9._/#:-]{0,63}$ ]] \
    || die "$EXIT_REFUSED" "--ticket '$ticket' must be letters, digits and . _ / # : -" \
      "(max 64). Nothing was deleted"
}

# validate_config: checks tools, credentials and the shape of endpoint/bucket/prefix/replay id.
# A prefix that points inside the state tree (…/checkpoints, …/savepoints, …/backup/…) or at
# the bucket root is refused: one wrong path there would back up or wipe the wrong thing.
validate_config() {
  local tool
  for tool in aws jq sha256sum timeout find xargs; do
    command -v "$tool" >/dev/null 2>&1 || die "$EXIT_ERROR" "required tool '$tool' is not installed"
  done
  [[ -n "${AWS_ACCESS_KEY_ID:-}" ]] \
    || die "$EXIT_USAGE" "AWS_ACCESS_KEY_ID is not set; export the bucket's credentials first"
  [[ -n "${AWS_SECRET_ACCESS_KEY:-}" ]] \
    || die "$EXIT_USAGE" "AWS_SECRET_ACCESS_KEY is not set; export the bucket's credentials first"
  [[ "$AWS_TIMEOUT" =~ ^[1-9][0-9]*$ ]] \
    || die "$EXIT_USAGE" "--timeout must be a positive number of seconds, got '$AWS_TIMEOUT'"
  [[ "$ENDPOINT" =~ ^https?://[^/[:space:]]+/?$ ]] \
    || die "$EXIT_USAGE" "--endpoint must look like http(s)://host[:port], got '$ENDPOINT'"
  [[ "$BUCKET" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] \
    || die "$EXIT_USAGE" "--bucket '$BUCKET' is not a valid bucket name"
  resolve_state_location
  validate_prefix "$PREFIX"
  if [[ -n "$REPLAY_ID" ]]; then
    [[ "$REPLAY_ID" =~ ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$ ]] \
      || die "$EXIT_USAGE" "--replay-id '$REPLAY_ID' may only use letters, digits and . _ : -" \
        "(example: 2026-02-09T0315Z-INC1234)"
  fi
  export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
  setup_aws_config
  setup_work_dir
}

# resolve_state_location: the bucket and prefix by the state-directory rule the job and the replay
# tool share: TA_CHECKPOINT_DIR (the job's ConfigMap) is the state prefix, the parent of
# checkpoints/ and savepoints/, and TA_SAVEPOINT_DIR is <prefix>/savepoints. A location asked for
# with --bucket/--prefix or CKPT_* must be that one: acting on another prefix than the job writes
# to would back up, wipe or restore the wrong state. Refuses rather than picking one.
resolve_state_location() {
  PREFIX="${PREFIX#/}"
  PREFIX="${PREFIX%/}"
  local ta_dir="${TA_CHECKPOINT_DIR:-}"
  if [[ -n "$ta_dir" ]]; then
    [[ "$ta_dir" =~ ^s3a?://([^/]+)/+(.*[^/])/*$ ]] \
      || die "$EXIT_USAGE" "TA_CHECKPOINT_DIR '$ta_dir' is not s3a://<bucket>/<prefix> (the" \
        "job's state prefix, the parent of checkpoints/ and savepoints/)"
    local ta_bucket="${BASH_REMATCH[1]}" ta_prefix="${BASH_REMATCH[2]}"
    if [[ "$BUCKET_GIVEN" == true && "$BUCKET" != "$ta_bucket" ]] \
      || [[ "$PREFIX_GIVEN" == true && "$PREFIX" != "$ta_prefix" ]]; then
      die "$EXIT_REFUSED" "the state location disagrees: --bucket/--prefix (or CKPT_BUCKET/" \
        "CKPT_PREFIX) say s3://$BUCKET/$PREFIX, but the job's TA_CHECKPOINT_DIR is $ta_dir, the" \
        "prefix it writes checkpoints under (<TA_CHECKPOINT_DIR>/checkpoints). Give one of them," \
        "or make them agree. Nothing was done"
    fi
    BUCKET="$ta_bucket"
    PREFIX="$ta_prefix"
  fi
  local sp="${TA_SAVEPOINT_DIR:-}"
  if [[ -n "$sp" ]]; then
    sp="${sp%/}"
    [[ "${sp/#s3a:\/\//s3://}" == "s3://$BUCKET/$PREFIX/savepoints" ]] \
      || die "$EXIT_REFUSED" "TA_SAVEPOINT_DIR is $sp, not s3a://$BUCKET/$PREFIX/savepoints: these" \
        "scripts back up, wipe and restore only <prefix>/checkpoints and <prefix>/savepoints," \
        "so the job's savepoints would be left out. Nothing was done"
  fi
}

validate_prefix() {
  local prefix="$1" segment
  [[ -n "$prefix" ]] \
    || die "$EXIT_REFUSED" "prefix is empty (bucket root); pass the job prefix," \
      "e.g. $DEFAULT_PREFIX"
  [[ "$prefix" =~ ^[A-Za-z0-9._/-]+$ ]] \
    || die "$EXIT_REFUSED" "prefix '$prefix' has characters other than letters, digits and . _ - /"
  IFS='/' read -r -a segments <<<"$prefix"
  for segment in "${segments[@]}"; do
    case "$segment" in
      "" | "." | "..")
        die "$EXIT_REFUSED" "prefix '$prefix' has an empty, '.' or '..' path segment" ;;
      checkpoints | savepoints | backup)
        die "$EXIT_REFUSED" "prefix '$prefix' points inside a state tree (segment '$segment');" \
          "pass the job prefix that contains checkpoints/ and savepoints/, e.g. $DEFAULT_PREFIX" ;;
    esac
  done
}

# Path-style addressing (Ceph RGW and s3proxy are addressed by path) and no new-style CRC
# checksum headers (older RGW rejects them), in a private config file: credentials still come
# from the environment only.
setup_aws_config() {
  AWS_CONFIG_FILE_OWNED="$(mktemp "${TMPDIR:-/tmp}/ckpt-aws-config.XXXXXX")"
  cat >"$AWS_CONFIG_FILE_OWNED" <<'CFG'
[default]
s3 =
  addressing_style = path
request_checksum_calculation = when_required
response_checksum_validation = when_required
CFG
  export AWS_CONFIG_FILE="$AWS_CONFIG_FILE_OWNED"
  # aws v2 pipes output through a pager unless told not to; scripts must never wait on one.
  export AWS_PAGER=""
  # A shared credentials file or profile could silently override the environment; ignore them.
  export AWS_SHARED_CREDENTIALS_FILE=/dev/null
  unset AWS_PROFILE AWS_DEFAULT_PROFILE
}

setup_work_dir() {
  if [[ -n "$REQUESTED_WORK_DIR" ]]; then
    mkdir -p -- "$REQUESTED_WORK_DIR"
    WORK_DIR="$(mktemp -d "$REQUESTED_WORK_DIR/ckpt.XXXXXX")"
  else
    WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ckpt.XXXXXX")"
  fi
  OWN_WORK_DIR=true
}

# redact: replace the credential values in a stream, in case a tool ever echoes them.
redact() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -n "${AWS_SECRET_ACCESS_KEY:-}" ]] && line="${line//"$AWS_SECRET_ACCESS_KEY"/***}"
    [[ -n "${AWS_ACCESS_KEY_ID:-}" ]] && line="${line//"$AWS_ACCESS_KEY_ID"/***}"
    [[ -n "${AWS_SESSION_TOKEN:-}" ]] && line="${line//"$AWS_SESSION_TOKEN"/***}"
    printf '%s\n' "$line"
  done
}

# s3_cli ARGS...: aws with the endpoint and a hard timeout; stderr is redacted and shown on
# failure. Returns aws's exit code (124 on timeout).
s3_cli() {
  local err rc=0
  err="$(mktemp "$WORK_DIR/aws-err.XXXXXX")"
  timeout --kill-after=10 "$AWS_TIMEOUT" aws --endpoint-url "$ENDPOINT" "$@" 2>"$err" || rc=$?
  if [[ $rc -ne 0 ]]; then
    if [[ $rc -eq 124 ]]; then
      warn "aws $1 $2 timed out after ${AWS_TIMEOUT}s (endpoint $ENDPOINT)"
    fi
    redact <"$err" | sed 's/^/  aws: /' >&2
  fi
  rm -f -- "$err"
  return "$rc"
}

state_uri() { printf 's3://%s/%s' "$BUCKET" "$PREFIX"; }
backup_rel() { printf 'backup/%s' "$REPLAY_ID"; }
manifest_key() { printf '%s/backup/%s/manifest.json' "$PREFIX" "$REPLAY_ID"; }

# list_objects REL_BASE OUT: list every object under <prefix>/<REL_BASE>{checkpoints,savepoints}/
# into OUT as a JSON array of {key (relative to <prefix>/<REL_BASE>), size, lastModified}.
list_objects() {
  local base="$1" out="$2" raw full
  full="$PREFIX/${base:+$base/}"
  raw="$WORK_DIR/list-raw.json"
  # One listing of the whole base, filtered locally: every aws call costs a process start.
  s3_cli s3api list-objects-v2 --bucket "$BUCKET" --prefix "$full" --output json \
    --query 'Contents[].{key:Key,size:Size,lastModified:LastModified}' >"$raw" \
    || die "$EXIT_ERROR" "could not list s3://$BUCKET/$full (endpoint $ENDPOINT)"
  jq --arg strip "$full" '(. // []) | map(.key |= ltrimstr($strip))
    | map(select(.key | startswith("checkpoints/") or startswith("savepoints/")))
    | sort_by(.key)' "$raw" >"$out"
}

# exists_under REL: true if any object exists under <prefix>/<REL>/.
exists_under() {
  local raw="$WORK_DIR/exists.json"
  s3_cli s3api list-objects-v2 --bucket "$BUCKET" --prefix "$PREFIX/$1/" --max-items 1 \
    --output json --query 'Contents[].Key' >"$raw" \
    || die "$EXIT_ERROR" "could not list s3://$BUCKET/$PREFIX/$1/ (endpoint $ENDPOINT)"
  [[ "$(jq 'length? // 0' "$raw")" -gt 0 ]]
}

# snapshot REL_BASE DEST OUT: download the state tree under <prefix>/<REL_BASE> into DEST and
# write OUT: [{key,size,sha256}] sorted by key, hashing the downloaded bytes. Directory-marker
# objects (keys ending in '/', written by Hadoop s3a) are kept with size 0 and the empty hash.
snapshot() {
  local base="$1" dest="$2" out="$3" listing full sizes sums
  full="$PREFIX/${base:+$base/}"
  listing="$dest.listing.json"
  mkdir -p -- "$dest"
  list_objects "$base" "$listing"
  if jq -e 'any(.[]; .key | endswith("/") | not)' "$listing" >/dev/null; then
    s3_cli s3 cp --recursive --only-show-errors --exclude '*' \
      --include 'checkpoints/*' --include 'savepoints/*' "s3://$BUCKET/$full" "$dest/" \
      || die "$EXIT_ERROR" "could not download s3://$BUCKET/$full{checkpoints,savepoints}/"
  fi
  sizes="$dest.sizes"
  sums="$dest.sums"
  (cd "$dest" && find . -type f -printf '%P\t%s\n') >"$sizes"
  (cd "$dest" && find . -type f -printf '%P\0' | xargs -0 -r sha256sum) >"$sums"
  jq --rawfile sizes "$sizes" --rawfile sums "$sums" --arg empty "$EMPTY_SHA256" '
    ($sizes | split("\n") | map(select(length > 0) | split("\t") | {(.[0]): (.[1] | tonumber)})
      | add // {}) as $sz
    | ($sums | split("\n") | map(select(length > 0) | {(.[66:]): .[0:64]}) | add // {}) as $hs
    | map(if (.key | endswith("/"))
          then {key, size, sha256: $empty, localSize: 0}
          else {key, size, sha256: $hs[.key], localSize: $sz[.key]} end)' \
    "$listing" >"$out.raw"
  local bad
  bad="$(jq -r '.[] | select(.sha256 == null or .localSize != .size)
    | "\(.key) (listed \(.size) bytes, downloaded \(.localSize // "nothing"))"' "$out.raw")"
  if [[ -n "$bad" ]]; then
    fail "download of s3://$BUCKET/$full does not match its listing (changing while read?):"
    printf '  %s\n' "$bad" >&2
    exit "$EXIT_VERIFY_FAILED"
  fi
  jq 'map({key, size, sha256}) | sort_by(.key)' "$out.raw" >"$out"
  rm -f -- "$out.raw"
}

# compare_objects EXPECTED ACTUAL: print one line per difference; return 0 if identical.
compare_objects() {
  local diffs
  diffs="$(jq -r -n --slurpfile e "$1" --slurpfile a "$2" '
    ($e[0] | map({(.key): .}) | add // {}) as $E
    | ($a[0] | map({(.key): .}) | add // {}) as $A
    | ([$E | keys[] | select($A[.] == null) | "MISSING \(.)"]
       + [$A | keys[] | select($E[.] == null) | "EXTRA   \(.)"]
       + [$E | keys[] | select($A[.] != null and
            ($A[.].size != $E[.].size or $A[.].sha256 != $E[.].sha256))
          | "CHANGED \(.) (expected \($E[.].size) bytes sha256 \($E[.].sha256[0:16]),"
            + " found \($A[.].size) bytes sha256 \($A[.].sha256[0:16]))"])[]')"
  if [[ -n "$diffs" ]]; then
    printf '  %s\n' "$diffs" | head -n 50 >&2
    local n
    n="$(printf '%s\n' "$diffs" | wc -l)"
    [[ "$n" -gt 50 ]] && log "  ... and $((n - 50)) more differences"
    return 1
  fi
  return 0
}

# totals OBJECTS_JSON: "<count> objects, <bytes> bytes".
totals() { jq -r '"\(length) objects, \(map(.size) | add // 0) bytes"' "$1"; }

# upload SRC_DIR OBJECTS_JSON REL_BASE: copy the listed objects from SRC_DIR to
# <prefix>/<REL_BASE>/, recreating directory markers.
upload() {
  local src="$1" objects="$2" base="$3" full key
  full="$PREFIX/${base:+$base/}"
  if [[ -n "$(find "$src" -type f -print -quit)" ]]; then
    s3_cli s3 cp --recursive --only-show-errors --exclude '*' \
      --include 'checkpoints/*' --include 'savepoints/*' "$src/" "s3://$BUCKET/$full" \
      || die "$EXIT_ERROR" "could not upload to s3://$BUCKET/$full"
  fi
  while IFS= read -r key; do
    s3_cli s3api put-object --bucket "$BUCKET" --key "$full$key" --output json >/dev/null \
      || die "$EXIT_ERROR" "could not create directory marker s3://$BUCKET/$full$key"
  done < <(jq -r '.[] | select(.key | endswith("/")) | .key' "$objects")
}

# fetch_manifest OUT: download backup/<id>/manifest.json; return 1 if it does not exist.
fetch_manifest() {
  local out="$1" err rc=0
  err="$(mktemp "$WORK_DIR/aws-err.XXXXXX")"
  # One call: a 404 means "no manifest", any other failure is an error.
  timeout --kill-after=10 "$AWS_TIMEOUT" aws --endpoint-url "$ENDPOINT" s3 cp --only-show-errors \
    "s3://$BUCKET/$(manifest_key)" "$out" 2>"$err" || rc=$?
  if [[ $rc -ne 0 ]]; then
    if grep -qE '\(404\)|Not Found|NoSuchKey|does not exist' "$err"; then
      rm -f -- "$err" "$out"
      return 1
    fi
    redact <"$err" | sed 's/^/  aws: /' >&2
    rm -f -- "$err"
    die "$EXIT_ERROR" "could not download s3://$BUCKET/$(manifest_key) (exit $rc)"
  fi
  rm -f -- "$err"
  jq -e 'type == "object" and (.objects | type == "array")' "$out" >/dev/null 2>&1 \
    || die "$EXIT_VERIFY_FAILED" "s3://$BUCKET/$(manifest_key) is not a valid manifest"
}

# check_manifest MANIFEST: the manifest must be for this prefix and replay id, verified, and
# internally consistent (totals). Exits REFUSED with the reason otherwise.
check_manifest() {
  local m="$1" src rid verified
  src="$(jq -r '.sourcePrefix // ""' "$m")"
  rid="$(jq -r '.replayId // ""' "$m")"
  verified="$(jq -r '.verified' "$m")"
  [[ "$rid" == "$REPLAY_ID" ]] \
    || die "$EXIT_REFUSED" "manifest replayId is '$rid', not '$REPLAY_ID'"
  [[ "$src" == "$(state_uri)" ]] \
    || die "$EXIT_REFUSED" "backup $REPLAY_ID was taken from '$src', not from '$(state_uri)';" \
      "wrong --prefix/--bucket? Only the prefix that was backed up may be restored or wiped"
  [[ "$verified" == "true" ]] \
    || die "$EXIT_REFUSED" "manifest of backup $REPLAY_ID says verified=$verified; the backup" \
      "was never verified. Take a new backup with a new --replay-id"
  jq -e '.totals.objects == (.objects | length)
    and .totals.bytes == (.objects | map(.size) | add // 0)' "$m" >/dev/null \
    || die "$EXIT_REFUSED" "manifest of backup $REPLAY_ID is inconsistent (totals do not match" \
      "its object list); it was edited or truncated"
  jq '.objects | map({key, size, sha256}) | sort_by(.key)' "$m" >"$WORK_DIR/manifest-objects.json"
}

# latest_checkpoint OBJECTS_JSON [BY]: newest completed checkpoint (a chk-N with _metadata).
# BY=time orders by the _metadata LastModified (live listings), else by checkpoint number
# (copies, whose LastModified is the copy time). Prints "<job-id>/chk-N" or nothing.
latest_checkpoint() {
  jq -r --arg by "${2:-number}" '
    [.[] | select(.key | test("^checkpoints/[^/]+/chk-[0-9]+/_metadata$"))
      | {dir: (.key | sub("^checkpoints/"; "") | sub("/_metadata$"; "")),
         n: (.key | capture("chk-(?<n>[0-9]+)/").n | tonumber),
         t: (.lastModified // "")}]
    | if $by == "time" then sort_by(.t, .n) else sort_by(.n, .t) end
    | last | .dir // empty' "$1"
}

# latest_savepoint OBJECTS_JSON: newest savepoint directory with _metadata, by time then name.
latest_savepoint() {
  jq -r '[.[] | select(.key | test("^savepoints/[^/]+/_metadata$"))
    | {dir: (.key | sub("^savepoints/"; "") | sub("/_metadata$"; "")), t: (.lastModified // "")}]
    | sort_by(.t, .dir) | last | .dir // empty' "$1"
}

flink_uri() { printf 's3a://%s/%s/%s' "$BUCKET" "$PREFIX" "$1"; }

# backup_matches_manifest: download backup/<id>/{checkpoints,savepoints} and compare every
# object with the manifest's list (check_manifest must have run). Prints differences.
backup_matches_manifest() {
  snapshot "$(backup_rel)" "$WORK_DIR/backup" "$WORK_DIR/backup-objects.json"
  compare_objects "$WORK_DIR/manifest-objects.json" "$WORK_DIR/backup-objects.json"
}

# source_matches_manifest: download the live state and compare it with the manifest's list.
source_matches_manifest() {
  snapshot "" "$WORK_DIR/source" "$WORK_DIR/source-objects.json"
  compare_objects "$WORK_DIR/manifest-objects.json" "$WORK_DIR/source-objects.json"
}
