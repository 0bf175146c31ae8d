#!/usr/bin/env bash
# check_includes.sh <driver/src>: enforces STYLE.md's dependency table on
# #include lines. Each module (a folder of driver/src) may include its own
# headers and those of the modules the table lists; third-party headers are
# confined too: OpenSSL to net/tls_openssl.c and util/crypto.c, the ODBC
# headers (sql.h, sqlext.h, sqltypes.h, sqlucode.h) to odbc/ types/
# catalog/, odbcinst.h to connstr/ and odbc/. Prints file:line for every
# edge the table does not allow and exits 1 when there is any.
set -euo pipefail

src=${1:?usage: check_includes.sh <driver/src>}
[ -d "$src" ] || { echo "check_includes: no such directory: $src" >&2; exit 2; }
src=$(cd "$src" && pwd)

# module → modules it may include (besides itself).
allowed_modules() {
    case "$1" in
        odbc) echo "connstr params catalog types wire util" ;;
        connstr) echo "params util" ;;
        catalog) echo "util" ;;
        types) echo "util" ;;
        wire) echo "net params util" ;;
        net) echo "util" ;;
        params) echo "util" ;;
        util) echo "" ;;
        *) return 1 ;;
    esac
}

failures=0
checked=0
fail() {
    printf '%s\n' "$*"
    failures=$((failures + 1))
}

in_list() {
    local word=$1
    shift
    local item
    for item in "$@"; do
        [ "$item" = "$word" ] && return 0
    done
    return 1
}

while IFS= read -r -d '' file; do
    relative=${file#"$src"/}
    case "$relative" in
        */*) module=${relative%%/*} ;;
        *) fail "$relative: a source file outside any module folder"; continue ;;
    esac
    if ! allowed=$(allowed_modules "$module"); then
        fail "$relative: module '$module' is not in STYLE.md's dependency table"
        continue
    fi
    checked=$((checked + 1))
    # "line-number:kind:target" for each #include (quoted or angle).
    while IFS= read -r entry; do
        line=${entry%%:*}
        rest=${entry#*:}
        kind=${rest%%:*}
        target=${rest#*:}
        where="$relative:$line"
        if [ "$kind" = quote ]; then
            path=$target
            while :; do
                case "$path" in
                    ./*) path=${path#./} ;;
                    ../*) path=${path#../} ;;
                    *) break ;;
                esac
            done
            case "$path" in
                */*) to=${path%%/*} ;;
                *) to=$module ;; # a header beside the file
            esac
            if [ "$to" != "$module" ] && ! in_list "$to" $allowed; then
                fail "$where: $module/ may not include \"$target\" (allowed: ${allowed:-nothing but util/ itself})"
            fi
            # Inside odbc/ the layers point one way too: a statement uses its
            # connection; the connection, environment, handles and
            # diagnostics never include a statement's header.
            if [ "$module" = odbc ] && [ "$to" = odbc ]; then
                base=${relative#odbc/}
                case "$base" in
                    dbc*.c | dbc*.h | env.* | handle.* | diag.*)
                        case "${path##*/}" in
                            stmt*.h) fail "$where: $base may not include \"$target\": a connection reaches statements only through struct odbc_dbc_member (dbc.h)" ;;
                        esac
                        ;;
                esac
            fi
        else
            case "$target" in
                openssl/*)
                    case "$relative" in
                        net/tls_openssl.c | util/crypto.c) ;;
                        *) fail "$where: <$target>: OpenSSL headers belong in net/tls_openssl.c and util/crypto.c only" ;;
                    esac
                    ;;
                sql.h | sqlext.h | sqltypes.h | sqlucode.h)
                    case "$module" in
                        odbc | types | catalog) ;;
                        *) fail "$where: <$target>: ODBC headers belong in odbc/, types/ and catalog/ only" ;;
                    esac
                    ;;
                odbcinst.h | odbcinstext.h)
                    case "$module" in
                        connstr | odbc) ;;
                        *) fail "$where: <$target>: odbcinst headers belong in connstr/ and odbc/ only" ;;
                    esac
                    ;;
            esac
        fi
    done < <(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$file" |
        sed -E -e 's/^([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1:quote:\2/' \
               -e 's/^([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*<([^>]+)>.*/\1:angle:\2/')
done < <(find "$src" -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)

if [ $failures -gt 0 ]; then
    echo "check_includes: $failures include edge(s) break STYLE.md's dependency table"
    exit 1
fi
echo "check_includes: $checked files follow the dependency table"
