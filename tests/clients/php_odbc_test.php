<?php
// pgodbc from PHP (Debian php-cli, php-odbc), through both of PHP's ODBC
// interfaces, used the way their users use them:
//  - the odbc extension: odbc_connect by DSN and by connection string,
//    odbc_prepare/odbc_execute with parameters, odbc_exec, odbc_num_rows,
//    odbc_fetch_array/odbc_fetch_row/odbc_result/odbc_fetch_into,
//    odbc_autocommit + odbc_commit/odbc_rollback, odbc_error/odbc_errormsg;
//  - PDO_ODBC (shipped in php-odbc): prepared statements with bound values,
//    transactions, PDOException carrying the SQLSTATE.
//
// Prints TAP; exits 1 when a check fails (a check marked TODO does not count).
// Runs against the harness server (tests/harness): PGO_HARNESS_ENV names its
// env file (KEY='value' lines); ODBCSYSINI from it points unixODBC at the
// private odbcinst.ini/odbc.ini where the driver is [pgodbc] and the DSN
// [pgo_test] (role pgo_scram) exists. Tables are made by pgo_trust, which
// owns the database, and are named clients_php_*.
//
//     PGO_HARNESS_ENV=<build>/pg-harness/env php php_odbc_test.php
//
// PHP's odbc extension fetches every row with SQLExtendedFetch when the
// driver's SQLGetInfo(SQL_FETCH_DIRECTION) includes SQL_FD_FETCH_ABSOLUTE (the
// driver manager does not map it to SQLFetchScroll). The same data is also
// checked without fetching (UPDATE ... SET id = id counts matching rows
// through odbc_num_rows), and through PDO.

error_reporting(E_ALL);

$tap_count = 0;
$tap_failed = 0;

function check(bool $passed, string $name, ?string $todo = null, string $detail = ''): bool
{
    global $tap_count, $tap_failed;
    $tap_count++;
    $line = ($passed ? 'ok ' : 'not ok ') . $tap_count . ' - ' . $name;
    if ($todo !== null) {
        $line .= ' # TODO ' . $todo;
    } elseif (!$passed) {
        $tap_failed++;
    }
    echo $line, "\n";
    if (!$passed && $detail !== '') {
        foreach (explode("\n", rtrim($detail)) as $detail_line) {
            echo '#   ', $detail_line, "\n";
        }
    }
    return $passed;
}

function check_same($got, $want, string $name, ?string $todo = null): bool
{
    return check($got === $want, $name, $todo,
                 'got:  ' . var_export($got, true) . "\nwant: " . var_export($want, true));
}

function bail_out(string $reason): void
{
    echo "Bail out! $reason\n";
    exit(1);
}

function read_harness_env(): array
{
    $path = getenv('PGO_HARNESS_ENV');
    if ($path === false || $path === '') {
        bail_out('PGO_HARNESS_ENV is not set: point it at <build>/pg-harness/env');
    }
    $lines = @file($path, FILE_IGNORE_NEW_LINES);
    if ($lines === false) {
        bail_out("cannot read $path");
    }
    $values = [];
    foreach ($lines as $line) {
        if (preg_match("/^([A-Z_][A-Z0-9_]*)='(.*)'\$/", $line, $match)) {
            $values[$match[1]] = $match[2];
        }
    }
    foreach (['ODBCSYSINI', 'PGO_HOST', 'PGO_PORT', 'PGO_PASSWORD', 'PGO_DATABASE', 'PGO_DRIVER'] as $key) {
        if (!isset($values[$key])) {
            bail_out("$path has no $key");
        }
    }
    return $values;
}

$env = read_harness_env();
putenv('ODBCSYSINI=' . $env['ODBCSYSINI']);

$server = "DRIVER={pgodbc};Server={$env['PGO_HOST']};Port={$env['PGO_PORT']};Database={$env['PGO_DATABASE']}";
$password = $env['PGO_PASSWORD'];

function owner_connect()
{
    global $server;
    // odbc_connect (not odbc_pconnect): each call opens its own connection.
    $connection = odbc_connect("$server;UID=pgo_trust", '', '');
    if ($connection === false) {
        bail_out('connecting as pgo_trust failed: ' . odbc_errormsg());
    }
    return $connection;
}

// Rows of $table matching $where, counted by the server without fetching
// anything: an UPDATE that changes nothing reports how many rows it touched.
function server_count($connection, string $table, string $where = 'true'): int
{
    $result = odbc_exec($connection, "UPDATE $table SET id = id WHERE $where");
    if ($result === false) {
        return -1;
    }
    return odbc_num_rows($result);
}

$tables = [];
function fresh_table($connection, string $name, string $columns): string
{
    global $tables;
    $table = "clients_php_$name";
    odbc_exec($connection, "DROP TABLE IF EXISTS $table");
    if (odbc_exec($connection, "CREATE TABLE $table ($columns)") === false) {
        bail_out("CREATE TABLE $table failed: " . odbc_errormsg($connection));
    }
    $tables[] = $table;
    return $table;
}

// ---- odbc extension: connecting ------------------------------------------

$by_dsn = odbc_connect('pgo_test', '', '');
if (check($by_dsn !== false, 'odbc_connect by DSN name', null, (string) odbc_errormsg())) {
    $result = odbc_exec($by_dsn, 'SELECT current_user AS who, current_database() AS db');
    check($result !== false, 'odbc_exec on the DSN connection', null, odbc_errormsg($by_dsn));
    check_same([odbc_num_fields($result), odbc_field_name($result, 1), odbc_field_name($result, 2)],
               [2, 'who', 'db'], 'odbc_num_fields and odbc_field_name');
    check_same(odbc_fetch_array($result), ['who' => 'pgo_scram', 'db' => $env['PGO_DATABASE']],
               'odbc_fetch_array reads the DSN user and database');
    odbc_close($by_dsn);
}

$by_string = odbc_connect($server, 'pgo_scram', $password);
check($by_string !== false, 'odbc_connect by DSN-less string, user and password as arguments', null,
      (string) odbc_errormsg());
if ($by_string !== false) {
    $result = odbc_exec($by_string, 'SELECT current_user');
    check_same($result !== false ? odbc_result($result, 1) : null, 'pgo_scram',
               'odbc_result reads current_user');
    odbc_close($by_string);
}
$in_string = odbc_connect("$server;UID=pgo_scram;PWD=$password", '', '');
check($in_string !== false, 'odbc_connect with UID and PWD in the string', null, (string) odbc_errormsg());
if ($in_string !== false) {
    odbc_close($in_string);
}
$refused = @odbc_connect($server, 'pgo_scram', 'not-the-password');
check($refused === false, 'a wrong password is refused');
check_same(odbc_error(), '28P01', 'odbc_error() after the refusal is 28P01');

// ---- odbc extension: parameters, row counts, fetching --------------------

$c = owner_connect();
$observer = owner_connect();

$table = fresh_table($c, 'values',
    'id int PRIMARY KEY, name text, ratio float8, amount numeric(12,3), day date, flag boolean, missing int');
$insert = odbc_prepare($c, "INSERT INTO $table VALUES (?, ?, ?, ?, ?, ?, ?)");
check($insert !== false, 'odbc_prepare of a 7-parameter INSERT', null, odbc_errormsg($c));
$rows = [
    // odbc_execute binds every value as SQL_C_CHAR with the SQL type from
    // SQLDescribeParam; for boolean that is SQL_BIT, which takes "0"/"1".
    [1, 'Grüße Ωμέγα 漢字', 0.5, '1234.125', '2024-02-29', 1, null],
    [2, "it's ?", -2.25, '-0.001', '1999-12-31', 0, 7],
    [3, '', 1e10, '0', '2000-01-01', 1, 0],
];
$all_inserted = true;
foreach ($rows as $row) {
    $done = odbc_execute($insert, $row);
    $all_inserted = $all_inserted && $done && odbc_num_rows($insert) === 1;
}
check($all_inserted, 'odbc_execute inserts three rows, odbc_num_rows 1 each', null, odbc_errormsg($c));
check_same(server_count($observer, $table), 3, 'three rows stored');
check_same(server_count($observer, $table,
    "id = 1 AND name = 'Grüße Ωμέγα 漢字' AND length(name) = 14 AND ratio = 0.5 AND amount = 1234.125 "
    . "AND day = DATE '2024-02-29' AND flag AND missing IS NULL"), 1,
    'row 1 stored with every value exact (non-ASCII text, NULL)');
check_same(server_count($observer, $table,
    "id = 2 AND name = 'it''s ?' AND ratio = -2.25 AND amount = -0.001 AND NOT flag AND missing = 7"), 1,
    'row 2 stored exactly (quote and question mark in a parameter)');
check_same(server_count($observer, $table, "id = 3 AND name = '' AND ratio = 1e10 AND missing = 0"), 1,
    'row 3 stored exactly (empty string is not NULL)');

$update = odbc_exec($c, "UPDATE $table SET ratio = ratio * 2 WHERE id <= 2");
check_same($update !== false ? odbc_num_rows($update) : null, 2, 'odbc_num_rows after UPDATE of two rows');
$select = odbc_prepare($c, "SELECT id, name, ratio, amount, day, flag, missing FROM $table WHERE id = ?");
check($select !== false && odbc_execute($select, [1]), 'odbc_execute of a SELECT with a parameter',
      null, odbc_errormsg($c));
check_same(odbc_num_fields($select), 7, 'seven result columns');
$fetched = [odbc_fetch_array($select), odbc_fetch_array($select)];
check_same($fetched, [['id' => '1', 'name' => 'Grüße Ωμέγα 漢字', 'ratio' => '1', 'amount' => '1234.125',
                       'day' => '2024-02-29', 'flag' => '1', 'missing' => null], false],
           'odbc_fetch_array returns the row, NULL as null, then false');

$all = odbc_exec($c, "SELECT id, name FROM $table ORDER BY id");
$ids = [];
while (odbc_fetch_row($all)) {
    $ids[] = odbc_result($all, 'id') . ':' . odbc_result($all, 2);
}
check_same($ids, ['1:Grüße Ωμέγα 漢字', "2:it's ?", '3:'], 'odbc_fetch_row and odbc_result by name and number');
$into = [];
$generated = odbc_exec($c, 'SELECT g, g * 2 FROM generate_series(1, 1000) g ORDER BY g');
$count = 0;
$sum = 0;
while (odbc_fetch_into($generated, $into)) {
    $count++;
    $sum += (int) $into[1];
}
check_same([$count, $sum], [1000, 1001000], 'odbc_fetch_into reads 1000 rows');

// ---- odbc extension: transactions ----------------------------------------

$tx_table = fresh_table($c, 'tx', 'id int PRIMARY KEY');
check_same(odbc_autocommit($c), 1, 'odbc_autocommit reports autocommit on by default');
check(odbc_autocommit($c, false), 'odbc_autocommit($c, false)', null, odbc_errormsg($c));
$tx_insert = odbc_prepare($c, "INSERT INTO $tx_table VALUES (?)");
check(odbc_execute($tx_insert, [1]), 'insert inside the transaction', null, odbc_errormsg($c));
check_same(server_count($observer, $tx_table), 0, 'uncommitted insert invisible to another connection');
check(odbc_commit($c), 'odbc_commit', null, odbc_errormsg($c));
check_same(server_count($observer, $tx_table), 1, 'committed insert visible');
check(odbc_execute($tx_insert, [2]), 'second insert', null, odbc_errormsg($c));
check_same(server_count($c, $tx_table), 2, 'own uncommitted insert visible');
check(odbc_rollback($c), 'odbc_rollback', null, odbc_errormsg($c));
check_same(server_count($observer, $tx_table), 1, 'rolled-back insert invisible');
check_same(server_count($c, $tx_table), 1, 'rolled-back insert gone for its own connection too');

$bad = @odbc_exec($c, 'SELECT * FROM clients_php_no_such_table');
check($bad === false, 'odbc_exec of a bad statement returns false');
check_same(odbc_error($c), '42P01', 'odbc_error is 42P01');
check(str_contains(odbc_errormsg($c), 'does not exist'), 'odbc_errormsg names the problem', null,
      odbc_errormsg($c));
$aborted = @odbc_exec($c, "SELECT count(*) FROM $tx_table");
check($aborted === false, 'statement in the failed transaction fails');
check_same(odbc_error($c), '25P02', 'with 25P02');
check(odbc_rollback($c), 'odbc_rollback ends the failed transaction', null, odbc_errormsg($c));
check_same(server_count($c, $tx_table), 1, 'statements work again after rollback');
check(odbc_autocommit($c, true), 'odbc_autocommit($c, true)', null, odbc_errormsg($c));
check(odbc_execute($tx_insert, [3]), 'insert with autocommit on again', null, odbc_errormsg($c));
check_same(server_count($observer, $tx_table), 2, 'visible at once with autocommit on');

$unique = @odbc_execute($tx_insert, [3]);
check($unique === false, 'duplicate key fails');
check_same(odbc_error($c), '23505', 'odbc_error is 23505');
check(str_contains(odbc_errormsg($c), 'duplicate key'), 'odbc_errormsg says duplicate key', null,
      odbc_errormsg($c));

// ---- PDO_ODBC --------------------------------------------------------------

if (!extension_loaded('pdo_odbc')) {
    check(false, 'the pdo_odbc extension is loaded (php-odbc ships it)');
} else {
    try {
        $by_dsn_pdo = new PDO('odbc:pgo_test');
        check_same($by_dsn_pdo->query('SELECT current_user')->fetchColumn(), 'pgo_scram', 'PDO by DSN name');
        $by_dsn_pdo = null;
    } catch (PDOException $e) {
        check(false, 'PDO by DSN name', null, $e->getMessage());
    }

    try {
        // PHP 8.2's PDO_ODBC passes a connection string (one with "=") to
        // SQLDriverConnect as it is: UID and PWD belong in the string.
        $by_string_pdo = new PDO("odbc:$server;UID=pgo_scram;PWD=$password");
        check_same($by_string_pdo->query('SELECT current_user')->fetchColumn(), 'pgo_scram',
                   'PDO by DSN-less string with UID and PWD');
        $by_string_pdo = null;
        $pdo = new PDO("odbc:$server;UID=pgo_trust", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
        $pdo_observer = new PDO("odbc:$server;UID=pgo_trust", null, null,
                                [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
        $pdo_table = fresh_table($c, 'pdo', 'id int PRIMARY KEY, name text, ratio float8, missing int, flag boolean');
        $statement = $pdo->prepare("INSERT INTO $pdo_table VALUES (:id, :name, :ratio, :missing, :flag)");
        $statement->bindValue(':id', 1, PDO::PARAM_INT);
        $statement->bindValue(':name', 'Ωμέγα ü', PDO::PARAM_STR);
        $statement->bindValue(':ratio', '0.25', PDO::PARAM_STR);
        $statement->bindValue(':missing', null, PDO::PARAM_NULL);
        // SQLDescribeParam says SQL_BIT, which takes "0"/"1" (PDO_ODBC binds
        // PARAM_BOOL false as "", which the reference refuses with 22018).
        $statement->bindValue(':flag', 1, PDO::PARAM_INT);
        check($statement->execute(), 'PDO insert with bound values');
        check_same($statement->rowCount(), 1, 'rowCount after insert');
        $statement = $pdo->prepare("INSERT INTO $pdo_table (id, name) VALUES (?, ?)");
        for ($i = 2; $i <= 100; $i++) {
            $statement->execute([$i, "name $i"]);
        }
        check_same((int) $pdo->query("SELECT count(*) FROM $pdo_table")->fetchColumn(), 100,
                   'one prepared INSERT executed 99 times more');

        $select = $pdo->prepare("SELECT id, name, ratio, missing, flag FROM $pdo_table WHERE id = ?");
        $select->execute([1]);
        check_same($select->fetch(PDO::FETCH_ASSOC),
                   ['id' => '1', 'name' => 'Ωμέγα ü', 'ratio' => '0.25', 'missing' => null, 'flag' => '1'],
                   'PDO fetch returns the row, NULL as null');
        check_same($select->fetch(PDO::FETCH_ASSOC), false, 'one row only');
        check_same($pdo->exec("UPDATE $pdo_table SET ratio = 1 WHERE id > 50"), 50, 'PDO::exec returns affected rows');

        check($pdo->beginTransaction(), 'beginTransaction');
        $pdo->exec("DELETE FROM $pdo_table WHERE id > 10");
        check_same((int) $pdo_observer->query("SELECT count(*) FROM $pdo_table")->fetchColumn(), 100,
                   'uncommitted delete invisible to another connection');
        check($pdo->rollBack(), 'rollBack');
        check_same((int) $pdo->query("SELECT count(*) FROM $pdo_table")->fetchColumn(), 100,
                   'rolled-back delete undone');
        $pdo->beginTransaction();
        $pdo->exec("DELETE FROM $pdo_table WHERE id > 10");
        check($pdo->commit(), 'commit');
        check_same((int) $pdo_observer->query("SELECT count(*) FROM $pdo_table")->fetchColumn(), 10,
                   'committed delete visible');

        try {
            $pdo->prepare("INSERT INTO $pdo_table (id) VALUES (?)")->execute([1]);
            check(false, 'duplicate key throws PDOException');
        } catch (PDOException $e) {
            check(true, 'duplicate key throws PDOException');
            check_same($e->getCode(), '23505', 'PDOException code is 23505');
            check_same($e->errorInfo[0] ?? null, '23505', 'errorInfo[0] is 23505');
            check(str_contains($e->getMessage(), 'duplicate key'), 'message says duplicate key', null,
                  $e->getMessage());
        }
        $pdo->beginTransaction();
        try {
            $pdo->exec('SELEC 1');
            check(false, 'syntax error throws');
        } catch (PDOException $e) {
            check_same($e->getCode(), '42601', 'syntax error is 42601');
        }
        try {
            $pdo->query('SELECT 1');
            check(false, 'statement in the failed transaction throws');
        } catch (PDOException $e) {
            check_same($e->getCode(), '25P02', 'statement in the failed transaction is 25P02');
        }
        check($pdo->rollBack(), 'rollBack after the failure');
        check_same($pdo->query('SELECT 41 + 1')->fetchColumn(), '42', 'statements work after rollBack');

        $many = $pdo->query('SELECT g FROM generate_series(1, 10000) g');
        $total = 0;
        $count = 0;
        foreach ($many as $row) {
            $total += (int) $row['g'];
            $count++;
        }
        check_same([$count, $total], [10000, 50005000], 'PDO iterates 10,000 rows');
        $pdo = null;
        $pdo_observer = null;
    } catch (PDOException $e) {
        check(false, 'PDO section ran without an unexpected exception', null, $e->getMessage());
    }
}

// ---- odbc extension: catalog functions ----------------------------------

$parent = fresh_table($c, 'cat_parent', 'id integer PRIMARY KEY, label text NOT NULL');
$child = fresh_table($c, 'cat_child',
                     "id integer PRIMARY KEY, parent_id integer REFERENCES $parent(id)");
// The child goes first at the end: it references the parent.
$tables = array_merge([$child], array_diff($tables, [$child]));

function column_of($result, string $column): array
{
    $values = [];
    while ($result !== false && odbc_fetch_row($result)) {
        $values[] = odbc_result($result, $column);
    }
    return $values;
}

$listed = odbc_tables($c, null, 'public', 'clients\_php\_cat\_%', 'TABLE');
check($listed !== false, 'odbc_tables runs', null, odbc_errormsg($c));
$names = column_of($listed, 'TABLE_NAME');
sort($names);
check_same($names, [$child, $parent], 'odbc_tables lists both tables by pattern');

$columns = odbc_columns($c, null, 'public', $parent);
check($columns !== false, 'odbc_columns runs', null, odbc_errormsg($c));
$described = [];
while ($columns !== false && odbc_fetch_row($columns)) {
    $described[] = odbc_result($columns, 'COLUMN_NAME') . ':' . odbc_result($columns, 'TYPE_NAME') .
                   ':' . odbc_result($columns, 'NULLABLE');
}
check_same($described, ['id:int4:0', 'label:text:0'], 'odbc_columns gives names, types and nullability in order');

$keys = odbc_primarykeys($c, null, 'public', $parent);
check($keys !== false, 'odbc_primarykeys runs', null, odbc_errormsg($c));
check_same(column_of($keys, 'COLUMN_NAME'), ['id'], 'odbc_primarykeys names the key column');

$foreign = odbc_foreignkeys($c, '', 'public', $parent, '', 'public', $child);
check($foreign !== false, 'odbc_foreignkeys runs', null, odbc_errormsg($c));
$pairs = [];
while ($foreign !== false && odbc_fetch_row($foreign)) {
    $pairs[] = odbc_result($foreign, 'PKCOLUMN_NAME') . '->' . odbc_result($foreign, 'FKCOLUMN_NAME');
}
check_same($pairs, ['id->parent_id'], 'odbc_foreignkeys pairs the columns');

foreach ($tables as $name) {
    odbc_exec($observer, "DROP TABLE IF EXISTS $name");
}
odbc_close($c);
odbc_close($observer);

echo "1..$tap_count\n";
if ($tap_failed > 0) {
    echo "# $tap_failed of $tap_count checks failed\n";
    exit(1);
}
exit(0);
