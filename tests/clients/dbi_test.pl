#!/usr/bin/perl
# pgodbc from Perl DBI with DBD::ODBC (Debian libdbd-odbc-perl), used the way
# its users use it: connect by DSN and by connection string, placeholders,
# prepared statements executed many times, bind_param with SQL types,
# transactions (begin_work, AutoCommit => 0), errors with RaiseError and
# $h->state, do()'s row counts, statement metadata, RETURNING, NULL as undef.
#
# Runs against the harness server (tests/harness): PGO_HARNESS_ENV names its
# env file (KEY='value' lines); ODBCSYSINI from it points unixODBC at the
# private odbcinst.ini/odbc.ini where the driver is [pgodbc] and the DSN
# [pgo_test] (role pgo_scram) exists. Tables are made by pgo_trust, which owns
# the database, and are named clients_dbi_*.
#
#     PGO_HARNESS_ENV=<build>/pg-harness/env perl dbi_test.pl
#
# DBD::ODBC reads ":word" as a named placeholder, so casts are written
# CAST(? AS int), never ?::int.
use strict;
use warnings;
use utf8;

use DBI qw(:sql_types);
use Encode qw(decode encode);
use Test::More;

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my %env = read_harness_env();
$ENV{ODBCSYSINI} = $env{ODBCSYSINI};

sub read_harness_env {
    my $path = $ENV{PGO_HARNESS_ENV}
        or BAIL_OUT('PGO_HARNESS_ENV is not set: point it at <build>/pg-harness/env');
    open(my $fh, '<:encoding(UTF-8)', $path) or BAIL_OUT("cannot read $path: $!");
    my %values;
    while (my $line = <$fh>) {
        chomp $line;
        $values{$1} = $2 if $line =~ /^([A-Z_][A-Z0-9_]*)='(.*)'$/;
    }
    close $fh;
    for my $key (qw(ODBCSYSINI PGO_HOST PGO_PORT PGO_PASSWORD PGO_DATABASE)) {
        BAIL_OUT("$path has no $key") unless defined $values{$key};
    }
    return %values;
}

sub server_string {
    return "DRIVER={pgodbc};Server=$env{PGO_HOST};Port=$env{PGO_PORT};Database=$env{PGO_DATABASE}";
}

# A DSN-less connection as the database's owner (the suite's work connection).
sub owner_connect {
    my (%attributes) = @_;
    return DBI->connect('dbi:ODBC:' . server_string() . ';UID=pgo_trust', '', '',
                        { RaiseError => 1, PrintError => 0, AutoCommit => 1, %attributes });
}

sub count_rows {
    my ($dbh, $table) = @_;
    my ($count) = $dbh->selectrow_array("SELECT count(*) FROM $table");
    return $count;
}

my $password = $env{PGO_PASSWORD};
my $dbh = owner_connect();
my @tables;

# Debian builds DBD::ODBC without its unicode option (odbc_has_unicode is
# false): it then passes and returns bytes, and its users encode parameters
# and decode results as UTF-8 themselves (the server's client_encoding).
# With the option, it returns characters for columns the driver describes as
# SQL_WCHAR/SQL_WVARCHAR/SQL_WLONGVARCHAR. Both cases read the same text.
my $has_unicode = $dbh->{odbc_has_unicode};
sub to_driver { my ($text) = @_; return $has_unicode ? $text : encode('UTF-8', $text); }
sub from_driver {
    my ($value) = @_;
    return $value if !defined $value || $has_unicode;
    return decode('UTF-8', $value, Encode::FB_CROAK);
}

sub fresh_table {
    my ($name, $columns) = @_;
    my $table = "clients_dbi_$name";
    $dbh->do("DROP TABLE IF EXISTS $table");
    $dbh->do("CREATE TABLE $table ($columns)");
    push @tables, $table;
    return $table;
}

subtest 'connect by DSN name (SQLConnect) uses the DSN user' => sub {
    my $c = DBI->connect('dbi:ODBC:pgo_test', '', '', { RaiseError => 0, PrintError => 0 });
    ok($c, 'connected') or diag($DBI::errstr);
    return unless $c;
    is_deeply([$c->selectrow_array('SELECT current_user, current_database()')],
              ['pgo_scram', $env{PGO_DATABASE}], 'current_user and database');
    ok($c->{AutoCommit}, 'AutoCommit is on by default');
    $c->disconnect;
};

subtest 'connect with DSN= and user and password as DBI arguments' => sub {
    my $c = DBI->connect('dbi:ODBC:DSN=pgo_test', 'pgo_scram', $password,
                         { RaiseError => 0, PrintError => 0 });
    ok($c, 'connected') or diag($DBI::errstr);
    return unless $c;
    is(($c->selectrow_array('SELECT current_user'))[0], 'pgo_scram', 'current_user');
    $c->disconnect;
};

subtest 'connect with DSN= and empty user and password takes both from the DSN' => sub {
    # DBD::ODBC appends ";UID=;PWD=" to the string it passes to
    # SQLDriverConnect; an empty value is "not given", so the DSN's apply.
    my $c = DBI->connect('dbi:ODBC:DSN=pgo_test', '', '', { RaiseError => 0, PrintError => 0 });
    ok($c, 'connected') or diag($DBI::errstr);
    return unless $c;
    is(($c->selectrow_array('SELECT current_user'))[0], 'pgo_scram', 'current_user');
    $c->disconnect;
};

subtest 'connect DSN-less with the password in the string and as an argument' => sub {
    my $in_string = DBI->connect('dbi:ODBC:' . server_string() . ";UID=pgo_scram;PWD=$password",
                                 undef, undef, { RaiseError => 0, PrintError => 0 });
    ok($in_string, 'UID and PWD in the string') or diag($DBI::errstr);
    is(($in_string->selectrow_array('SELECT current_user'))[0], 'pgo_scram', 'current_user')
        if $in_string;
    my $as_arguments = DBI->connect('dbi:ODBC:' . server_string(), 'pgo_scram', $password,
                                    { RaiseError => 0, PrintError => 0 });
    ok($as_arguments, 'user and password as arguments') or diag($DBI::errstr);
    is(($as_arguments->selectrow_array('SELECT current_user'))[0], 'pgo_scram', 'current_user')
        if $as_arguments;
    my $wrong = DBI->connect('dbi:ODBC:' . server_string(), 'pgo_scram', 'not-the-password',
                             { RaiseError => 0, PrintError => 0 });
    ok(!$wrong, 'a wrong password is refused');
    is($DBI::state, '28P01', 'with SQLSTATE 28P01') or diag($DBI::errstr);
    $_->disconnect for grep { defined } $in_string, $as_arguments;
};

subtest 'selectrow_array with placeholders' => sub {
    is_deeply([$dbh->selectrow_array('SELECT CAST(? AS int) + 1', undef, 41)], [42], 'int');
    my @text = map { from_driver($_) }
        $dbh->selectrow_array('SELECT ?, ?, length(?)', undef, 'abc', to_driver('Grüße Ωμέγα 漢字'),
                              to_driver('Grüße Ωμέγα 漢字'));
    is_deeply(\@text, ['abc', 'Grüße Ωμέγα 漢字', 14], 'text, non-ASCII included, 14 characters');
    is_deeply([$dbh->selectrow_array('SELECT CAST(? AS float8) * 2', undef, 1.25)], [2.5], 'float');
    is_deeply([$dbh->selectrow_array('SELECT count(*) FROM generate_series(1, ?) g WHERE g % ? = 0',
                                     undef, 100, 7)], [14], 'two placeholders in one query');
};

subtest 'prepare once, execute many times' => sub {
    my $table = fresh_table('many', 'id int PRIMARY KEY, label text');
    my $insert = $dbh->prepare("INSERT INTO $table VALUES (?, ?)");
    for my $i (1 .. 200) {
        is($insert->execute($i, to_driver("label $i é")), 1, "execute $i affects one row") or last;
    }
    is(count_rows($dbh, $table), 200, '200 rows');
    my $select = $dbh->prepare("SELECT label FROM $table WHERE id = ?");
    for my $i (1, 99, 200) {
        $select->execute($i);
        my $rows = $select->fetchall_arrayref;
        is_deeply([map { [map { from_driver($_) } @$_] } @$rows], [["label $i é"]], "row $i read back");
    }
    my ($sum) = $dbh->selectrow_array("SELECT sum(id) FROM $table");
    is($sum, 20100, 'sum of ids');
};

subtest 'bind_param with SQL types' => sub {
    my $table = fresh_table('typed', 'id int PRIMARY KEY, name varchar(40), ratio float8, '
                                   . 'amount numeric(12,3), day date, moment timestamp, flag boolean, '
                                   . 'payload bytea, missing int');
    my $sth = $dbh->prepare("INSERT INTO $table VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    $sth->bind_param(1, 5, SQL_INTEGER);
    $sth->bind_param(2, to_driver('Ωμέγα ü'), SQL_VARCHAR);
    $sth->bind_param(3, 0.125, SQL_DOUBLE);
    $sth->bind_param(4, '123456789.125', SQL_DECIMAL);
    $sth->bind_param(5, '2024-02-29', SQL_TYPE_DATE);
    $sth->bind_param(6, '2024-02-29 13:45:30.25', SQL_TYPE_TIMESTAMP);
    $sth->bind_param(7, 1, SQL_BIT);
    $sth->bind_param(8, "\x00\x01\xfe\xff", SQL_VARBINARY);
    $sth->bind_param(9, undef, SQL_INTEGER);
    is($sth->execute, 1, 'insert with typed parameters');

    my $row = $dbh->selectrow_arrayref(
        "SELECT id, name, ratio, amount, day, moment, flag, payload, missing FROM $table WHERE id = ?",
        undef, 5);
    ok($row, 'row found by id') or return;
    is($row->[0], 5, 'integer');
    is(from_driver($row->[1]), 'Ωμέγα ü', 'varchar with non-ASCII text');
    cmp_ok($row->[2], '==', 0.125, 'float8');
    cmp_ok($row->[3], '==', 123456789.125, 'numeric');
    is($row->[3], '123456789.125', 'numeric as text');
    is($row->[4], '2024-02-29', 'date');
    like($row->[5], qr/^2024-02-29 13:45:30\.250*$/, 'timestamp with fraction');
    is($row->[6], 1, 'boolean true reads as 1');
    is($row->[7], "\x00\x01\xfe\xff", 'bytea bytes');
    is($row->[8], undef, 'NULL integer reads as undef');

    my ($matches) = $dbh->selectrow_array(
        "SELECT count(*) FROM $table WHERE amount = ? AND day = ? AND flag = ?", undef,
        '123456789.125', '2024-02-29', 1);
    is($matches, 1, 'untyped placeholders compared with numeric, date and boolean columns');
};

subtest 'do() returns the affected row count' => sub {
    my $table = fresh_table('do', 'id int PRIMARY KEY, v int');
    is($dbh->do("INSERT INTO $table SELECT g, g * 10 FROM generate_series(1, 5) g"), 5,
       'INSERT ... SELECT of 5 rows');
    is($dbh->do("UPDATE $table SET v = v + 1 WHERE id <= ?", undef, 3), 3, 'UPDATE of 3 rows');
    is($dbh->do("UPDATE $table SET v = 0 WHERE id > ?", undef, 100), '0E0',
       'UPDATE of no row is 0E0 (true, numerically zero)');
    is($dbh->do("DELETE FROM $table WHERE v > ?", undef, 40), 1, 'DELETE of one row');
    my ($sum) = $dbh->selectrow_array("SELECT sum(v) FROM $table");
    is($sum, 11 + 21 + 31 + 40, 'values after the updates');
};

subtest 'begin_work, commit and rollback seen from a second connection' => sub {
    my $table = fresh_table('begin', 'id int PRIMARY KEY, v int');
    my $observer = owner_connect();
    ok($dbh->begin_work, 'begin_work');
    ok(!$dbh->{AutoCommit}, 'AutoCommit is off inside begin_work');
    $dbh->do("INSERT INTO $table VALUES (?, ?)", undef, 1, 100);
    is(count_rows($observer, $table), 0, 'uncommitted insert invisible to another connection');
    ok($dbh->commit, 'commit');
    ok($dbh->{AutoCommit}, 'AutoCommit back on after commit');
    is(count_rows($observer, $table), 1, 'committed insert visible');

    $dbh->begin_work;
    $dbh->do("INSERT INTO $table VALUES (?, ?)", undef, 2, 200);
    $dbh->do("UPDATE $table SET v = ? WHERE id = ?", undef, 999, 1);
    is(count_rows($dbh, $table), 2, 'own uncommitted insert visible');
    ok($dbh->rollback, 'rollback');
    is(count_rows($dbh, $table), 1, 'rolled-back insert gone');
    is(($observer->selectrow_array("SELECT v FROM $table WHERE id = 1"))[0], 100,
       'rolled-back update gone');
    $observer->disconnect;
};

subtest 'AutoCommit => 0 connection' => sub {
    my $table = fresh_table('noauto', 'id int PRIMARY KEY, v int');
    my $work = owner_connect(AutoCommit => 0);
    my $observer = owner_connect();
    ok(!$work->{AutoCommit}, 'AutoCommit is off');
    my $insert = $work->prepare("INSERT INTO $table VALUES (?, ?)");
    $insert->execute($_, $_) for 1 .. 10;
    is(count_rows($observer, $table), 0, 'nothing visible before commit');
    $work->commit;
    is(count_rows($observer, $table), 10, 'ten rows visible after commit');
    $insert->execute(11, 11);
    $work->rollback;
    is(count_rows($work, $table), 10, 'the rolled-back row is gone');
    $insert->execute(12, 12);
    $work->commit;
    is(count_rows($observer, $table), 11, 'the prepared statement works after rollback and commit');

    # An error aborts the transaction until rollback.
    ok(!eval { $work->do('SELECT * FROM clients_dbi_no_such_table'); 1 }, 'bad statement dies');
    is($work->state, '42P01', 'undefined table is 42P01');
    ok(!eval { $work->selectrow_array('SELECT 1'); 1 }, 'next statement in the failed transaction dies');
    is($work->state, '25P02', 'with 25P02');
    $work->rollback;
    is_deeply([$work->selectrow_array('SELECT CAST(? AS int)', undef, 7)], [7],
              'statements work again after rollback');
    $work->disconnect;
    $observer->disconnect;
};

subtest 'RaiseError carries err, errstr and state' => sub {
    my $table = fresh_table('unique', 'id int PRIMARY KEY');
    $dbh->do("INSERT INTO $table VALUES (?)", undef, 1);
    my $died = !eval { $dbh->do("INSERT INTO $table VALUES (?)", undef, 1); 1 };
    ok($died, 'duplicate key dies under RaiseError');
    like($@, qr/duplicate key/, 'the exception names the duplicate key');
    is($dbh->state, '23505', 'state is 23505');
    ok($dbh->err, 'err is set');
    like($dbh->errstr, qr/\[pgodbc\]\[PostgreSQL\].*duplicate key/, 'errstr carries the server message');

    my $quiet = owner_connect(RaiseError => 0);
    ok(!defined $quiet->do('SELEC 1'), 'without RaiseError do() returns undef on error');
    is($quiet->state, '42601', 'syntax error is 42601');
    $quiet->disconnect;
};

subtest 'statement metadata: NAME, TYPE, NUM_OF_FIELDS' => sub {
    my $sth = $dbh->prepare('SELECT CAST(1 AS int) AS id, CAST(2 AS float8) AS ratio, '
                            . 'CAST(3 AS numeric(10,2)) AS amount, DATE \'2024-01-01\' AS day, '
                            . 'TIMESTAMP \'2024-01-01 00:00:00\' AS moment, true AS flag, '
                            . 'CAST(? AS varchar(10)) AS label');
    $sth->execute('x');
    is($sth->{NUM_OF_FIELDS}, 7, 'seven columns');
    is_deeply($sth->{NAME}, [qw(id ratio amount day moment flag label)], 'NAME');
    my @types = @{ $sth->{TYPE} };
    is($types[0], SQL_INTEGER, 'int is SQL_INTEGER');
    is($types[1], SQL_DOUBLE, 'float8 is SQL_DOUBLE');
    ok($types[2] == SQL_NUMERIC || $types[2] == SQL_DECIMAL, 'numeric is SQL_NUMERIC or SQL_DECIMAL');
    is($types[3], SQL_TYPE_DATE, 'date is SQL_TYPE_DATE');
    is($types[4], SQL_TYPE_TIMESTAMP, 'timestamp is SQL_TYPE_TIMESTAMP');
    is($types[5], SQL_BIT, 'boolean is SQL_BIT');
    ok($types[6] == SQL_VARCHAR || $types[6] == SQL_WVARCHAR, 'varchar is SQL_VARCHAR or SQL_WVARCHAR');
    is_deeply($sth->{PRECISION}[2], 10, 'numeric(10,2) precision');
    is_deeply($sth->{SCALE}[2], 2, 'numeric(10,2) scale');
    is_deeply($sth->fetchrow_arrayref, [1, 2, '3.00', '2024-01-01', '2024-01-01 00:00:00', 1, 'x'],
              'the row');
    ok(!$sth->fetchrow_arrayref, 'one row only');
};

subtest 'INSERT ... RETURNING gives the new key' => sub {
    my $table = fresh_table('returning', 'id serial PRIMARY KEY, label text');
    my ($first) = $dbh->selectrow_array("INSERT INTO $table (label) VALUES (?) RETURNING id", undef, 'a');
    my ($second) = $dbh->selectrow_array("INSERT INTO $table (label) VALUES (?) RETURNING id", undef, 'b');
    is($first, 1, 'first id');
    is($second, 2, 'second id');
    my $sth = $dbh->prepare("INSERT INTO $table (label) VALUES (?), (?) RETURNING id, label");
    $sth->execute('c', 'd');
    is_deeply($sth->fetchall_arrayref, [[3, 'c'], [4, 'd']], 'several rows returned');
};

subtest 'NULLs are undef both ways' => sub {
    my $table = fresh_table('nulls', 'id int PRIMARY KEY, a text, b int, c date');
    $dbh->do("INSERT INTO $table VALUES (?, ?, ?, ?)", undef, 1, undef, undef, undef);
    $dbh->do("INSERT INTO $table VALUES (?, ?, ?, ?)", undef, 2, '', 0, '2000-01-01');
    is_deeply($dbh->selectrow_arrayref("SELECT a, b, c FROM $table WHERE id = 1"),
              [undef, undef, undef], 'NULLs read as undef');
    is_deeply($dbh->selectrow_arrayref("SELECT a, b, c FROM $table WHERE id = 2"),
              ['', 0, '2000-01-01'], 'empty string and zero are not NULL');
    is_deeply([$dbh->selectrow_array("SELECT count(*) FROM $table WHERE a IS NULL")], [1],
              'the server stored one NULL text');
    is_deeply([$dbh->selectrow_array('SELECT CAST(? AS int) IS NULL', undef, undef)], [1],
              'undef placeholder is NULL');
};

subtest 'long text and binary values with LongReadLen' => sub {
    my $table = fresh_table('long', 'id int PRIMARY KEY, body text, blob bytea');
    my $body = join('', map { $_ % 7 ? chr(65 + $_ % 26) : 'é' } 0 .. 99_999);
    my $blob = join('', map { chr($_ % 256) } 0 .. 262_143);
    my $sth = $dbh->prepare("INSERT INTO $table VALUES (?, ?, ?)");
    $sth->bind_param(1, 1, SQL_INTEGER);
    $sth->bind_param(2, to_driver($body), SQL_LONGVARCHAR);
    $sth->bind_param(3, $blob, SQL_LONGVARBINARY);
    is($sth->execute, 1, 'insert of 100,000 characters and 256 KiB');
    is_deeply([$dbh->selectrow_array("SELECT length(body), octet_length(blob) FROM $table")],
              [100_000, 262_144], 'lengths stored by the server');
    # DBI reads long columns up to LongReadLen bytes (default 80).
    local $dbh->{LongReadLen} = 1_000_000;
    my $row = $dbh->selectrow_arrayref("SELECT body, blob FROM $table WHERE id = ?", undef, 1);
    ok(from_driver($row->[0]) eq $body, 'text read back whole');
    ok($row->[1] eq $blob, 'bytea read back whole');
    local $dbh->{LongReadLen} = 10;
    local $dbh->{LongTruncOk} = 0;
    ok(!eval { $dbh->selectrow_arrayref("SELECT body FROM $table"); 1 },
       'a value longer than LongReadLen without LongTruncOk dies');
    like($@, qr/truncat/i, 'naming the truncation');
};

subtest 'fetch 10,000 rows' => sub {
    my $sth = $dbh->prepare('SELECT g, md5(CAST(g AS text)) FROM generate_series(1, ?) g ORDER BY g');
    $sth->execute(10000);
    my ($count, $sum) = (0, 0);
    while (my $row = $sth->fetchrow_arrayref) {
        $count++;
        $sum += $row->[0];
        if ($row->[0] != $count) {
            fail("row $count has id $row->[0]");
            last;
        }
    }
    is($count, 10000, 'row count');
    is($sum, 50005000, 'sum of ids');
};

subtest 'catalog: table_info, column_info, primary_key_info, foreign_key_info, type_info_all' => sub {
    $dbh->do('DROP TABLE IF EXISTS clients_dbi_cat_child, clients_dbi_cat_parent');
    my $parent = fresh_table('cat_parent', 'id int PRIMARY KEY, name varchar(20) NOT NULL');
    my $child = fresh_table('cat_child', "id int PRIMARY KEY, parent_id int REFERENCES $parent");
    my $tables = $dbh->table_info(undef, 'public', 'clients_dbi_cat%', 'TABLE')
        ->fetchall_arrayref({});
    is_deeply([map { [$_->{TABLE_NAME}, $_->{TABLE_TYPE}] } @$tables],
              [[$child, 'TABLE'], [$parent, 'TABLE']], 'table_info lists both tables');
    my $columns = $dbh->column_info(undef, 'public', $parent, '%')->fetchall_arrayref({});
    is_deeply([map { [@$_{qw(COLUMN_NAME DATA_TYPE TYPE_NAME COLUMN_SIZE NULLABLE
                             ORDINAL_POSITION)}] } @$columns],
              [['id', SQL_INTEGER, 'int4', 10, 0, 1], ['name', SQL_VARCHAR, 'varchar', 20, 0, 2]],
              'column_info types, sizes, nullability, positions');
    my $keys = $dbh->primary_key_info(undef, 'public', $parent)->fetchall_arrayref({});
    is_deeply([map { [@$_{qw(COLUMN_NAME KEY_SEQ PK_NAME)}] } @$keys],
              [['id', 1, "${parent}_pkey"]], 'primary_key_info');
    is_deeply([$dbh->primary_key(undef, 'public', $parent)], ['id'], 'primary_key');
    my $referencing = $dbh->foreign_key_info(undef, 'public', $parent, undef, undef, undef)
        ->fetchall_arrayref;
    is_deeply([map { [@$_[2, 3, 6, 7, 8]] } @$referencing],
              [[$parent, 'id', $child, 'parent_id', 1]], 'foreign_key_info by primary table');
    my $referenced = $dbh->foreign_key_info(undef, undef, undef, undef, 'public', $child)
        ->fetchall_arrayref;
    is(scalar(@$referenced), 1, 'foreign_key_info by foreign table');
    is($referenced->[0][2], $parent, 'names the referenced table');
    my $all = $dbh->type_info_all;
    my $index = $all->[0];
    my %names = map { $_->[$index->{TYPE_NAME}] => $_->[$index->{DATA_TYPE}] } @$all[1 .. $#$all];
    is($names{int4}, SQL_INTEGER, 'type_info_all has int4 as SQL_INTEGER');
    is($names{varchar}, SQL_VARCHAR, 'and varchar as SQL_VARCHAR');
    is($names{timestamptz}, SQL_TYPE_TIMESTAMP, 'and timestamptz as SQL_TYPE_TIMESTAMP');
    my @varchar = $dbh->type_info(SQL_VARCHAR);
    is($varchar[0]{TYPE_NAME}, 'varchar', 'type_info gives the closest type first');
    $dbh->do("DROP TABLE $child, $parent");
};

END {
    if ($dbh) {
        $dbh->{RaiseError} = 0;
        $dbh->rollback unless $dbh->{AutoCommit};
        $dbh->do("DROP TABLE IF EXISTS $_") for @tables;
        $dbh->disconnect;
    }
}

done_testing();
