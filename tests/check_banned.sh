#!/usr/bin/env bash
# check_banned.sh <driver/src>: fails, listing file:line, on any call of a
# function STYLE.md bans: sprintf vsprintf strcpy strcat strncpy strncat
# strtok sscanf atoi atol atof gets alloca. A call is the name as a whole
# word followed by "(" outside comments and string literals. Variable-length
# arrays are left to the compiler (-Wvla, an error in CI: cmake/warnings.cmake).
set -euo pipefail

src=${1:?usage: check_banned.sh <driver/src>}
[ -d "$src" ] || { echo "check_banned: no such directory: $src" >&2; exit 2; }
command -v perl >/dev/null || { echo "check_banned: perl is required" >&2; exit 2; }

banned='sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|sscanf|atoi|atol|atof|gets|alloca'

status=0
found=$(cd "$src" && find . -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z |
    xargs -0 -r perl -e '
        my $banned = shift @ARGV;
        for my $file (@ARGV) {
            open(my $in, "<", $file) or die "$file: $!";
            local $/;
            my $text = <$in>;
            close $in;
            # Blank comments, string and character literals, keeping newlines
            # so that line numbers stay true.
            $text =~ s{
                (/\*.*?\*/) | (//[^\n]*) | ("(?:\\.|[^"\\\n])*") | (\x27(?:\\.|[^\x27\\\n])*\x27)
            }{
                my $m = $&; $m =~ s/[^\n]/ /g; $m
            }gsex;
            my $line = 1;
            for my $row (split /\n/, $text, -1) {
                while ($row =~ /\b($banned)\s*\(/g) {
                    my $call = $1;
                    (my $name = $file) =~ s{^\./}{};
                    print "$name:$line: $call() is banned (STYLE.md, Buffers and strings)\n";
                }
                $line++;
            }
        }' "$banned")
if [ -n "$found" ]; then
    printf '%s\n' "$found"
    echo "check_banned: $(printf '%s\n' "$found" | wc -l) call(s) of banned functions"
    status=1
else
    echo "check_banned: no banned function is called in $src"
fi
exit $status
